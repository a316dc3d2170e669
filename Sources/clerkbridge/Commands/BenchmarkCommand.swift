import ArgumentParser
import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import NIOCore
import Reliability
import Synchronization

/// `clerkbridge benchmark`: load generators behind the figures in BENCHMARKS.md (hidden from help).
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Load generators for BENCHMARKS.md (run against a release build).",
        shouldDisplay: false,
        subcommands: [
            WebhookLoad.self, DeltaLatency.self, EventLoad.self, Forwarding.self, RecommendationLoad.self, JSONParts.self, AdminLoad.self,
            HistoryImport.self, AudienceLoad.self,
            Translations.self, QueueBacklog.self, Wakeup.self,
        ])

    /// Posts signed-off webhook deliveries to a running `serve` and reports throughput and ack latency.
    struct WebhookLoad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "webhooks",
            abstract: "POST distinct product-update deliveries (shared-secret header) and report rate and latency.")

        @Option(help: "The receiver URL.") var url: String
        @Option(help: "The store hash the deliveries claim to come from.") var storeHash = "sandbox1"
        @Option(help: "Deliveries per second (open loop); omit for as fast as --concurrency allows.") var rate: Int?
        @Option(help: "Requests in flight when no --rate is given.") var concurrency = 32
        @Option(help: "Seconds to run.") var duration = 10
        @Option(help: "Product ids cycle over this many products (each delivery is still distinct).") var products = 1_000
        @Option(help: "First product id.") var firstProduct = 100

        func run() async throws {
            guard let secret = ProcessInfo.processInfo.environment["BIGCOMMERCE_WEBHOOK_SECRET"], !secret.isEmpty else {
                throw ValidationError("set BIGCOMMERCE_WEBHOOK_SECRET to the secret `serve` checks (it is not taken as a flag: flags show in process lists)")
            }
            let client = BenchmarkCommand.loadClient(connections: max(concurrency, 64))
            let recorder = LatencyRecorder()
            let counter = Atomic<Int>(0)
            let runID = UUID().uuidString.prefix(8)
            let send: @Sendable (ContinuousClock.Instant) async -> Void = { intended in
                let n = counter.add(1, ordering: .relaxed).newValue
                let product = firstProduct + (n % max(products, 1)) * 7
                let body = #"{"scope":"store/product/updated","store_id":"1001","data":{"type":"product","id":\#(product)},"hash":"\#(runID)-\#(n)","created_at":\#(Int(Date().timeIntervalSince1970)),"producer":"stores/\#(storeHash)"}"#
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: WebhookAuthenticator.sharedSecretHeader, value: secret)
                request.body = .bytes(ByteBuffer(string: body))
                do {
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 16)
                    recorder.record(ContinuousClock.now - intended, ok: response.status.code == 200)
                } catch {
                    recorder.record(ContinuousClock.now - intended, ok: false)
                }
            }
            let started = ContinuousClock.now
            let end = started + .seconds(duration)
            if let rate, rate > 0 {
                await withTaskGroup(of: Void.self) { group in
                    var index = 0
                    while true {
                        let intended = started + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(rate))
                        if intended >= end { break }
                        try? await Task.sleep(until: intended, clock: .continuous)
                        group.addTask { await send(intended) }
                        index += 1
                    }
                }
            } else {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<max(concurrency, 1) {
                        group.addTask {
                            while ContinuousClock.now < end { await send(ContinuousClock.now) }
                        }
                    }
                }
            }
            let elapsed = (ContinuousClock.now - started)
            try await client.shutdown()
            let summary = recorder.summary(elapsed: elapsed)
            print(summary)
            if summary.failures > 0 { throw ExitCode(1) }
        }
    }
}

extension BenchmarkCommand {
    /// The load generators' HTTP client: `connections` per host, 5 s to connect, 30 s to answer.
    static func loadClient(connections: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}

/// Latencies and outcomes of a load run.
final class LatencyRecorder: Sendable {
    private let samples = Mutex<(latencies: [Duration], failures: Int)>(([], 0))

    func record(_ latency: Duration, ok: Bool) {
        samples.withLock {
            $0.latencies.append(latency)
            if !ok { $0.failures += 1 }
        }
    }

    struct Summary: CustomStringConvertible {
        var count: Int
        var failures: Int
        var perSecond: Double
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double

        var description: String {
            String(format: "%d requests, %d failed, %.0f/s; latency ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f",
                   count, failures, perSecond, p50, p90, p99, max)
        }
    }

    func summary(elapsed: Duration) -> Summary {
        let (latencies, failures) = samples.withLock { ($0.latencies, $0.failures) }
        let sorted = latencies.map { $0.timeInterval * 1_000 }.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        let seconds = elapsed.timeInterval
        return Summary(
            count: sorted.count, failures: failures, perSecond: Double(sorted.count) / max(seconds, 0.001),
            p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99), max: sorted.last ?? 0)
    }
}
