import ArgumentParser
import Foundation
import Logging
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine

extension BenchmarkCommand {
    /// A full reindex of one German storefront over an in-process sandbox under a request quota: every product page
    /// and the translations of every product, read and applied; prints the time, the requests and the share of the
    /// quota they used.
    struct Translations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "translations",
            abstract: "Reindex a German storefront (translations read for every product) under a quota and report.")

        @Option(help: "Products in the seeded catalog.") var products = 10_000
        @Option(help: "BigCommerce requests per window (150 per 30 s is the Standard plan).") var quota = 150
        @Option(help: "Quota window in milliseconds.") var windowMs = 30_000

        func run() async throws {
            var quiet = Logger(label: "clerkbridge.sandbox")
            quiet.logLevel = .critical
            let sandbox = try await SandboxServer.start(
                SandboxConfiguration(
                    productCount: products, clerkStores: [SandboxClerkStore.german], rateLimitQuota: quota,
                    rateLimitWindow: .milliseconds(windowMs)),
                logger: quiet)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cb-translations-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let runtime = try await Runtime(
                settings: .sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("db.sqlite").path)"))
            let started = ContinuousClock.now
            let report: ReindexReport
            let target: ResolvedStorefront
            do {
                target = try requireTarget(await runtime.targets(only: nil).first)
                report = try await ReindexCommand.reindex(
                    runtime: runtime, storefront: nil, progress: ProgressReporter(isTerminal: false, interval: 3600))
            } catch {
                await runtime.shutdown()
                await sandbox.shutdown()
                throw error
            }
            let seconds = (ContinuousClock.now - started).timeInterval
            let counters = sandbox.bigCommerceFaults.counters
            let held = sandbox.clerkStorage.products(publicKey: target.clerkKeys.publicKey)
            let translations = sandbox.store.translations
            let translated = held.keys.filter {
                translations.translation(channelID: target.channelID, locale: target.locale, productID: $0, field: .name) != nil
            }.count
            await runtime.shutdown()
            await sandbox.shutdown()

            let graphQL = counters.requestsByRoute["POST /graphql"] ?? 0
            // The windows the run touched, each allowing `quota` requests.
            let windows = (seconds / (Double(windowMs) / 1000)).rounded(.up)
            let allowed = Double(quota) * max(windows, 1)
            print(String(
                format: "%d products, storefront %@ (channel %d, locale %@): %.1f s, ok=%@, %d documents, %d with a German name",
                products, target.name, target.channelID, target.locale, seconds, report.ok ? "true" : "false", held.count,
                translated))
            print(String(
                format: "BigCommerce: %d requests (%d GraphQL translation pages of at most 50), %d 429s; quota %d per %.0f s over %.0f windows: %.1f %% of it",
                counters.totalRequests, graphQL, counters.rateLimited, quota, Double(windowMs) / 1000, max(windows, 1),
                100 * Double(counters.totalRequests) / max(allowed, 1)))
            if !report.ok || counters.rateLimited > 1 { throw ExitCode(1) }
        }
    }
}

/// The first target, or a clear failure when the sandbox declared none.
private func requireTarget(_ target: ResolvedStorefront?) throws -> ResolvedStorefront {
    guard let target else { throw ValidationError("the sandbox declared no storefront") }
    return target
}
