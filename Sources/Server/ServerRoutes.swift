import Foundation
import Hummingbird
import SyncStore

/// The routes of `clerkbridge serve` (contract.md, "HTTP").
public enum ServerRoutes {
    /// A router with the webhook receiver, liveness, readiness, (given `events`) the event intake, (given
    /// `metrics` and the `store` it reads) `/metrics`, (given `storefrontScript`) `GET /storefront.js`, and the
    /// `shopperRoutes` (recommendations, search, email blocks).
    public static func router(
        receiver: WebhookReceiver, readiness: any ReadinessProbe, events: EventsEndpoint? = nil,
        metrics: ServiceMetrics? = nil, store: (any JobQueue & DeadLetterQueue & SyncMarkers & EventLog)? = nil,
        storefrontScript: StorefrontScriptRoute? = nil, shopperRoutes: [any ShopperRoute] = []
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        storefrontScript?.register(on: router)
        router.post("/webhooks/bigcommerce") { request, _ -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: receiver.maxBodyBytes)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                metrics?.recordDelivery(outcome: "body_too_large")
                return json(413, APIError(
                    code: "body_too_large", message: "webhook bodies are limited to \(receiver.maxBodyBytes) bytes").json)
            }
            let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            let receipt = await receiver.receive(headers: headers, body: Array(body.readableBytesView))
            metrics?.recordDelivery(outcome: receipt.code)
            var response = json(receipt.status, receipt.body)
            if receipt.status == 503 { response.headers[.retryAfter] = "60" }
            return response
        }
        for route in shopperRoutes { route.register(on: router) }
        if let events {
            router.post("/v1/events") { request, context -> Response in
                await events.respond(request, context: context)
            }
            router.on("/v1/events", method: .options) { request, _ -> Response in
                events.preflight(request)
            }
        }
        router.get("/healthz") { _, _ -> Response in
            json(200, Array(#"{"status":"ok"}"#.utf8))
        }
        router.get("/readyz") { _, _ -> Response in
            let problems = await readiness.problems()
            guard !problems.isEmpty else { return json(200, Array(#"{"status":"ready"}"#.utf8)) }
            return json(503, APIError(code: "not_ready", message: problems.joined(separator: "; ")).json)
        }
        if let metrics, let store {
            router.get("/metrics") { _, _ -> Response in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: await metrics.render(store: store))))
            }
        }
        return router
    }

    static func json(_ status: Int, _ bytes: [UInt8]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
