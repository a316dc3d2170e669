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
            (Clerk cannot list a store). Exit status: 0 identical; 1 differences (listed); 2 could not start.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this storefront (default: all declared).")
    var storefront: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        try await runCommand {
            let report = try await Runtime.using(try options.settings()) { try await Self.verify(runtime: $0, storefront: storefront) }
            try Self.print(report, json: json)
            if !report.ok { throw CommandFailure.finishedWithFailures }
        }
    }

    static func verify(runtime: Runtime, storefront: String?) async throws -> VerifyReport {
        let targets = try await runtime.targets(only: storefront)
        return try await Verifier(reader: runtime.reader(), clerk: runtime.clerk, ledger: runtime.store, retry: runtime.retry)
            .run(targets)
    }

    static func print(_ report: VerifyReport, json: Bool) throws {
        if json {
            try JSONOutput.print(report)
            return
        }
        for storefront in report.storefronts {
            Swift.print("\(storefront.name): checked \(storefront.checked), \(storefront.differences.count) differences")
            for difference in storefront.differences.prefix(50) {
                let fields = difference.fields.isEmpty ? "" : " (\(difference.fields.joined(separator: ", ")))"
                Swift.print("  \(difference.entity) \(difference.id): \(difference.kind.rawValue)\(fields)")
            }
            if storefront.differences.count > 50 { Swift.print("  … and \(storefront.differences.count - 50) more (use --json)") }
            for failure in storefront.failures { Swift.print("  incomplete: \(failure)") }
        }
        Swift.print(report.ok ? "identical" : "differences found")
    }
}
