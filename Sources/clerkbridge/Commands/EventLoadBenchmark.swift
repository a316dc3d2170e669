import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import Reliability
import SyncStore
import Synchronization
import Tracking

extension BenchmarkCommand {
    /// Posts batches of distinct shopper events to a running `serve` and reports events accepted per second.
    struct EventLoad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events",
            abstract: "POST batches of distinct shopper events to /v1/events and report accepted events/s and latency.")

        @Option(help: "The events URL, e.g. http://127.0.0.1:8080/v1/events.") var url: String
        @Option(help: "Events per batch.") var batch = 100
        @Option(help: "Requests in flight.") var concurrency = 8
        @Option(help: "Seconds to run.") var duration = 10
        @Option(help: "Distinct visitors the events spread over.") var visitors = 2_000

        func run() async throws {
            let client = BenchmarkCommand.loadClient(connections: max(concurrency, 16))
            let recorder = LatencyRecorder()
            let counter = Atomic<Int>(0)
            let accepted = Atomic<Int>(0)
            let runID = String(UUID().uuidString.prefix(8))
            let batchSize = max(1, min(batch, 500))
            let visitorCount = max(1, visitors)
            let send: @Sendable () async -> Void = {
                let n = counter.add(1, ordering: .relaxed).newValue
                let body = Self.body(run: runID, request: n, size: batchSize, visitors: visitorCount)
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "text/plain;charset=UTF-8")
                request.body = .bytes(ByteBuffer(bytes: body))
                let started = ContinuousClock.now
                do {
                    let response = try await client.execute(request, timeout: .seconds(30))
                    let answer = try await response.body.collect(upTo: 1 << 20)
                    let ok = response.status.code == 200
                    if ok, let count = Self.acceptedCount(String(buffer: answer)) {
                        accepted.add(count, ordering: .relaxed)
                    }
                    recorder.record(ContinuousClock.now - started, ok: ok)
                } catch {
                    recorder.record(ContinuousClock.now - started, ok: false)
                }
            }
            let started = ContinuousClock.now
            let end = started + .seconds(duration)
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(concurrency, 1) {
                    group.addTask {
                        while ContinuousClock.now < end { await send() }
                    }
                }
            }
            let elapsed = ContinuousClock.now - started
            try await client.shutdown()
            let summary = recorder.summary(elapsed: elapsed)
            let seconds = elapsed.timeInterval
            let events = accepted.load(ordering: .relaxed)
            print("\(summary)")
            print(String(format: "%d events accepted in batches of %d: %.0f events/s", events, batchSize, Double(events) / seconds))
            if summary.failures > 0 || events != summary.count * batchSize { throw ExitCode(1) }
        }

        /// Accepts `count` distinct events spread over `visitors` into `log`, for the first storefront of `settings`,
        /// 500 to a batch as the storefront script could send them: a backlog for the forwarding benchmarks.
        static func queue(_ count: Int, visitors: Int, into log: any EventLog, settings: Settings) async throws {
            let intake = EventIntake(
                log: log, storefronts: [settings.storefronts[0].name],
                verifier: CustomerTokenVerifier(clientSecret: nil, storeHash: settings.bigCommerce.storeHash))
            let run = String(UUID().uuidString.prefix(8))
            var request = 0
            while request * 500 < count {
                let size = min(500, count - request * 500)
                _ = try await intake.accept(body(run: run, request: request, size: size, visitors: visitors), now: Date())
                request += 1
            }
        }

        /// A batch of distinct events: mostly product views, with category views, searches and cart adds.
        static func body(run: String, request: Int, size: Int, visitors: Int) -> [UInt8] {
            let now = ISO8601DateFormatter().string(from: Date())
            var text = #"{"events":["#
            for index in 0..<size {
                let n = request * size + index
                if index > 0 { text += "," }
                let visitor = "v\(n % visitors)"
                let head = #"{"id":"\#(run)-\#(n)","visitor_id":"\#(visitor)","occurred_at":"\#(now)","#
                switch n % 10 {
                case 0: text += head + #""type":"category_viewed","category_id":\#(20 + n % 30)}"#
                case 1: text += head + #""type":"search_performed","query":"shoe \#(n % 50)"}"#
                case 2: text += head + #""type":"cart_item_added","product_id":\#(100 + n % 1000),"quantity":1,"cart_id":"cart-\#(visitor)"}"#
                default: text += head + #""type":"product_viewed","product_id":\#(100 + n % 1000)}"#
                }
            }
            text += "]}"
            return Array(text.utf8)
        }

        static func acceptedCount(_ answer: String) -> Int? {
            guard let range = answer.range(of: #""accepted":"#) else { return nil }
            return Int(answer[range.upperBound...].prefix { $0.isNumber })
        }
    }
}
