import Foundation
import Hummingbird

/// The routes of `clerkbridge serve` (contract.md, "HTTP").
public enum ServerRoutes {
    /// A router with the webhook receiver, liveness and readiness.
    public static func router(receiver: WebhookReceiver, readiness: any ReadinessProbe) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/webhooks/bigcommerce") { request, _ -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: receiver.maxBodyBytes)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                return json(413, APIError(
                    code: "body_too_large", message: "webhook bodies are limited to \(receiver.maxBodyBytes) bytes").json)
            }
            let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            let receipt = await receiver.receive(headers: headers, body: Array(body.readableBytesView))
            var response = json(receipt.status, receipt.body)
            if receipt.status == 503 { response.headers[.retryAfter] = "60" }
            return response
        }
        router.get("/healthz") { _, _ -> Response in
            json(200, Array(#"{"status":"ok"}"#.utf8))
        }
        router.get("/readyz") { _, _ -> Response in
            let problems = await readiness.problems()
            guard !problems.isEmpty else { return json(200, Array(#"{"status":"ready"}"#.utf8)) }
            return json(503, APIError(code: "not_ready", message: problems.joined(separator: "; ")).json)
        }
        return router
    }

    static func json(_ status: Int, _ bytes: [UInt8]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
