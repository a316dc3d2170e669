import Foundation
import Reliability
import Server
import ServiceLifecycle
import SyncStore
import Tracking

/// Wires shopper tracking for `serve` and `worker`: the event intake behind `POST /v1/events` and the
/// forwarder that sends accepted events to Clerk.
enum EventForwarding {
    /// The `POST /v1/events` endpoint over `runtime`'s event log.
    static func endpoint(runtime: Runtime, signal: WorkSignal) -> EventsEndpoint {
        let settings = runtime.settings
        let intake = EventIntake(
            store: runtime.store, attribution: runtime.store, storefronts: runtime.storefronts.names,
            verifier: CustomerTokenVerifier(clientSecret: settings.clientSecret, storeHash: settings.bigCommerce.storeHash))
        let limiter = settings.eventsRateLimit.map { ClientRateLimiter(rate: $0, burst: 2 * $0) }
        return EventsEndpoint(
            intake: intake, limiter: limiter, trustForwardedFor: settings.trustForwardedFor, signal: signal,
            logger: runtime.logger)
    }

    /// The forwarder for every storefront's Clerk store, woken by `signal` when events are accepted here.
    static func forwarder(runtime: Runtime, purchases: EventForwarder.PurchaseHandoff?, signal: WorkSignal) -> EventForwarder {
        EventForwarder(
            store: runtime.store, clerk: runtime.clerk, storefronts: runtime.storefronts,
            configuration: ForwarderConfiguration(concurrency: runtime.settings.forwardConcurrency), purchases: purchases,
            signal: signal, logger: runtime.logger)
    }
}

/// The forwarder as a swift-service-lifecycle service: a graceful shutdown lets the pass in progress finish.
struct ForwarderService: Service {
    let forwarder: EventForwarder

    func run() async throws {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await forwarder.run()
            } onGracefulShutdown: {
                forwarder.stop()
            }
        } onCancel: {
            forwarder.stop()
        }
    }
}
