import Foundation
import SyncEngine
import SyncStore

/// `GET /admin/api/dead-letters/{id}`: the letter as listed, plus the request payload sent, the answer received and
/// every recorded failure, each passed through the ``SecretMask`` `dlq show` uses.
public struct DeadLetterDetail: Sendable, Encodable, Equatable {
    /// One recorded failure.
    public struct Attempt: Sendable, Encodable, Equatable {
        /// When (RFC 3339).
        public var at: String
        /// The error.
        public var error: String
        /// The HTTP status of the answer, when there was one.
        public var responseStatus: Int?

        enum CodingKeys: String, CodingKey { case at, error, responseStatus = "response_status" }
    }

    /// The letter as listed.
    public var summary: DeadLetterSummary
    /// The request payload sent (a JSON body, or the request line of a query-only call), as text.
    public var request: String?
    /// The answer's body, as text.
    public var response: String?
    /// The answer's HTTP status.
    public var responseStatus: Int?
    /// Every recorded failure, oldest first.
    public var history: [Attempt]

    /// The detail of `letter`, masked by `mask`.
    public init(_ letter: DeadLetter, mask: SecretMask) {
        summary = DeadLetterSummary(letter, mask: mask)
        request = letter.requestPayload.map { String(decoding: mask.masking($0), as: UTF8.self) }
        response = letter.responseBody.map { String(decoding: mask.masking($0), as: UTF8.self) }
        responseStatus = letter.responseStatus
        history = letter.history.map {
            Attempt(at: DeadLetterSummary.format($0.at), error: mask.masking($0.error), responseStatus: $0.responseStatus)
        }
    }

    enum CodingKeys: String, CodingKey { case request, response, history, responseStatus = "response_status" }

    /// The summary's members, then the detail's.
    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(request, forKey: .request)
        try container.encodeIfPresent(response, forKey: .response)
        try container.encodeIfPresent(responseStatus, forKey: .responseStatus)
        try container.encode(history, forKey: .history)
    }
}
