import Foundation
import HTTPTypes
import Hummingbird

/// How shopper routes answer: refusals as contract.md's error body, our own failures as 503 (the page retries or
/// shows nothing), and CORS headers for the storefronts' origins on every answer.
enum ShopperResponse {
    /// Runs `body` for `request` and adds the CORS headers `cors` allows for its origin (none without `cors`:
    /// routes that only servers call).
    static func answer(
        _ request: Request, cors: CORSPolicy?, what: String, _ body: () async throws -> Response
    ) async -> Response {
        var response: Response
        do {
            response = try await body()
        } catch let refusal as ShopperRequestError {
            response = ServerRoutes.json(refusal.status, APIError(code: refusal.code, message: refusal.message).json)
        } catch {
            response = ServerRoutes.json(503, APIError(code: "unavailable", message: "\(what) cannot be served right now; retry later").json)
        }
        for (name, value) in cors?.responseHeaders(origin: request.headers[.origin], preflight: false) ?? [] {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }

    /// `value` as JSON with sorted keys, cached as `cacheControl` says.
    static func json(_ value: some Encodable, cacheControl: String) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var response = ServerRoutes.json(200, Array(try encoder.encode(value)))
        response.headers[.cacheControl] = cacheControl
        return response
    }

    /// `html` as a UTF-8 HTML answer, cached as `cacheControl` says.
    static func html(_ html: String, cacheControl: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: cacheControl],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `Server-Timing` value (milliseconds) saying how long the request waited for Clerk and how long it
    /// took in all, so the time clerkbridge adds shows in browser tools and in the benchmark.
    static func serverTiming(clerk: Duration, total: Duration) -> String {
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.3f", Double(seconds) * 1_000 + Double(attoseconds) / 1e15)
        }
        return "clerk;dur=\(milliseconds(clerk)), total;dur=\(milliseconds(total))"
    }

    /// The `Cache-Control` for an answer that is the same for every shopper (`shared`) or personal.
    static func cacheControl(shared: Bool, maxAge: Int = 60) -> String {
        shared ? "public, max-age=\(maxAge)" : "private, no-store"
    }
}
