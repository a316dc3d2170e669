import ArgumentParser
import Foundation
import Logging
import Sandbox
import SyncEngine
import SyncStore

extension BenchmarkCommand {
    /// The order history import end to end: a sandbox with a long history, `import orders` through the queue, over HTTP.
    struct HistoryImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Import a seeded order history into the Clerk sandbox through the queue and report orders/s.")

        @Option(help: "Orders in the seeded history.") var orders = 100_000
        @Option(help: "Registered customers in the seeded store.") var customers = 2_000
        @Option(help: "Months the history reaches back (all within the 24-month default window when at most 24).") var months = 23
        @Option(help: "Products in the seeded catalog.") var products = 2_000

        func run() async throws {
            var configuration = SandboxConfiguration(productCount: products)
            configuration.shoppers = SandboxShopperSeed(customers: customers, newsletterOnly: 0, orders: orders, months: months)
            let seeding = ContinuousClock.now
            let (sandbox, runtime, directory) = try await BenchmarkCommand.shopperSandbox(configuration)
            defer { try? FileManager.default.removeItem(at: directory) }
            print("seeded \(sandbox.store.orders().count) orders in \(BenchmarkCommand.seconds(ContinuousClock.now - seeding)) s")
            let targets = try await runtime.targets(only: nil)
            let jobs = QueuedJobs(runtime: runtime, targets: targets)
            let started = ContinuousClock.now
            let key = BackgroundJob.orderImport(.all).key
            let job = try await jobs.run([(key, OrderImportPayload().encoded())])[key]
            let elapsed = ContinuousClock.now - started
            guard let report = try await jobs.customers.orders.lastReport(scope: .all) else {
                throw ValidationError("the import finished without a report: \(job?.lastError ?? "")")
            }
            let total = report.total
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let requests = sandbox.bigCommerceFaults.counters.requestsByRoute["GET /v2/orders"] ?? 0
            print(String(
                format: "history import: %d orders read, %d sent, %d skipped, %d failed in %.1f s = %.0f orders/s end to end; %d GET /v2/orders",
                total.seen, total.sent, total.skipped, total.failed, seconds, Double(total.seen) / max(seconds, 0.001), requests))
            let again = ContinuousClock.now
            _ = try await jobs.run([(key, OrderImportPayload().encoded())])
            let second = try await jobs.customers.orders.lastReport(scope: .all)
            print("second run: \(second?.total.sent ?? -1) sent, \(second?.total.unchanged ?? -1) unchanged in \(BenchmarkCommand.seconds(ContinuousClock.now - again)) s")
            await runtime.shutdown()
            await sandbox.shutdown()
            if !report.ok { throw ExitCode(1) }
        }
    }

    /// One audience synced into a new segment under a BigCommerce quota: every member a customer without a profile yet.
    struct AudienceLoad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audience",
            abstract: "Sync a Clerk audience of N members into a new BigCommerce segment under a quota and report the time.")

        @Option(help: "Audience members (all customers on channel 1).") var members = 10_000
        @Option(help: "BigCommerce requests per window (Standard and Plus: 150 per 30 s).") var quota = 150
        @Option(help: "The quota window in milliseconds.") var windowMs = 30_000

        func run() async throws {
            var configuration = SandboxConfiguration(productCount: 100)
            // 85 % of the seeded customers may log in on channel 1.
            configuration.shoppers = SandboxShopperSeed(customers: members * 120 / 100, newsletterOnly: 0, orders: 0, months: 1)
            configuration.rateLimitQuota = quota
            configuration.rateLimitWindow = .milliseconds(windowMs)
            let audience = AudienceMapping(clerkAudienceID: "benchmark", storefront: "main-usd", segment: "Clerk benchmark audience")
            let (sandbox, runtime, directory) = try await BenchmarkCommand.shopperSandbox(configuration, audiences: [audience])
            defer { try? FileManager.default.removeItem(at: directory) }
            let emails = sandbox.store.customers().filter { $0.channelIDs.map { $0.contains(1) } ?? true }.prefix(members).map(\.email)
            guard emails.count == members, let main = sandbox.clerkStores.first(where: { $0.name == audience.storefront }) else {
                throw ValidationError("the seeded store has \(emails.count) customers on channel 1, fewer than \(members)")
            }
            sandbox.clerkStorage.defineAudience(publicKey: main.publicKey, id: audience.clerkAudienceID, rule: .emails(emails))
            // Timed as `serve` runs it on its schedule: the storefronts were resolved when the worker started.
            let jobs = QueuedJobs(runtime: runtime, targets: try await runtime.targets(only: nil))
            sandbox.bigCommerceFaults.resetCounters()
            let started = ContinuousClock.now
            let key = BackgroundJob.audience(storefront: audience.storefront, id: audience.clerkAudienceID).key
            let job = try await jobs.run([(key, [])])[key]
            let elapsed = ContinuousClock.now - started
            let counters = sandbox.bigCommerceFaults.counters
            let report = try await jobs.customers.audiences.lastReport(audience)
            if job?.state != .completed { print("the audience job ended \(job?.state.rawValue ?? "unknown"): \(job?.lastError ?? "")") }
            print("audience sync: \(report?.members ?? 0) members, \(report?.added ?? 0) added, \(report?.createdProfiles ?? 0) profiles created, "
                + "\(report?.failed ?? 0) failed in \(BenchmarkCommand.seconds(elapsed)) s; \(counters.totalRequests) BigCommerce requests, "
                + "\(counters.requestsByRoute.filter { $0.key.hasPrefix("GET /v3/customers") }.values.reduce(0, +)) customer reads; "
                + "quota \(quota) per \(windowMs) ms; \(counters.rateLimited) 429s; unfiltered DELETEs: \(sandbox.store.segmentation.counters.unfilteredDeletes.count)")
            let inSegment = sandbox.store.segmentation.customers(inSegmentNamed: audience.segment).count
            print("segment holds \(inSegment) customers; requests: \(counters.requestsByRoute.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
            await runtime.shutdown()
            await sandbox.shutdown()
            if report?.ok != true || inSegment != members { throw ExitCode(1) }
        }
    }

    /// A sandbox with `configuration`, and a runtime on a fresh database in a temporary directory (returned, to delete).
    static func shopperSandbox(
        _ configuration: SandboxConfiguration, audiences: [AudienceMapping] = []
    ) async throws -> (SandboxServer, Runtime, URL) {
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(configuration, logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerkbridge-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var settings = Settings.sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("bench.sqlite").path)")
        settings.audiences = audiences
        return (sandbox, try await Runtime(settings: settings, retry: BackgroundWork.inJobRetry), directory)
    }

    /// `duration` in seconds with one decimal.
    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
