/// The answer to one webhook delivery: an HTTP status and a small JSON body.
public struct WebhookReceipt: Sendable, Equatable {
    /// The HTTP status: 200 stored (or a duplicate), 4xx the sender's mistake, 503 storage unavailable.
    public var status: Int
    /// `accepted`, `duplicate`, or the error code.
    public var code: String
    /// A human-readable reason for errors; nil on success.
    public var message: String?
    /// The stored delivery's id (new or earlier), on success.
    public var deliveryID: Int64?
    /// How many jobs the delivery queued.
    public var jobs: Int

    /// Creates a receipt.
    public init(status: Int, code: String, message: String? = nil, deliveryID: Int64? = nil, jobs: Int = 0) {
        self.status = status
        self.code = code
        self.message = message
        self.deliveryID = deliveryID
        self.jobs = jobs
    }

    /// The JSON body: `{"status", "delivery_id", "jobs"}` on success, contract.md's error shape otherwise.
    public var body: [UInt8] {
        if let message {
            return APIError(code: code, message: message).json
        }
        var text = "{\"status\":\"\(code)\""
        if let deliveryID { text += ",\"delivery_id\":\(deliveryID)" }
        text += ",\"jobs\":\(jobs)}"
        return Array(text.utf8)
    }
}
