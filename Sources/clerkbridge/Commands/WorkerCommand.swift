import ArgumentParser
import Foundation
import Reliability
import ServiceLifecycle
import SyncEngine
import SyncStore

/// `clerkbridge worker`: the background worker without the HTTP server.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run only the background workers (webhook deltas, reconciliation, scheduled reindex, event forwarding).",
        discussion: """
            Runs beside `serve` on the same database. With SQLite one worker per database is enough (one \
            writer); several run on PostgreSQL. Runs until SIGINT or SIGTERM, then finishes the jobs it holds \
            (exit status 0). Exit status 2: could not start (configuration, credentials).
            """)

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await runCommand {
            let settings = try options.settings()
            let runtime = try await Runtime(settings: settings, retry: BackgroundWork.inJobRetry, role: "worker")
            do {
                let signal = WorkSignal()
                let eventSignal = WorkSignal()
                // Webhooks and events stored by `serve` (on PostgreSQL) wake this worker at once.
                runtime.store.wakeOnNewWork(jobs: signal, events: eventSignal)
                let worker = WorkerService {
                    BackgroundWork.worker(
                        runtime: runtime, targets: try await runtime.targetsWhenReachable(), signal: signal,
                        configuration: BackgroundWork.configuration(settings))
                }
                let forwarder = ForwarderService(
                    forwarder: EventForwarding.forwarder(
                        runtime: runtime, purchases: BackgroundWork.purchaseHandoff(runtime: runtime, signal: signal),
                        signal: eventSignal))
                let group = ServiceGroup(configuration: .init(
                    services: [worker, forwarder], gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger))
                try await group.run()
                await runtime.shutdown()
            } catch {
                await runtime.shutdown()
                throw error
            }
        }
    }
}
