import Hummingbird

/// The answer to one webhook delivery: `{"status", "delivery_id", "jobs"}` when stored (or a duplicate),
/// contract.md's error body otherwise.
public struct WebhookReceipt: Sendable, Equatable, ResponseGenerator {
    /// The HTTP status: 200 stored (or a duplicate), 4xx the sender's mistake, 503 storage unavailable.
    public var status: HTTPResponse.Status
    /// `accepted`, `duplicate`, or the error code.
    public var code: String
    /// A human-readable reason for errors; nil on success.
    public var message: String?
    /// The stored delivery's id (new or earlier), on success.
    public var deliveryID: Int64?
    /// How many jobs the delivery queued.
    public var jobs: Int

    /// Creates a receipt.
    public init(
        status: HTTPResponse.Status, code: String, message: String? = nil, deliveryID: Int64? = nil, jobs: Int = 0
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.deliveryID = deliveryID
        self.jobs = jobs
    }

    /// The answer; a 503 asks BigCommerce to retry in a minute.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if let message {
            let retry: HTTPFields = status == .serviceUnavailable ? [.retryAfter: "60"] : [:]
            return try APIError(status, code: code, message: message, headers: retry).response(from: request, context: context)
        }
        return try Stored(status: code, deliveryID: deliveryID, jobs: jobs).response(from: request, context: context)
    }

    private struct Stored: ResponseEncodable {
        var status: String
        var deliveryID: Int64?
        var jobs: Int

        enum CodingKeys: String, CodingKey {
            case status, jobs
            case deliveryID = "delivery_id"
        }
    }
}
