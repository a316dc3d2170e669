import ArgumentParser
import Foundation
import SyncEngine
import SyncStore

/// `clerkbridge audiences sync`: each configured Clerk audience into its BigCommerce customer segment.
struct AudiencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audiences",
        abstract: "Clerk audiences mirrored into BigCommerce customer segments (`audiences:` in the config).",
        subcommands: [Sync.self])

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make each configured segment's shopper profiles exactly the audience's members who are customers.",
            discussion: """
                For each entry of `audiences:`, reads the Clerk audience's emails, creates the segment when missing, \
                creates shopper profiles for customers without one, and adds and removes profiles 50 at a time by \
                explicit ids; no other segment is touched. Members without a customer account on the storefront's \
                channel are skipped. An audience Clerk cannot read leaves its segment as it is. --dry-run reads \
                everything and writes nothing. Segments are an Enterprise feature and need the Customers modify scope. \
                Exit status: 0 done; 1 an audience failed; 2 could not start (configuration, credentials, no audiences).
                """)

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Work out the changes and write nothing.") var dryRun = false
        @Flag(help: "Print the summary as JSON.") var json = false

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                guard !settings.audiences.isEmpty else {
                    throw CommandFailure.couldNotStart("no audiences to sync: declare them under `audiences:` in the config file")
                }
                let reports = try await Runtime.using(settings) { runtime in
                    try await Self.sync(runtime: runtime, dryRun: dryRun)
                }
                let summary = AudienceSyncSummary(dryRun: dryRun, reports: reports)
                if json {
                    try JSONOutput.print(summary)
                } else {
                    Swift.print(summary.text)
                }
                if !summary.ok { throw CommandFailure.finishedWithFailures }
            }
        }

        /// Syncs every configured audience (through the queue), or works out a dry run directly; shared with `demo`.
        static func sync(runtime: Runtime, dryRun: Bool) async throws -> [AudienceReport] {
            let targets = try await runtime.targets(only: nil)
            let jobs = QueuedJobs(runtime: runtime, targets: targets)
            let audiences = jobs.customers.audiences
            if dryRun {
                var reports: [AudienceReport] = []
                for audience in audiences.audiences {
                    do {
                        reports.append(try await audiences.sync(audience, dryRun: true))
                    } catch {
                        var failed = AudienceReport(audience: audience, dryRun: true)
                        failed.error = "\(error)"
                        reports.append(failed)
                    }
                }
                return reports
            }
            var keys: [JobKey] = []
            for audience in audiences.audiences {
                let key = BackgroundJob.audience(storefront: audience.storefront, id: audience.clerkAudienceID).key
                if !keys.contains(key) { keys.append(key) }
            }
            let started = Date()
            let finished = try await jobs.run(keys.map { ($0, Array("command".utf8)) })
            var reports: [AudienceReport] = []
            for audience in audiences.audiences {
                let key = BackgroundJob.audience(storefront: audience.storefront, id: audience.clerkAudienceID).key
                if let report = try await audiences.lastReport(audience), report.finishedAt >= started, finished[key]?.state == .completed {
                    reports.append(report)
                } else {
                    var failed = AudienceReport(audience: audience, dryRun: false)
                    failed.error = finished[key]?.lastError ?? "the sync did not finish"
                    reports.append(failed)
                }
            }
            return reports
        }
    }
}

/// `audiences sync --json`: `{"ok", "dry_run", "audiences": [{"clerk_audience_id", "storefront", "segment", "members",
/// "added", "removed", "skipped", "failed", "error"?}]}`.
struct AudienceSyncSummary: Encodable {
    struct Entry: Encodable {
        var clerkAudienceID: String
        var storefront: String
        var segment: String
        var members: Int
        var added: Int
        var removed: Int
        var skipped: Int
        var failed: Int
        var createdSegment: Bool
        var createdProfiles: Int
        var error: String?

        enum CodingKeys: String, CodingKey {
            case storefront, segment, members, added, removed, skipped, failed, error
            case clerkAudienceID = "clerk_audience_id"
            case createdSegment = "created_segment"
            case createdProfiles = "created_profiles"
        }
    }

    var ok: Bool
    var dryRun: Bool
    var audiences: [Entry]

    enum CodingKeys: String, CodingKey {
        case ok, audiences
        case dryRun = "dry_run"
    }

    init(dryRun: Bool, reports: [AudienceReport]) {
        self.dryRun = dryRun
        ok = reports.allSatisfy(\.ok)
        audiences = reports.map {
            Entry(
                clerkAudienceID: $0.audience.clerkAudienceID, storefront: $0.audience.storefront, segment: $0.audience.segment,
                members: $0.members, added: $0.added, removed: $0.removed, skipped: $0.skipped, failed: $0.failed,
                createdSegment: $0.createdSegment, createdProfiles: $0.createdProfiles, error: $0.error)
        }
    }

    var text: String {
        var lines: [String] = [dryRun ? "dry run: nothing was written" : "audiences synced:"]
        for entry in audiences {
            var line = "  Clerk audience \(entry.clerkAudienceID) (\(entry.storefront)) → segment \"\(entry.segment)\": "
            if let error = entry.error {
                line += "not synced — \(error)"
            } else {
                let verb = dryRun ? "would add" : "added"
                line += "\(entry.members) members, \(verb) \(entry.added), \(dryRun ? "would remove" : "removed") \(entry.removed), "
                    + "\(entry.skipped) skipped (no customer account), \(entry.failed) failed"
                if entry.createdSegment { line += "; segment \(dryRun ? "would be " : "")created" }
                if entry.createdProfiles > 0 { line += "; \(entry.createdProfiles) shopper profiles \(dryRun ? "to create" : "created")" }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
