import ArgumentParser
import Foundation
import Logging
import Sandbox
import SyncEngine
import Synchronization

extension BenchmarkCommand {
    /// Webhook-to-Clerk latency: the sandbox changes prices at a steady rate and delivers the webhooks to
    /// an in-process `serve`; each change is timed until the new document is in the Clerk sandbox.
    struct DeltaLatency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delta-latency",
            abstract: "Time catalog changes from the BigCommerce sandbox, through webhooks and the worker, into Clerk.")

        @Option(help: "Products in the seeded catalog.") var products = 10_000
        @Option(help: "Price changes to time.") var changes = 500
        @Option(help: "Changes per second.") var rate = 20

        func run() async throws {
            var configuration = SandboxConfiguration(productCount: products)
            configuration.allowInsecureWebhookDestinations = true
            var quiet = Logger(label: "sandbox")
            quiet.logLevel = .critical
            let sandbox = try await SandboxServer.start(configuration, logger: quiet)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerkbridge-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let settings = Settings.sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("bench.sqlite").path)")
            let runtime = try await Runtime(settings: settings, retry: BackgroundWork.inJobRetry)
            let targets = try await runtime.targets(only: nil)
            print("reindexing \(products) products into \(targets.count) storefronts first…")
            _ = try await Reindexer(reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, options: runtime.reindexOptions(), logger: runtime.logger).run(targets)
            let pipeline = try await LivePipeline.start(
                sandbox: sandbox, runtime: runtime, targets: targets,
                workerConfiguration: WorkerConfiguration(reconcileInterval: nil, reindexInterval: nil),
                sharedSecret: UUID().uuidString)
            guard let main = targets.first(where: { $0.storefront.channelID == 1 }) else { throw ValidationError("no channel-1 storefront") }
            let chosen = Array(sandbox.store.allProducts().filter { $0.channels.contains(1) && $0.isVisible }.prefix(changes))
            let recorder = LatencyRecorder()
            let started = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                for (index, product) in chosen.enumerated() {
                    try? await Task.sleep(until: started + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(max(rate, 1))), clock: .continuous)
                    let before = sandbox.clerkStorage.product(publicKey: main.clerkKeys.publicKey, id: product.id)
                    let changedAt = ContinuousClock.now
                    sandbox.catalogEvents.setPrice(productID: product.id, price: product.price + 1)
                    group.addTask {
                        while ContinuousClock.now - changedAt < .seconds(30) {
                            if sandbox.clerkStorage.product(publicKey: main.clerkKeys.publicKey, id: product.id) != before {
                                recorder.record(ContinuousClock.now - changedAt, ok: true)
                                return
                            }
                            try? await Task.sleep(for: .milliseconds(2))
                        }
                        recorder.record(.seconds(30), ok: false)
                    }
                }
            }
            let summary = recorder.summary(elapsed: ContinuousClock.now - started)
            print("webhook-to-Clerk: \(summary.count) changes at \(rate)/s, \(summary.failures) not seen within 30 s; "
                + String(format: "latency ms p50 %.0f, p90 %.0f, p99 %.0f, max %.0f", summary.p50, summary.p90, summary.p99, summary.max))
            print("webhooks: \(sandbox.webhooks.counters)")
            await pipeline.shutdown()
            await runtime.shutdown()
            await sandbox.shutdown()
            if summary.failures > 0 { throw ExitCode(1) }
        }
    }
}
