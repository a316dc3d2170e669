import ArgumentParser
import Foundation
import Reliability
import SyncEngine
import SyncStore

/// `clerkbridge reindex`: full reindex and reconciliation.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Full reindex: push every changed product and category to Clerk, remove what left the catalog.",
        discussion: """
            Progress goes to standard error, the summary to standard output. An interrupted run resumes \
            where it stopped. A run that would remove more than sync.max_removal_fraction of a storefront's \
            product documents removes none of them and reports a failure, unless --allow-mass-removal. \
            Exit status: 0 done; 1 finished with failures (listed); 2 could not start.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this storefront (default: all declared).")
    var storefront: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Flag(help: "Send every document again whatever the ledger says (repairs a Clerk store changed behind clerkbridge's back).")
    var full = false

    @Flag(help: "Remove what left the catalog even when it is more than sync.max_removal_fraction of a storefront.")
    var allowMassRemoval = false

    @Option(help: .hidden) var progressInterval: Double = 5

    func run() async throws {
        try await runCommand {
            let settings = try options.settings()
            let storefront = storefront
            let (full, allowMassRemoval) = (full, allowMassRemoval)
            let progress = ProgressReporter(interval: progressInterval)
            let report = try await Runtime.using(settings) { runtime in
                let lease = try await Self.lock(runtime: runtime, storefront: storefront)
                do {
                    let report = try await Self.reindex(
                        runtime: runtime, storefront: storefront,
                        options: runtime.reindexOptions(full: full, allowMassRemoval: allowMassRemoval), progress: progress)
                    await lease.release()
                    return report
                } catch {
                    await lease.release()
                    throw error
                }
            }
            try ReindexSummary(report: report).print(json: json)
            if !report.ok { throw CommandFailure.finishedWithFailures }
        }
    }

    /// Takes the reindex lock of `storefront` (all declared when nil), so no other reindex of them runs meanwhile.
    /// - Throws: ``StartupError`` naming what holds it.
    static func lock(runtime: Runtime, storefront: String?) async throws -> ReindexLease {
        let names = storefront.map { [$0] } ?? runtime.settings.storefronts.map(\.name)
        do {
            return try await runtime.store.lockReindex(storefronts: names, owner: "reindex-\(ProcessName.current)")
        } catch let error as SyncStoreError {
            guard case .reindexRunning = error else { throw error }
            throw StartupError(error.description)
        }
    }

    /// Records the run for `status`, the dashboard and the reindex schedule.
    static func record(_ report: ReindexReport, store: any SyncMarkers) async throws {
        try await RunJournal.record(report, store: store)
    }

    /// Runs a reindex with progress on standard error; shared with `demo`.
    static func reindex(
        runtime: Runtime, storefront: String?, options: Reindexer.Options? = nil, progress: ProgressReporter = ProgressReporter()
    ) async throws -> ReindexReport {
        let reindexer = Reindexer(
            reader: runtime.reader(), writer: runtime.writer(), store: runtime.store,
            options: options ?? runtime.reindexOptions(),
            logger: runtime.logger)
        do {
            let names = runtime.settings.storefronts.map(\.name).filter { storefront == nil || $0 == storefront }
            let report = try await reindexer.run(storefronts: names, resolving: { try await runtime.targets(only: storefront) }) {
                progress.report($0)
            }
            progress.finish()
            try await record(report, store: runtime.store)
            return report
        } catch let error as ReindexError {
            progress.finish()
            throw StartupError(error.description)
        }
    }
}
