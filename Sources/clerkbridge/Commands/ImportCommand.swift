import ArgumentParser
import Foundation
import JSONSupport
import SyncEngine
import SyncStore

/// `clerkbridge import orders|customers`: the order history and the customers into Clerk, as jobs on the queue.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Send the order history or the customers to Clerk, so its recommendations and audiences do not start cold.",
        subcommands: [Orders.self, Customers.self])

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send past orders to Clerk (POST /v2/orders with their time), by default the last 24 months.",
            discussion: """
                Orders go to the Clerk store of their storefront, 250 per BigCommerce request, with their status: \
                Cancelled as CANCELLED, Refunded as RETURNED; Incomplete and Declined are not sent. Orders the live sale \
                logger already sent are left as they are. A run resumes where an interrupted one stopped, and a second \
                run sends only orders that changed. Progress goes to standard error, the summary to standard output. \
                Exit status: 0 done; 1 some orders failed (see `clerkbridge dlq list`); 2 could not start.
                """)

        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("Only orders created since then: YYYY-MM-DD or RFC 3339 (default: 24 months ago).", valueName: "date"))
        var since: String?
        @Option(help: "Only this storefront (default: all declared).") var storefront: String?
        @Flag(help: "Print the summary as JSON.") var json = false

        func validate() throws {
            if let since, ImportCommand.date(since) == nil {
                throw ValidationError("--since must be a date like 2024-01-31 or 2024-01-31T00:00:00Z, not `\(since)`")
            }
        }

        func run() async throws {
            try await runCommand {
                let report = try await Runtime.using(try options.settings()) { runtime in
                    _ = try await runtime.targets(only: storefront)
                    let lines = ThrottledLines()
                    let jobs = QueuedJobs(runtime: runtime, targets: try await runtime.targets(only: nil), progress: lines.say)
                    let scope: ReindexScope = storefront.map { .storefront($0) } ?? .all
                    let key = BackgroundJob.orderImport(scope).key
                    let payload = OrderImportPayload(since: since.flatMap(ImportCommand.date)).encoded()
                    let job = try await jobs.run([(key, payload)])[key]
                    lines.flush()
                    if let job, job.state == .dead {
                        throw CommandFailure.failed("the order import failed: \(job.lastError ?? "unknown error") (see `clerkbridge dlq list`)")
                    }
                    guard let report = try await jobs.customers.orders.lastReport(scope: scope) else {
                        throw CommandFailure.failed("the order import finished without a report")
                    }
                    return report
                }
                if json {
                    try JSONOutput.print(OrderImportSummary(report))
                } else {
                    Swift.print("orders created since \(DeadLetterSummary.format(report.since)):")
                    for (name, counts) in report.storefronts.sorted(by: { $0.key < $1.key }) {
                        Swift.print("  \(name): \(counts.seen) seen, \(counts.sent) sent, \(counts.unchanged) unchanged, "
                            + "\(counts.skipped) skipped, \(counts.failed) failed")
                    }
                    Swift.print(String(format: "  %.1f s", report.seconds))
                }
                if !report.ok { throw CommandFailure.finishedWithFailures }
            }
        }
    }

    struct Customers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send every customer to the Clerk stores of their channels, and remove the ones that left.",
            discussion: """
                A customer goes to every storefront whose channel it may log in to, with `subscribed` from the store's \
                newsletter subscriptions (marketing_newsletter consent, on that channel or none). Customers deleted in \
                BigCommerce, or moved off a channel, are removed from that Clerk store. A run resumes where an \
                interrupted one stopped. Exit status: 0 done; 1 some customers failed; 2 could not start.
                """)

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print the summary as JSON.") var json = false

        func run() async throws {
            try await runCommand {
                let report = try await Runtime.using(try options.settings()) { runtime in
                    let lines = ThrottledLines()
                    let jobs = QueuedJobs(runtime: runtime, targets: try await runtime.targets(only: nil), progress: lines.say)
                    let key = BackgroundJob.customerImport.key
                    let job = try await jobs.run([(key, Array("command".utf8))])[key]
                    lines.flush()
                    if let job, job.state == .dead {
                        throw CommandFailure.failed("the customer import failed: \(job.lastError ?? "unknown error") (see `clerkbridge dlq list`)")
                    }
                    guard let report = try await jobs.customers.customers.lastReport() else {
                        throw CommandFailure.failed("the customer import finished without a report")
                    }
                    return report
                }
                if json {
                    try JSONOutput.print(CustomerImportSummary(report))
                } else {
                    Swift.print("\(report.customers) customers read:")
                    for (name, counts) in report.storefronts.sorted(by: { $0.key < $1.key }) {
                        Swift.print("  \(name): \(counts.seen) seen, \(counts.sent) sent, \(counts.unchanged) unchanged, "
                            + "\(counts.removed) removed, \(counts.failed) failed")
                    }
                }
                if !report.ok { throw CommandFailure.finishedWithFailures }
            }
        }
    }

    /// `2024-01-31` (midnight UTC) or an RFC 3339 time.
    static func date(_ text: String) -> Date? {
        if let date = RFC3339Timestamp.parse(text) { return date }
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }
}

/// `import orders --json`: `{"ok", "since", "storefronts": [{"name", "orders": {"seen", "sent", "unchanged", "skipped", "failed"}}]}`.
struct OrderImportSummary: Encodable {
    struct Storefront: Encodable {
        var name: String
        var orders: OrderImportCounts
    }

    var ok: Bool
    var since: String
    var seconds: Double
    var storefronts: [Storefront]

    init(_ report: OrderImportReport) {
        ok = report.ok
        since = DeadLetterSummary.format(report.since)
        seconds = (report.seconds * 10).rounded() / 10
        storefronts = report.storefronts.sorted { $0.key < $1.key }.map { Storefront(name: $0.key, orders: $0.value) }
    }
}

/// `import customers --json`: `{"ok", "storefronts": [{"name", "customers": {"seen", "sent", "unchanged", "removed", "failed"}}]}`.
struct CustomerImportSummary: Encodable {
    struct Storefront: Encodable {
        var name: String
        var customers: CustomerCounts
    }

    var ok: Bool
    var customers: Int
    var storefronts: [Storefront]

    init(_ report: CustomerImportReport) {
        ok = report.ok
        customers = report.customers
        storefronts = report.storefronts.sorted { $0.key < $1.key }.map { Storefront(name: $0.key, customers: $0.value) }
    }
}
