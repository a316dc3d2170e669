import ArgumentParser
import AsyncHTTPClient
import Foundation
import Sandbox
import Synchronization

extension BenchmarkCommand {
    /// Asks a running `serve` for placements over the sandbox catalog and reports requests per second, latency,
    /// and the latency clerkbridge adds over Clerk's (the client's wait minus the `Server-Timing` Clerk wait).
    struct RecommendationLoad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recommendations",
            abstract: "GET /v1/recommendations over the sandbox catalog and report rate, latency and the latency added over Clerk's.")

        enum Mix: String, ExpressibleByArgument {
            /// Category and product-page placements: the same for every shopper, so answers are shared briefly.
            case shared
            /// The home placement for many visitors: every request asks Clerk.
            case personal
        }

        @Option(help: "The recommendations URL, e.g. http://127.0.0.1:8080/v1/recommendations.") var url: String
        @Option(help: "shared (category and product placements) or personal (home, one visitor each).") var mix = Mix.shared
        @Option(help: "Products of the sandbox catalog `serve` indexed.") var sandboxProducts = 1_000
        @Option(help: "Distinct products the product placements cycle over.") var products = 200
        @Option(help: "Distinct visitors the personal mix cycles over.") var visitors = 5_000
        @Option(help: "Requests in flight.") var concurrency = 16
        @Option(help: "Seconds to run before measuring (fills the shared answers).") var warmup = 3
        @Option(help: "Seconds to measure.") var duration = 10

        func run() async throws {
            let client = BenchmarkCommand.loadClient(connections: max(concurrency, 16))
            let catalog = SandboxCatalog(productCount: sandboxProducts)
            let productIDs = Array(catalog.products.prefix(max(products, 1)).map(\.id))
            let categoryIDs = Array(Set(catalog.products.prefix(max(products, 1)).flatMap(\.categories))).sorted()
            let queries = Self.queries(mix: mix, products: productIDs, categories: categoryIDs, visitors: max(visitors, 1))
            let counter = Atomic<Int>(0)
            let failures = Atomic<Int>(0)
            let fallbacks = Atomic<Int>(0)
            let total = LatencyRecorder()
            let added = LatencyRecorder()
            let clerk = LatencyRecorder()
            let base = url
            let warmupEnd = ContinuousClock.now + .seconds(max(warmup, 0))
            let end = warmupEnd + .seconds(max(duration, 1))
            let send: @Sendable () async -> Void = {
                let n = counter.add(1, ordering: .relaxed).newValue
                let started = ContinuousClock.now
                do {
                    let response = try await client.execute(
                        HTTPClientRequest(url: base + "?" + queries[n % queries.count]), timeout: .seconds(30))
                    let body = try await response.body.collect(upTo: 1 << 20)
                    let elapsed = ContinuousClock.now - started
                    guard started >= warmupEnd else { return }
                    let ok = response.status.code == 200
                    if !ok { failures.add(1, ordering: .relaxed) }
                    if String(buffer: body).contains(#""source":"fallback""#) { fallbacks.add(1, ordering: .relaxed) }
                    total.record(elapsed, ok: ok)
                    let waited = Self.clerkWait(response.headers.first(name: "Server-Timing"))
                    clerk.record(waited, ok: ok)
                    added.record(elapsed - waited, ok: ok)
                } catch {
                    if started >= warmupEnd {
                        failures.add(1, ordering: .relaxed)
                        total.record(ContinuousClock.now - started, ok: false)
                    }
                }
            }
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(concurrency, 1) {
                    group.addTask {
                        while ContinuousClock.now < end { await send() }
                    }
                }
            }
            try await client.shutdown()
            let elapsed = Duration.seconds(max(duration, 1))
            let measured = total.summary(elapsed: elapsed)
            print("\(mix.rawValue) mix, \(queries.count) distinct requests, \(concurrency) in flight, \(duration) s measured after \(warmup) s:")
            print("  through serve: \(measured)")
            let waits = clerk.summary(elapsed: elapsed)
            let extra = added.summary(elapsed: elapsed)
            print(String(format: "  Clerk wait per request ms: p50 %.2f, p90 %.2f, p99 %.2f", waits.p50, waits.p90, waits.p99))
            print(String(format: "  added over Clerk ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f", extra.p50, extra.p90, extra.p99, extra.max))
            print("  fallback answers: \(fallbacks.load(ordering: .relaxed)), failed: \(failures.load(ordering: .relaxed))")
            if failures.load(ordering: .relaxed) > 0 { throw ExitCode(1) }
        }

        /// The query strings the load cycles over.
        static func queries(mix: Mix, products: [Int], categories: [Int], visitors: Int) -> [String] {
            switch mix {
            case .shared:
                return categories.map { "placement=category&category=\($0)&visitor=bench1" }
                    + products.map { "placement=product_alternatives&product=\($0)&visitor=bench1" }
                    + products.map { "placement=product_complementary&product=\($0)&visitor=bench1" }
            case .personal:
                return (0..<visitors).map { "placement=home&visitor=bench\($0)" }
            }
        }

        /// The `clerk;dur=` of a `Server-Timing` header.
        static func clerkWait(_ header: String?) -> Duration {
            guard let header, let range = header.range(of: "clerk;dur=") else { return .zero }
            let digits = header[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            return .microseconds(Int64((Double(digits) ?? 0) * 1_000))
        }
    }
}
