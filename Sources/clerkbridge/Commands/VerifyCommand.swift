import ArgumentParser
import Foundation
import SyncEngine

/// `clerkbridge verify`: reads Clerk back and compares it with the mapping of the catalog.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare each Clerk store with the mapping of the current BigCommerce catalog.",
        discussion: """
            Checks every id the mapping expects and every id clerkbridge ever pushed to that store \
            (Clerk cannot list a store). --repair then sends the different and missing documents, removes the \
            unexpected ones, and verifies again. Exit status: 0 identical (after repair, when asked); \
            1 differences (listed); 2 could not start.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this storefront (default: all declared).")
    var storefront: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(help: "Send the different and missing documents, remove the unexpected ones, then verify again.")
    var repair = false

    func run() async throws {
        try await runCommand {
            let report = try await Runtime.using(try options.settings()) {
                try await Self.verify(runtime: $0, storefront: storefront, repair: repair)
            }
            try Self.print(report, json: json)
            if !report.ok { throw CommandFailure.finishedWithFailures }
        }
    }

    static func verify(runtime: Runtime, storefront: String?, repair: Bool = false) async throws -> VerifyReport {
        let targets = try await runtime.targets(only: storefront)
        let report = try await Verifier(
            reader: runtime.reader(), clerk: runtime.clerk, writer: runtime.writer(), store: runtime.store,
            removalGuard: RemovalGuard(maxFraction: runtime.settings.maxRemovalFraction), retry: runtime.retry,
            logger: runtime.logger
        ).run(targets, repair: repair)
        try await RunJournal.record(report, store: runtime.store)
        return report
    }

    static func print(_ report: VerifyReport, json: Bool) throws {
        if json {
            try JSONOutput.print(report)
            return
        }
        for storefront in report.storefronts {
            if let repaired = storefront.repaired {
                Swift.print(
                    "\(storefront.name): repaired: \(repaired.pushed) documents sent, \(repaired.removed) removed, "
                        + "\(repaired.failed) refused by Clerk (dead-lettered)")
            }
            Swift.print("\(storefront.name): checked \(storefront.checked), \(storefront.differences.count) differences")
            for difference in storefront.differences.prefix(50) {
                let fields = difference.fields.isEmpty ? "" : " (\(difference.fields.joined(separator: ", ")))"
                Swift.print("  \(difference.entity) \(difference.id): \(difference.kind.rawValue)\(fields)")
            }
            if storefront.differences.count > 50 { Swift.print("  … and \(storefront.differences.count - 50) more (use --json)") }
            for failure in storefront.failures { Swift.print("  incomplete: \(failure)") }
        }
        guard !report.ok else {
            Swift.print("identical")
            return
        }
        let differences = report.storefronts.flatMap(\.differences)
        let send = differences.filter { $0.kind != .unexpected }.count
        let remove = differences.count - send
        Swift.print("differences found")
        Swift.print(
            "To repair: `clerkbridge verify --repair` sends the \(send) missing or different documents and removes the "
                + "\(remove) unexpected ones; `clerkbridge reindex --full` sends every document again.")
    }
}
