import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Reliability
import SyncStore
import Tracking

/// `POST /v1/events` (contract.md): shopper events from the storefront script or a server.
///
/// In order: browsers from an origin that is not a storefront's are refused (403) and preflights answered, both by
/// the `/v1` routes' ``StorefrontCORSMiddleware``; each client (peer address, or the last `X-Forwarded-For` hop
/// when the server trusts a proxy) is held to a rate limit (429 with `Retry-After`); the body is read up to the
/// batch limit (413 beyond); then `EventIntake` validates per event and makes the accepted ones durable before
/// the 200 answer. A database that cannot store them answers 503 with `Retry-After`, keeping nothing, so the
/// sender retries.
/// Any `Content-Type` is read as JSON, so `navigator.sendBeacon` text bodies need no preflight.
public struct EventsEndpoint: ShopperRoute {
    let intake: EventIntake
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
        intake: EventIntake, limiter: ClientRateLimiter?, trustForwardedFor: Bool = false, signal: WorkSignal?,
        logger: Logger
    ) {
        self.intake = intake
        self.limiter = limiter
        self.trustForwardedFor = trustForwardedFor
        self.signal = signal
        self.logger = logger
    }

    /// Adds `POST /v1/events`, and `OPTIONS` for the preflights the group's CORS middleware answers.
    public func addRoutes(to group: RouterGroup<ServerRequestContext>) {
        group.post("events") { request, context in try await answer(request, context: context) }
        // Only a request without `Origin` gets here: the CORS middleware answers browsers' preflights.
        group.on("events", method: .options) { _, _ in HTTPResponse.Status.noContent }
    }

    private func answer(_ request: Request, context: ServerRequestContext) async throws(APIError) -> ShopperAnswer {
        if let limiter, let wait = limiter.admit(client(request, context: context)) {
            let seconds = max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
            throw APIError(
                .tooManyRequests, code: "rate_limited", message: "too many requests from this client; retry after \(seconds) s",
                headers: [.retryAfter: String(seconds)])
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: intake.limits.maxBodyBytes)
        } catch {
            throw APIError(
                .contentTooLarge, code: "batch_too_large", message: "the body is larger than \(intake.limits.maxBodyBytes) bytes")
        }
        do {
            let answer = try await intake.accept(Array(body.readableBytesView), now: Date())
            if answer.accepted > 0 { signal?.notify() }
            return .json(answer)
        } catch {
            switch error {
            case .batch(let error):
                throw APIError(HTTPResponse.Status(code: error.httpStatus), code: error.code, message: error.message)
            case .storage(let kind):
                logger.error("events not stored: the database failed", metadata: ["error": "\(kind)"])
                throw APIError(
                    .serviceUnavailable, code: "unavailable", message: "events cannot be stored right now; retry later",
                    headers: [.retryAfter: "5"])
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
}
