import Foundation

/// The 200 answer of `POST /v1/events`: `{"accepted": N, "rejected": [{"index", "id", "error": {"code", "message"}}]}`.
///
/// `id` is omitted when it was unreadable; nothing is ever sent as `null`.
public struct EventAnswer: Sendable, Hashable, Encodable {
    /// How many events were accepted.
    public var accepted: Int
    /// The rejected events, in batch order.
    public var rejected: [EventRejection]

    /// The answer for `batch`; `accepted` defaults to the batch's valid events (pass fewer if some were not kept).
    public init(batch: EventBatch, accepted: Int? = nil) {
        self.accepted = accepted ?? batch.accepted.count
        self.rejected = batch.rejections
    }

    private enum CodingKeys: String, CodingKey {
        case accepted, rejected, index, id, error, code, message
    }

    /// Encodes the contract's answer shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accepted, forKey: .accepted)
        var list = c.nestedUnkeyedContainer(forKey: .rejected)
        for rejection in rejected {
            var entry = list.nestedContainer(keyedBy: CodingKeys.self)
            try entry.encode(rejection.index, forKey: .index)
            try entry.encodeIfPresent(rejection.id, forKey: .id)
            var error = entry.nestedContainer(keyedBy: CodingKeys.self, forKey: .error)
            try error.encode(rejection.code.rawValue, forKey: .code)
            try error.encode(rejection.message, forKey: .message)
        }
    }

    /// The answer body as JSON (sorted keys).
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings and integers: encoding cannot fail.
        return (try? Array(encoder.encode(self))) ?? []
    }
}
