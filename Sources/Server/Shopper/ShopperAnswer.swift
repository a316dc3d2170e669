import Foundation
import Hummingbird

/// What a shopper route answers with: a value as JSON (through the request context's encoder) or an HTML fragment.
/// Routes add the `Cache-Control` the answer allows with Hummingbird's `EditedResponse`.
enum ShopperAnswer: ResponseGenerator {
    /// The value as the JSON body.
    case json(any Encodable & Sendable)
    /// The HTML body.
    case html(String)

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .json(let value):
            try context.responseEncoder.encode(value, from: request, context: context)
        case .html(let html):
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
    }

    /// The `Cache-Control` for an answer that is the same for every shopper (`shared`) or personal.
    static func cacheControl(shared: Bool, maxAge: Int = 60) -> String {
        shared ? "public, max-age=\(maxAge)" : "private, no-store"
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
}
