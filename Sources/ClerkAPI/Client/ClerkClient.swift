import AsyncHTTPClient
import Foundation
import Logging
import Reliability

/// A client for the Clerk.io v2 REST API.
///
/// Keys travel as the API wants them: query parameters for GET and DELETE (lists JSON-encoded, then
/// percent-encoded), JSON body members for POST and PATCH. Every call has a per-request timeout covering the
/// whole exchange, and the response body's `status` decides success, also under HTTP 200. Failures are
/// `ClerkError`s that never contain the private key.
///
/// The endpoints live in extensions by concern (`ClerkClient+Catalog.swift`, …); they all go through `perform`.
public final class ClerkClient: Sendable {
    /// The API base, e.g. `https://api.clerk.io/v2`, without a trailing slash.
    public let baseURL: URL
    /// How long one request may take, from sending to the last byte of the response.
    public let timeout: Duration
    let httpClient: HTTPClient
    let logger: Logger
    /// Told each time Clerk answers (a success, or a refusal that is not Clerk being unwell).
    public let health: DependencyHealth
    let base: String
    /// Responses larger than this are refused (a catalog read of a few hundred documents is far below).
    let maxResponseBytes = 64 * 1024 * 1024

    /// Creates a client that sends through `httpClient` (shared, pooled; the caller shuts it down).
    ///
    /// - Parameters:
    ///   - baseURL: the API base including the version, e.g. `https://api.clerk.io/v2`.
    ///   - timeout: per-request timeout; exceeding it throws `ClerkError` of kind `.timeout`.
    ///   - health: told each time Clerk answers (a success, or a refusal that is not Clerk being unwell); share
    ///     one between the clients and workers of a process.
    public init(
        baseURL: URL, httpClient: HTTPClient, timeout: Duration = .seconds(30), health: DependencyHealth = DependencyHealth(),
        logger: Logger
    ) {
        self.baseURL = baseURL
        self.httpClient = httpClient
        self.timeout = timeout
        self.health = health
        self.logger = logger
        let absolute = baseURL.absoluteString
        self.base = absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
    }

    /// Sends `request` and returns Clerk's successful response, or throws the classified failure.
    ///
    /// `timeout` overrides the client's `timeout` for this call (shopper-facing reads have a tighter budget).
    @discardableResult
    func perform(_ request: ClerkRequest, timeout: Duration? = nil) async throws(ClerkError) -> ClerkResponse {
        let timeout = timeout ?? self.timeout
        var http = HTTPClientRequest(url: request.url(base: base))
        switch request.method {
        case .get: http.method = .GET
        case .post: http.method = .POST
        case .patch: http.method = .PATCH
        case .delete: http.method = .DELETE
        }
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "clerkbridge/0.1")
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(body.bytes)
        }

        let started = ContinuousClock.now
        let outcome: Exchange
        do {
            outcome = try await exchange(http, timeout: timeout)
        } catch {
            let failure = transportFailure(error, request: request)
            logger.debug(
                "clerk request failed",
                metadata: [
                    "endpoint": "\(request.endpoint)", "kind": "\(failure.kind.rawValue)",
                    "error": "\(failure.message)",
                ])
            throw failure
        }
        guard case .response(let response) = outcome else {
            logger.debug("clerk request timed out", metadata: ["endpoint": "\(request.endpoint)", "timeout": "\(timeout)"])
            throw ClerkError(
                kind: .timeout, message: "no complete response within \(timeout)", endpoint: request.endpoint,
                requestPayload: request.redactedPayload)
        }
        logger.debug(
            "clerk request",
            metadata: [
                "endpoint": "\(request.endpoint)", "status": "\(response.status)",
                "request_bytes": "\(request.body?.bytes.count ?? 0)", "response_bytes": "\(response.body.count)",
                "duration": "\(ContinuousClock.now - started)",
            ])
        do {
            try response.validate(for: request)
            health.answered(.clerk)
            return response
        } catch {
            if error.retryability == .permanent { health.answered(.clerk) }
            throw error
        }
    }

    private enum Exchange: Sendable {
        case response(ClerkResponse)
        case timedOut
    }

    private struct ResponseTooLarge: Error, CustomStringConvertible {
        var limit: Int
        var description: String { "response body larger than \(limit) bytes" }
    }

    /// Runs the request and reads the whole body, racing a timer so the timeout also covers reading the body.
    private func exchange(_ request: HTTPClientRequest, timeout: Duration) async throws -> Exchange {
        let client = httpClient
        let logger = logger
        let limit = maxResponseBytes
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        return try await withThrowingTaskGroup(of: Exchange.self) { group in
            group.addTask {
                let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds), logger: logger)
                var body: [UInt8] = []
                if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length <= limit {
                    body.reserveCapacity(length)
                }
                for try await chunk in response.body {
                    body.append(contentsOf: chunk.readableBytesView)
                    if body.count > limit { throw ResponseTooLarge(limit: limit) }
                }
                return .response(
                    ClerkResponse(
                        status: Int(response.status.code),
                        retryAfter: RetryAfter.parse(response.headers.first(name: "Retry-After")),
                        body: body))
            }
            group.addTask {
                // A little after AsyncHTTPClient's own deadline, which fails a request that never got a
                // connection with the last connect error (more telling than a bare timeout).
                try await Task.sleep(for: timeout + .milliseconds(250))
                return .timedOut
            }
            defer { group.cancelAll() }
            return try await group.next() ?? .timedOut
        }
    }

    /// Classifies an error thrown before a complete response was read.
    private func transportFailure(_ error: any Error, request: ClerkRequest) -> ClerkError {
        let kind: ClerkError.Kind
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout:
                kind = .timeout
            case .cancelled where Task.isCancelled:
                kind = .cancelled
            default:
                kind = .transport
            }
        } else if error is CancellationError || Task.isCancelled {
            kind = .cancelled
        } else if error is ResponseTooLarge {
            kind = .http
        } else {
            kind = .transport
        }
        var message = String(describing: error)
        let lowered = message.lowercased()
        if kind == .transport, lowered.contains("unknownhost") || lowered.contains("name or service not known") {
            return ClerkError(
                kind: .unknownHost, message: "cannot resolve \(baseURL.host ?? base): unknown host", endpoint: request.endpoint,
                requestPayload: request.redactedPayload)
        }
        if kind == .transport, lowered.contains("refused") { message = "connection refused" }
        return ClerkError(
            kind: kind, message: request.redacting(message), endpoint: request.endpoint, requestPayload: request.redactedPayload)
    }
}
