import BigCommerceAPI
import Foundation
import Hummingbird
import Reliability
import Sandbox
import Server
import StorefrontRegistry
import SyncEngine
import SyncStore

/// The sandbox wired to an in-process `serve` on a free loopback port: the store's hooks registered to
/// it with a shared secret, the worker and the event forwarder running. Used by `demo` and the webhook benchmarks.
final class LivePipeline: Sendable {
    /// The `serve` port.
    let port: Int
    /// The receiver URL the hooks point at.
    let destination: String
    /// Where shopper events are posted.
    var eventsURL: String { "http://127.0.0.1:\(port)/v1/events" }
    /// The hooks registration's outcome.
    let registered: [WebhookRegistrar.Outcome]
    private let server: RunningServer

    private init(port: Int, destination: String, registered: [WebhookRegistrar.Outcome], server: RunningServer) {
        self.port = port
        self.destination = destination
        self.registered = registered
        self.server = server
    }

    /// Starts `serve` with a worker for `targets` and registers the store's hooks to it.
    static func start(
        sandbox: SandboxServer, runtime: Runtime, targets: [ResolvedStorefront], workerConfiguration: WorkerConfiguration,
        sharedSecret: String
    ) async throws -> LivePipeline {
        let signal = WorkSignal()
        let worker = BackgroundWork.worker(runtime: runtime, targets: targets, signal: signal, configuration: workerConfiguration)
        let authenticator = WebhookAuthenticator(sharedSecret: sharedSecret, clientSecret: sandbox.webhooks.clientSecret)
        let eventSignal = WorkSignal()
        let forwarder = ForwarderService(
            forwarder: EventForwarding.forwarder(
                runtime: runtime, purchases: BackgroundWork.purchaseHandoff(runtime: runtime, signal: signal),
                signal: eventSignal))
        let server = try await RunningServer.start(logger: runtime.logger) { onRunning in
            ServeCommand.application(
                runtime: runtime, authenticator: authenticator, signal: signal,
                services: [WorkerService(worker: worker), forwarder],
                events: EventForwarding.endpoint(runtime: runtime, signal: eventSignal),
                port: 0, onRunning: onRunning)
        }
        let port = server.port
        let destination = "http://127.0.0.1:\(port)\(WebhooksCommand.path)"
        do {
            let registered = try await WebhookRegistrar(client: runtime.bigCommerce).register(
                scopes: WebhookScope.scopesToRegister(channelIDs: targets.map(\.storefront.channelID)),
                destination: destination, headers: [WebhookAuthenticator.sharedSecretHeader: sharedSecret])
            return LivePipeline(port: port, destination: destination, registered: registered, server: server)
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Stops the server and lets the worker drain.
    func shutdown() async {
        try? await server.stop()
    }
}
