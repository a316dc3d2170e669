import Reliability

/// A failed Clerk call: a transport problem, a timeout, or a response Clerk did not accept.
///
/// Clerk can answer an error with HTTP 200, so the response body's `status` decides; the error envelope's
/// `type` becomes `kind`. Neither `description` nor `requestPayload` nor `responseBody` contains the private key.
public struct ClerkError: RetryClassified, CustomStringConvertible, Sendable {
    /// What went wrong, coarsely.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `AuthenticationError`, or HTTP 401/403: wrong key pair or disabled account.
        case authentication
        /// `ParsingError`: invalid JSON, a missing or mistyped parameter.
        case parsing
        /// `LogicalError`: parameters that are well-formed but semantically invalid.
        case logical
        /// `InternalError`: a failure on Clerk's side; worth retrying.
        case internalError
        /// HTTP 413: the request body was too large; split the batch and retry.
        case payloadTooLarge
        /// No complete response within the client's per-request timeout.
        case timeout
        /// The connection failed (refused, reset, TLS…).
        case transport
        /// The API's host name does not resolve (a typo in `CLERK_API_URL`, or DNS down).
        case unknownHost
        /// An HTTP status or a body that is neither success nor a recognised error envelope.
        case http
        /// The calling task was cancelled before a response arrived.
        case cancelled
    }

    /// What went wrong, coarsely.
    public var kind: Kind
    /// Human-readable detail: Clerk's `message`, or a description of the transport problem.
    public var message: String
    /// The error envelope's `type` (e.g. `ParsingError`), when Clerk sent one.
    public var type: String?
    /// The HTTP status of the response, when there was one.
    public var httpStatus: Int?
    /// The error envelope's `moreInfo` URL, when Clerk sent one.
    public var moreInfo: String?
    /// The error envelope's `id` (the error instance), when Clerk sent one.
    public var errorID: String?
    /// The call that failed, as `METHOD path` (e.g. `POST /products`), without any query.
    public var endpoint: String
    /// How long the server asked to wait before retrying (`Retry-After`), when it said so.
    public var retryAfter: Duration?
    /// The request as sent, with the private key's value replaced by `***`: the JSON body for POST/PATCH, the
    /// request line (`METHOD path?query`) for GET/DELETE.
    public var requestPayload: [UInt8]
    /// The response body as received (with any echo of the private key replaced by `***`); empty without a response.
    public var responseBody: [UInt8]

    /// Creates an error. The client builds these; the initialiser is public for tests and replays.
    public init(
        kind: Kind, message: String, type: String? = nil, httpStatus: Int? = nil, moreInfo: String? = nil,
        errorID: String? = nil, endpoint: String = "", retryAfter: Duration? = nil,
        requestPayload: [UInt8] = [], responseBody: [UInt8] = []
    ) {
        self.kind = kind
        self.message = message
        self.type = type
        self.httpStatus = httpStatus
        self.moreInfo = moreInfo
        self.errorID = errorID
        self.endpoint = endpoint
        self.retryAfter = retryAfter
        self.requestPayload = requestPayload
        self.responseBody = responseBody
    }

    /// Whether retrying the same request later may succeed: Clerk out of reach is an outage; timeouts,
    /// cancellations, Clerk `InternalError` and HTTP 408 and 5xx are transient, 429 too (or a wait of its
    /// `Retry-After`, as a 503 with one). Everything else is the caller's mistake.
    public var retryability: Retryability {
        switch kind {
        case .transport, .unknownHost:
            return .outage
        case .timeout, .internalError, .cancelled:
            return .transient
        case .authentication, .parsing, .logical, .payloadTooLarge, .http:
            guard let status = httpStatus else { return .permanent }
            if status == 429 || status == 503, let retryAfter { return .retryAfter(retryAfter) }
            return status == 408 || status == 429 || (500...599).contains(status) ? .transient : .permanent
        }
    }

    /// Clerk's failure, always.
    public var dependency: Dependency? { .clerk }

    /// One line: kind or type, endpoint, HTTP status, message, error id and retry hint. Never the private key or payloads.
    public var description: String {
        var text = "Clerk \(type ?? kind.rawValue)"
        if !endpoint.isEmpty { text += " on \(endpoint)" }
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        text += ": \(message)"
        if let errorID { text += " [error id \(errorID)]" }
        if let moreInfo { text += " (\(moreInfo))" }
        if let retryAfter { text += " (retry after \(retryAfter))" }
        return text
    }
}
