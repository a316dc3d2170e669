import Foundation
import Hummingbird
import StorefrontRegistry
import SyncStore

/// The routes of `clerkbridge serve` (contract.md, "HTTP").
public enum ServerRoutes {
    /// A router with the webhook receiver, liveness, readiness, (given `events`) the event intake, (given
    /// `metrics` and the `store` it reads) `/metrics`, (given `storefrontScript`) `GET /storefront.js` and the
    /// stylesheet it loads, `GET /storefront.css`, the `shopperRoutes` (recommendations, search, email blocks), and
    /// (given `admin`) the operator's dashboard under `/admin`.
    ///
    /// The `/v1` routes share one ``StorefrontCORSMiddleware`` answering browsers from the base URLs of
    /// `storefronts`. `HEAD` answers wherever `GET` does, and a request no route takes is answered 404 or 405 with
    /// contract.md's error body.
    public static func router(
        receiver: WebhookReceiver, readiness: any ReadinessProbe, storefronts: StorefrontRegistry,
        events: EventsEndpoint? = nil, metrics: ServiceMetrics? = nil,
        store: (any JobQueue & DeadLetterQueue & SyncMarkers & EventLog)? = nil,
        storefrontScript: StorefrontScriptRoute? = nil, shopperRoutes: [any ShopperRoute] = [], admin: AdminRoutes? = nil
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self, options: .autoGenerateHeadEndpoints)
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        if let storefrontScript {
            storefrontScript.addRoutes(to: router)
            StorefrontStylesheetRoute().addRoutes(to: router)
        }
        router.post("/webhooks/bigcommerce") { request, _ -> WebhookReceipt in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: receiver.maxBodyBytes)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                metrics?.recordDelivery(outcome: "body_too_large")
                throw APIError(
                    .contentTooLarge, code: "body_too_large", message: "webhook bodies are limited to \(receiver.maxBodyBytes) bytes")
            }
            let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            let receipt = await receiver.receive(headers: headers, body: Array(body.readableBytesView))
            metrics?.recordDelivery(outcome: receipt.code)
            return receipt
        }
        let v1 = router.group("v1").add(middleware: StorefrontCORSMiddleware(policy: CORSPolicy(storefronts: storefronts)))
        events?.addRoutes(to: v1)
        for route in shopperRoutes { route.addRoutes(to: v1) }
        router.get("/healthz") { _, _ in ServiceStatus(status: "ok") }
        router.get("/readyz") { _, _ in
            let problems = await readiness.problems()
            guard problems.isEmpty else {
                throw APIError(.serviceUnavailable, code: "not_ready", message: problems.joined(separator: "; "))
            }
            return ServiceStatus(status: "ready")
        }
        if let metrics, let store {
            router.get("/metrics") { _, _ -> Response in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: await metrics.render(store: store))))
            }
        }
        admin?.addRoutes(to: router)
        // Last: a middleware applies to the routes added after it, so this one wraps only the not-found answer.
        router.add(middleware: RouteNotFoundMiddleware(routes: router.routes))
        return router
    }
}
