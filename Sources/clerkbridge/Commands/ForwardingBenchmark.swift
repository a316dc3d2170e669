import ArgumentParser
import Foundation
import Reliability
import SyncStore
import Tracking

extension BenchmarkCommand {
    /// Fills the event log with accepted events, then times the forwarder sending them to Clerk (the sandbox,
    /// in its own process, as `--config` names it).
    struct Forwarding: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forwarding",
            abstract: "Time the event forwarder sending a backlog of events to Clerk; report Clerk calls/s.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Events to forward.") var events = 50_000
        @Option(help: "Distinct visitors the events spread over.") var visitors = 5_000
        @Option(help: "Clerk calls in flight.") var concurrency = 32

        func run() async throws {
            let settings = try options.settings()
            let runtime = try await Runtime(settings: settings)
            do {
                try await measure(runtime)
                await runtime.shutdown()
            } catch {
                await runtime.shutdown()
                throw error
            }
        }

        private func measure(_ runtime: Runtime) async throws {
            try await EventLoad.queue(events, visitors: visitors, into: runtime.store, settings: runtime.settings)
            let before = try await runtime.store.eventCounts()[.pending] ?? 0
            print("\(before) events waiting; forwarding with \(concurrency) Clerk calls in flight…")
            let forwarder = EventForwarder(
                store: runtime.store, clerk: runtime.clerk, storefronts: runtime.storefronts,
                configuration: ForwarderConfiguration(batchSize: 1_000, concurrency: concurrency), logger: runtime.logger)
            var forwarded = 0
            var failed = 0
            let started = ContinuousClock.now
            while true {
                let pass = try await forwarder.forwardOnce(now: Date())
                if pass.claimed == 0 { break }
                forwarded += pass.done
                failed += pass.dead + pass.retrying
                if pass.outage { throw ValidationError("Clerk answered nothing during the run") }
            }
            let elapsed = ContinuousClock.now - started
            let seconds = elapsed.timeInterval
            // Every event of the backlog is a product view: one Clerk call each.
            print(String(
                format: "%d events forwarded, %d not, %d Clerk calls in %.2f s: %.0f calls/s, %.0f events/s",
                forwarded, failed, forwarded, seconds, Double(forwarded) / seconds, Double(forwarded) / seconds))
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
