import ArgumentParser
import Foundation
import SyncEngine
import SyncStore

/// `clerkbridge dlq`: what failed, with its payloads, and re-running it.
struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Dead letters: writes and reads that failed for good, with their request and response payloads.",
        subcommands: [List.self, Show.self, Replay.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List unresolved dead letters, newest first.")

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print as JSON.") var json = false
        @Flag(help: "Include resolved ones.") var all = false

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                let all = all
                let letters = try await SyncDatabaseOpener.using(settings) { try await $0.deadLetters(includeResolved: all) }
                let mask = SecretMask(secrets: settings.secrets)
                if json {
                    try JSONOutput.print(letters.map { DeadLetterSummary($0, mask: mask) })
                    return
                }
                if letters.isEmpty { Swift.print("no dead letters") }
                for letter in letters {
                    Swift.print("\(letter.id)\t\(letter.storefront ?? "-")\t\(letter.kind)\t\(letter.entityID)\tattempts \(letter.attempts)\t"
                        + "\(DeadLetterSummary.format(letter.lastFailedAt))\t\(mask.masking(letter.error).prefix(120))"
                        + (letter.resolvedAt == nil ? "" : "\t(resolved)"))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one dead letter with the request sent and the response received.",
            discussion: "Exit status 2 when there is no dead letter with that id.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dead letter's id.") var id: Int64

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                let id = id
                guard let letter = try await SyncDatabaseOpener.using(settings, { try await $0.deadLetter(id: id) }) else {
                    throw CommandFailure.couldNotStart("no dead letter with id \(id)")
                }
                Swift.print(DeadLetterDetail(letter: letter, mask: SecretMask(secrets: settings.secrets)).text)
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-run dead letters from the catalog's current state; resolved ones leave the queue.",
            discussion: "Exit status: 0 all resolved; 1 some still failing; 2 could not start.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dead letter's id.") var id: Int64?
        @Flag(help: "Replay every unresolved dead letter.") var all = false

        func validate() throws {
            if (id == nil) == !all { throw ValidationError("give a dead letter id or --all") }
        }

        func run() async throws {
            try await runCommand {
                let stillFailing = try await Runtime.using(try options.settings()) { try await DeadLetterCommand.replay(runtime: $0, id: id) }
                if stillFailing > 0 { throw CommandFailure.finishedWithFailures }
            }
        }
    }

    /// Replays one letter or all; prints each outcome; returns how many still fail.
    static func replay(runtime: Runtime, id: Int64?) async throws -> Int {
        let letters: [DeadLetter]
        if let id {
            guard let letter = try await runtime.store.deadLetter(id: id) else {
                throw CommandFailure.couldNotStart("no dead letter with id \(id)")
            }
            letters = [letter]
        } else {
            letters = try await runtime.store.deadLetters(includeResolved: false)
        }
        let targets = try await runtime.targets(only: nil)
        let sync = DeltaSync(
            reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, targets: targets, logger: runtime.logger)
        let replayer = DeadLetterReplayer(
            reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, jobs: runtime.store, events: runtime.store,
            customers: BackgroundWork.customerWork(runtime: runtime, sync: sync, targets: targets), logger: runtime.logger)
        let open = letters.filter { $0.resolvedAt == nil }
        var stillFailing = 0
        for (letter, outcome) in zip(open, try await replayer.replay(open, targets: targets)) {
            switch outcome {
            case .resolved:
                Swift.print("\(letter.id) \(letter.kind) \(letter.entityID): resolved")
            case .stillFailing(let reason):
                stillFailing += 1
                Swift.print("\(letter.id) \(letter.kind) \(letter.entityID): still failing: \(reason)")
            case .queued(let job):
                Swift.print("\(letter.id) \(letter.kind) \(letter.entityID): queued again as job \(job); `serve` or `worker` runs it")
            case .eventRequeued:
                Swift.print("\(letter.id) event \(letter.entityID): back in the event log; `serve` or `worker` forwards it")
            }
        }
        return stillFailing
    }
}

/// A dead letter with its payloads, as `dlq show` prints it: a header, then the bytes sent and received with every
/// configured secret masked (the dashboard's detail masks them the same way).
struct DeadLetterDetail {
    let letter: DeadLetter
    let mask: SecretMask

    var text: String {
        var lines = [
            "dead letter \(letter.id)\(letter.resolvedAt.map { " (resolved \(DeadLetterSummary.format($0)))" } ?? "")",
            "storefront: \(letter.storefront ?? "-")",
            "kind: \(letter.kind)",
            "entity: \(letter.entityID)",
            "attempts: \(letter.attempts)",
            "first failed: \(DeadLetterSummary.format(letter.firstFailedAt))",
            "last failed: \(DeadLetterSummary.format(letter.lastFailedAt))",
            "error: \(mask.masking(letter.error))",
        ]
        for attempt in letter.history {
            lines.append("  attempt at \(DeadLetterSummary.format(attempt.at))\(attempt.responseStatus.map { " HTTP \($0)" } ?? ""): \(mask.masking(attempt.error))")
        }
        lines.append("request payload:")
        lines.append(letter.requestPayload.map { String(decoding: mask.masking($0), as: UTF8.self) } ?? "(none)")
        lines.append("response\(letter.responseStatus.map { " (HTTP \($0))" } ?? ""):")
        lines.append(letter.responseBody.map { String(decoding: mask.masking($0), as: UTF8.self) } ?? "(none)")
        return lines.joined(separator: "\n")
    }
}
