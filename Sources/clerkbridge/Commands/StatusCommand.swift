import ArgumentParser
import Foundation
import SyncEngine
import SyncStore

/// `clerkbridge status`: the queue, the workers, the last runs and the dead letters, from the database.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show queue depths, the oldest pending job, workers, last runs and dead letters per storefront.",
        discussion: "Reads only the database, so it works while `serve` or `worker` runs, and without credentials checks.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print as JSON.") var json = false

    func run() async throws {
        try await runCommand {
            let report = try await SyncDatabaseOpener.using(try options.settings()) { try await StatusReport.read(from: $0, now: Date()) }
            if json {
                try JSONOutput.print(report)
            } else {
                Swift.print(report.text)
            }
        }
    }
}

/// What `status` shows.
struct StatusReport: Encodable {
    struct Worker: Encodable {
        var owner: String
        var lastSeen: String
        var secondsAgo: Int
        var stopped: Bool
        /// The dependencies it found down when it last reported.
        var outages: [Outage]

        enum CodingKeys: String, CodingKey { case owner, stopped, outages, lastSeen = "last_seen", secondsAgo = "seconds_ago" }
    }

    struct Outage: Encodable {
        var dependency: String
        var since: String
        var reason: String
    }

    struct Run: Encodable {
        var ok: Bool
        var summary: String
        var finishedAt: String

        enum CodingKeys: String, CodingKey { case ok, summary, finishedAt = "finished_at" }
    }

    var queue: [String: Int]
    var oldestPendingSeconds: Int?
    var workers: [Worker]
    var lastRuns: [String: Run]
    var deadLetters: [String: Int]
    var lastWebhookAt: String?
    /// Shopper events in the event log by state (`pending`, `forwarding`, `forwarded`, `dead`).
    var events: [String: Int]

    enum CodingKeys: String, CodingKey {
        case queue, workers, events
        case oldestPendingSeconds = "oldest_pending_seconds", lastRuns = "last_runs", deadLetters = "dead_letters"
        case lastWebhookAt = "last_webhook_at"
    }

    /// Reads the report; `now` is the reference for ages.
    static func read(from store: any SyncDatabase, now: Date) async throws -> StatusReport {
        let counts = try await store.jobCounts()
        let oldest = try await store.oldestPendingRunAt()
        let heartbeats = try await WorkerHeartbeat.all(in: store)
        let runs = try await RunJournal.lastRuns(store: store)
        let letters = try await store.deadLetters(includeResolved: false)
        let lastDelivery = try await store.deliveries(limit: 1).first
        let events = try await store.eventCounts()
        return StatusReport(
            queue: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            oldestPendingSeconds: oldest.map { max(0, Int(now.timeIntervalSince($0))) },
            workers: heartbeats.map {
                Worker(
                    owner: $0.owner, lastSeen: DeadLetterSummary.format($0.lastSeen),
                    secondsAgo: max(0, Int(now.timeIntervalSince($0.lastSeen))), stopped: $0.stopped,
                    outages: $0.outages.map {
                        Outage(dependency: $0.dependency, since: DeadLetterSummary.format($0.since), reason: $0.reason)
                    })
            },
            lastRuns: Dictionary(uniqueKeysWithValues: runs.map {
                ($0.key.rawValue, Run(ok: $0.value.ok, summary: $0.value.summary, finishedAt: DeadLetterSummary.format($0.value.finishedAt)))
            }),
            deadLetters: Dictionary(grouping: letters, by: { $0.storefront ?? "*" }).mapValues(\.count),
            lastWebhookAt: lastDelivery.map { DeadLetterSummary.format($0.receivedAt) },
            events: Dictionary(uniqueKeysWithValues: events.map { ($0.key.rawValue, $0.value) }))
    }

    var text: String {
        var lines: [String] = []
        let states = JobState.allCases.map { "\($0.rawValue) \(queue[$0.rawValue] ?? 0)" }
        lines.append("queue: " + states.joined(separator: ", "))
        lines.append("oldest pending job: " + (oldestPendingSeconds.map { "due \($0) s ago" } ?? "none"))
        let recent = workers.filter { $0.secondsAgo < 60 && !$0.stopped }
        lines.append("workers: " + (recent.isEmpty ? "none reported in the last minute" : recent.map { "\($0.owner) (seen \($0.secondsAgo) s ago)" }.joined(separator: ", ")))
        let outages = recent.flatMap { worker in worker.outages.map { ($0, worker.owner) } }
        lines.append("dependencies: " + (outages.isEmpty
            ? (recent.isEmpty ? "unknown (no worker running)" : "BigCommerce and Clerk answer")
            : outages.map { "\($0.0.dependency) unavailable since \($0.0.since) (\($0.0.reason); seen by \($0.1))" }.joined(separator: "; ")))
        lines.append("last webhook: " + (lastWebhookAt ?? "none received"))
        lines.append("shopper events: " + LoggedEvent.State.allCases.map { "\($0.rawValue) \(events[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        for kind in RunJournal.Kind.allCases {
            let run = lastRuns[kind.rawValue]
            lines.append("last \(kind.rawValue): " + (run.map { "\($0.finishedAt) \($0.ok ? "ok" : "with failures") — \($0.summary)" } ?? "never"))
        }
        if deadLetters.isEmpty {
            lines.append("dead letters: none")
        } else {
            lines.append("dead letters: " + deadLetters.sorted { $0.key < $1.key }.map { "\($0.key == "*" ? "store-wide" : $0.key) \($0.value)" }.joined(separator: ", ") + " (see `clerkbridge dlq list`)")
        }
        return lines.joined(separator: "\n")
    }
}
