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

/// How `status` prints the report without `--json`.
extension StatusReport {
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
        if let markets {
            lines.append("markets: validated \(markets.validatedAt), " + (markets.ok
                ? "every market correct"
                : markets.problems.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.count) problems" }.joined(separator: ", ")
                    + " (see `clerkbridge validate`)"))
        } else {
            lines.append("markets: not validated yet")
        }
        if deadLetters.isEmpty {
            lines.append("dead letters: none")
        } else {
            lines.append("dead letters: " + deadLetters.sorted { $0.key < $1.key }.map { "\($0.key == "*" ? "store-wide" : $0.key) \($0.value)" }.joined(separator: ", ") + " (see `clerkbridge dlq list`)")
        }
        return lines.joined(separator: "\n")
    }
}
