import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import Tracking

/// A stand-in for `POST /v1/events` while the durable route is built elsewhere: validates each batch with the
/// real `EventBatch.parse`, answers like the contract (CORS for one storefront origin), and records what came in.
///
/// `failFirst` answers that many POSTs with 503 first, to make the script retry.
final class EventCapture: Sendable {
    /// One POST as it arrived.
    struct Post: Sendable {
        var origin: String?
        var contentType: String?
        /// `Sec-Fetch-Mode`: `cors` for the script's fetch, `no-cors` for `navigator.sendBeacon` with `text/plain`.
        var fetchMode: String? = nil
        var body: [UInt8]
        var status: Int
        /// Indexes of the events `EventBatch.parse` accepted (a 200 only).
        var acceptedIndexes: [Int] = []
    }

    struct State {
        var posts: [Post] = []
        var preflights = 0
        var rejections: [EventRejection] = []
        var failuresLeft: Int
    }

    let allowedOrigin: String
    let state: Mutex<State>

    init(allowedOrigin: String, failFirst: Int = 0) {
        self.allowedOrigin = allowedOrigin
        state = Mutex(State(failuresLeft: failFirst))
    }

    /// Every POST so far.
    var posts: [Post] { state.withLock { $0.posts } }
    /// OPTIONS requests (a `text/plain` POST should need none).
    var preflights: Int { state.withLock { $0.preflights } }
    /// Rejected events (by `EventBatch.parse`).
    var rejections: [EventRejection] { state.withLock { $0.rejections } }
    /// The accepted events' JSON objects, in arrival order.
    var accepted: [[String: Any]] {
        posts.filter { $0.status == 200 }.flatMap { post -> [[String: Any]] in
            let json = (try? JSONSerialization.jsonObject(with: Data(post.body))) as? [String: Any]
            let events = json?["events"] as? [[String: Any]] ?? []
            return post.acceptedIndexes.filter { $0 < events.count }.map { events[$0] }
        }
    }

    /// Adds `POST /v1/events` and its `OPTIONS` to `router`.
    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/v1/events") { request, _ -> Response in
            let origin = request.headers[.origin]
            let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            return self.receive(
                origin: origin, contentType: request.headers[.contentType],
                fetchMode: request.headers[HTTPField.Name("Sec-Fetch-Mode")!], body: body)
        }
        router.on("/v1/events", method: .options) { request, _ -> Response in
            self.state.withLock { $0.preflights += 1 }
            return Response(status: .noContent, headers: self.cors(request.headers[.origin]))
        }
    }

    func cors(_ origin: String?) -> HTTPFields {
        var headers: HTTPFields = [.vary: "Origin"]
        if origin == allowedOrigin { headers[.accessControlAllowOrigin] = allowedOrigin }
        return headers
    }

    func receive(origin: String?, contentType: String?, fetchMode: String?, body: [UInt8]) -> Response {
        var headers = cors(origin)
        headers[.contentType] = "application/json"
        let fail = state.withLock { state -> Bool in
            guard state.failuresLeft > 0 else { return false }
            state.failuresLeft -= 1
            state.posts.append(Post(origin: origin, contentType: contentType, fetchMode: fetchMode, body: body, status: 503))
            return true
        }
        if fail {
            return Response(status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"code":"unavailable","message":"try again"}}"#)))
        }
        let batch: EventBatch
        do {
            batch = try EventBatch.parse(body)
        } catch {
            state.withLock { $0.posts.append(Post(origin: origin, contentType: contentType, fetchMode: fetchMode, body: body, status: 400)) }
            return Response(status: .badRequest, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"code":"invalid_batch","message":"\#(error)"}}"#)))
        }
        state.withLock { state in
            state.posts.append(Post(
                origin: origin, contentType: contentType, fetchMode: fetchMode, body: body, status: 200,
                acceptedIndexes: batch.accepted.map(\.index)))
            state.rejections += batch.rejections
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: EventAnswer(batch: batch).json())))
    }
}
