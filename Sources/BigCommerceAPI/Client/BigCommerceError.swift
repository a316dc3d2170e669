import Reliability

/// A failed BigCommerce call. Messages name the setting at fault and never contain the access token.
public enum BigCommerceError: RetryClassified, CustomStringConvertible, Sendable, Equatable {
    /// 401: the access token was rejected.
    case unauthorized(endpoint: String)
    /// 404 on `/v2/store`: no store with this hash.
    case storeNotFound(storeHash: String)
    /// 403: the API account lacks the OAuth scope the endpoint needs.
    case forbidden(endpoint: String)
    /// Any other unexpected HTTP status, with the (token-free, truncated) response body.
    case http(status: Int, endpoint: String, body: String)
    /// The API could not be reached (refused connection, TLS, dropped connection).
    case transport(String)
    /// The API's host name does not resolve (a typo in `BIGCOMMERCE_API_URL`, or DNS down).
    case unknownHost(String)
    /// No complete response within the request timeout.
    case timeout(endpoint: String)
    /// A response that is not the JSON the endpoint documents.
    case decoding(endpoint: String, context: String)
    /// A GraphQL Admin answer (HTTP 200) carrying `errors`: the query failed, with BigCommerce's messages.
    case graphQL(endpoint: String, messages: [String])

    /// Whether retrying later may succeed: BigCommerce out of reach is an outage; a timeout, 408, 429
    /// and 5xx are transient; everything else is the caller's mistake.
    public var retryability: Retryability {
        switch self {
        case .transport, .unknownHost: .outage
        case .timeout: .transient
        case .http(let status, _, _): status == 408 || status == 429 || (500...599).contains(status) ? .transient : .permanent
        // A GraphQL error names a query BigCommerce will not answer (unknown field, scope, complexity, a channel
        // without the feature): asking again the same way gives the same answer.
        case .unauthorized, .storeNotFound, .forbidden, .decoding, .graphQL: .permanent
        }
    }

    /// BigCommerce's failure, always.
    public var dependency: Dependency? { .bigCommerce }

    /// The HTTP status behind the error, when there is one.
    public var httpStatus: Int? {
        switch self {
        case .unauthorized: 401
        case .storeNotFound: 404
        case .forbidden: 403
        case .http(let status, _, _): status
        case .transport, .unknownHost, .timeout, .decoding, .graphQL: nil
        }
    }

    /// A message an operator can act on.
    public var description: String {
        switch self {
        case .unauthorized(let endpoint):
            "BigCommerce rejected BIGCOMMERCE_ACCESS_TOKEN (401 on \(endpoint)): check the API account's access token"
        case .storeNotFound(let storeHash):
            "BigCommerce store not found: BIGCOMMERCE_STORE_HASH \"\(storeHash)\" does not exist (404 on GET /v2/store)"
        case .forbidden(let endpoint):
            "BigCommerce denied \(endpoint) (403): the API account behind BIGCOMMERCE_ACCESS_TOKEN lacks the OAuth scope this endpoint needs"
        case .http(let status, let endpoint, let body):
            body.isEmpty
                ? "BigCommerce answered HTTP \(status) to \(endpoint)"
                : "BigCommerce answered HTTP \(status) to \(endpoint): \(body)"
        case .transport(let message):
            message
        case .unknownHost(let host):
            "cannot resolve \(host): unknown host"
        case .timeout(let endpoint):
            "BigCommerce did not answer \(endpoint) in time"
        case .decoding(let endpoint, let context):
            "unexpected response from BigCommerce to \(endpoint): \(context)"
        case .graphQL(let endpoint, let messages):
            "BigCommerce answered \(endpoint) with GraphQL errors: \(messages.joined(separator: "; "))"
        }
    }
}
