import AsyncHTTPClient
import NIOHTTP1

/// The rate-limit headers of one BigCommerce response (names matched case-insensitively).
public struct RateLimitHeaders: Sendable, Equatable {
    /// `X-Rate-Limit-Requests-Left`: requests left in the current window.
    public var requestsLeft: Int?
    /// `X-Rate-Limit-Time-Reset-Ms`: milliseconds until the window resets.
    public var resetMilliseconds: Int?
    /// `X-Rate-Limit-Requests-Quota`: requests allowed per window.
    public var quota: Int?
    /// `X-Rate-Limit-Time-Window-Ms`: window length in milliseconds.
    public var windowMilliseconds: Int?
    /// `X-Retry-After`: seconds to wait after a 429.
    public var retryAfterSeconds: Double?

    /// Creates an observation from known values.
    public init(
        requestsLeft: Int? = nil, resetMilliseconds: Int? = nil, quota: Int? = nil, windowMilliseconds: Int? = nil,
        retryAfterSeconds: Double? = nil
    ) {
        self.requestsLeft = requestsLeft
        self.resetMilliseconds = resetMilliseconds
        self.quota = quota
        self.windowMilliseconds = windowMilliseconds
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Reads the headers of a response; `HTTPHeaders` lookup is case-insensitive.
    public init(_ headers: HTTPHeaders) {
        self.init(lookup: { headers.first(name: $0) })
    }

    /// Reads name/value pairs, matching names case-insensitively.
    public init(pairs: [(String, String)]) {
        self.init(lookup: { name in pairs.first { $0.0.lowercased() == name.lowercased() }?.1 })
    }

    private init(lookup: (String) -> String?) {
        func int(_ name: String) -> Int? {
            guard let text = lookup(name)?.trimmingCharacters(in: .whitespaces) else { return nil }
            return Int(text) ?? Double(text).map { Int($0.rounded(.up)) }
        }
        requestsLeft = int("X-Rate-Limit-Requests-Left")
        resetMilliseconds = int("X-Rate-Limit-Time-Reset-Ms")
        quota = int("X-Rate-Limit-Requests-Quota")
        windowMilliseconds = int("X-Rate-Limit-Time-Window-Ms")
        retryAfterSeconds = lookup("X-Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Whether the response carried any rate-limit information (a 429 without any is platform load).
    public var isEmpty: Bool {
        requestsLeft == nil && resetMilliseconds == nil && quota == nil && windowMilliseconds == nil
            && retryAfterSeconds == nil
    }
}
