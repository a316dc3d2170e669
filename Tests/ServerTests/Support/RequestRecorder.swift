import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Records the requests to one path as they reached the server and how they were answered, in front of a
/// router whose routes are already built (a middleware added afterwards would not see them). The body is
/// collected and handed on unchanged.
struct RequestRecorder<Builder: HTTPResponderBuilder>: HTTPResponderBuilder {
    let builder: Builder
    let path: String
    let log: RequestLog

    func buildResponder() -> CallbackResponder<Builder.Responder.Context> {
        let inner = builder.buildResponder()
        let path = path
        let log = log
        return CallbackResponder { request, context in
            guard request.uri.path == path else { return try await inner.respond(to: request, context: context) }
            var request = request
            let body = try await request.collectBody(upTo: 4 << 20)
            let response = try await inner.respond(to: request, context: context)
            log.append(RequestLog.Entry(
                method: request.method.rawValue, origin: request.headers[.origin],
                contentType: request.headers[.contentType], fetchMode: request.headers[HTTPField.Name("Sec-Fetch-Mode")!],
                body: Array(body.readableBytesView), status: Int(response.status.code)))
            return response
        }
    }
}

/// What a ``RequestRecorder`` saw.
final class RequestLog: Sendable {
    /// One request.
    struct Entry: Sendable {
        var method: String
        var origin: String?
        var contentType: String?
        /// `Sec-Fetch-Mode`: `cors` for the script's fetch, `no-cors` for `navigator.sendBeacon` with `text/plain`.
        var fetchMode: String?
        var body: [UInt8]
        var status: Int
    }

    let entries = Mutex<[Entry]>([])

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    /// Every request so far.
    var all: [Entry] { entries.withLock { $0 } }
    /// The POSTs so far.
    var posts: [Entry] { all.filter { $0.method == "POST" } }
    /// The ids of the events of each POST answered 200, in arrival order.
    var acceptedBatches: [[String]] {
        posts.filter { $0.status == 200 }.map { post in
            let json = (try? JSONSerialization.jsonObject(with: Data(post.body))) as? [String: Any]
            return (json?["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
    }
}
