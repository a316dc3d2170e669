import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Reliability
import SyncStore
import Tracking

/// `POST /v1/events` (contract.md): shopper events from the storefront script or a server.
///
/// In order: browsers from an origin that is not a storefront's are refused (403) and preflights answered;
/// each client (peer address, or the last `X-Forwarded-For` hop when the server trusts a proxy) is held to a
/// rate limit (429 with `Retry-After`); the body is read up to the batch limit (413 beyond); then
/// `EventIntake` validates per event and makes the accepted ones durable before the 200 answer. A database
/// that cannot store them answers 503 with `Retry-After`, keeping nothing, so the sender retries.
/// Any `Content-Type` is read as JSON, so `navigator.sendBeacon` text bodies need no preflight.
public struct EventsEndpoint: Sendable {
    let intake: EventIntake
    let cors: CORSPolicy
    let limiter: ClientRateLimiter?
    let trustForwardedFor: Bool
    let signal: WorkSignal?
    let logger: Logger

    /// Creates the endpoint.
    ///
    /// - Parameters:
    ///   - limiter: the per-client limit; nil for none.
    ///   - trustForwardedFor: key clients on the last `X-Forwarded-For` address, the one the proxy in front
    ///     appended (only behind a proxy that sets it).
    ///   - signal: woken after events were stored, so an in-process forwarder sends them at once.
    public init(
        intake: EventIntake, cors: CORSPolicy, limiter: ClientRateLimiter?, trustForwardedFor: Bool = false,
        signal: WorkSignal?, logger: Logger
    ) {
        self.intake = intake
        self.cors = cors
        self.limiter = limiter
        self.trustForwardedFor = trustForwardedFor
        self.signal = signal
        self.logger = logger
    }

    /// Answers a CORS preflight.
    func preflight(_ request: Request) -> Response {
        let origin = request.headers[.origin]
        guard cors.allows(origin) else {
            return refusedOrigin()
        }
        var response = Response(status: .noContent)
        add(cors.responseHeaders(origin: origin, preflight: true), to: &response)
        return response
    }

    /// Answers a batch.
    func respond(_ request: Request, context: ServerRequestContext) async -> Response {
        let origin = request.headers[.origin]
        guard cors.allows(origin) else { return refusedOrigin() }
        var response = await answer(request, context: context)
        add(cors.responseHeaders(origin: origin, preflight: false), to: &response)
        return response
    }

    private func answer(_ request: Request, context: ServerRequestContext) async -> Response {
        if let limiter, let wait = limiter.admit(client(request, context: context)) {
            let seconds = max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
            var response = ServerRoutes.json(429, APIError(
                code: "rate_limited",
                message: "too many requests from this client; retry after \(seconds) s").json)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: intake.limits.maxBodyBytes)
        } catch {
            return ServerRoutes.json(413, APIError(
                code: "batch_too_large", message: "the body is larger than \(intake.limits.maxBodyBytes) bytes").json)
        }
        do {
            let answer = try await intake.accept(Array(body.readableBytesView), now: Date())
            if answer.accepted > 0 { signal?.notify() }
            return ServerRoutes.json(200, answer.json())
        } catch {
            switch error {
            case .batch(let error):
                return ServerRoutes.json(error.httpStatus, APIError(code: error.code, message: error.message).json)
            case .storage(let kind):
                logger.error("events not stored: the database failed", metadata: ["error": "\(kind)"])
                var response = ServerRoutes.json(503, APIError(
                    code: "unavailable", message: "events cannot be stored right now; retry later").json)
                response.headers[.retryAfter] = "5"
                return response
            }
        }
    }

    private func client(_ request: Request, context: ServerRequestContext) -> String {
        // The last hop is the one the trusted proxy appended; earlier ones are whatever the client sent.
        if trustForwardedFor, let forwarded = request.headers[Self.forwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: CharacterSet.whitespaces),
            !last.isEmpty
        {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// 403, or 503 while the storefronts' URLs are still being learnt (so the script keeps the events and retries).
    private func refusedOrigin() -> Response {
        guard cors.isSettled else {
            var response = ServerRoutes.json(503, APIError(
                code: "unavailable", message: "the storefronts' URLs are not known yet; retry later").json)
            response.headers[.retryAfter] = "30"
            return response
        }
        return ServerRoutes.json(403, APIError(
            code: "origin_not_allowed",
            message: "this origin is not one of the storefronts' base URLs (declare it as the storefront's base_url)").json)
    }

    private func add(_ headers: [(String, String)], to response: inout Response) {
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
    }
}
