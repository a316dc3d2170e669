import Foundation
import JSONSupport

/// A decoded `POST /v1/events` body: per element of `events`, the valid event or why it was rejected.
///
/// Each element is validated on its own (rules and codes on `EventRejectionCode`), so one malformed event
/// never fails the batch. An `id` already used by an earlier element (valid or not) rejects the later one with `duplicate_id`.
public struct EventBatch: Sendable, Hashable {
    /// The outcome for one element of `events`.
    public enum Entry: Sendable, Hashable {
        /// The element is a valid event.
        case accepted(TrackedEvent)
        /// The element was rejected.
        case rejected(EventRejection)
    }

    /// One entry per element of `events`, in order (the array index is the element's index).
    public var entries: [Entry]

    /// Creates a batch from its entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The valid events with their indexes, in order.
    public var accepted: [(index: Int, event: TrackedEvent)] {
        entries.enumerated().compactMap { index, entry in
            if case .accepted(let event) = entry { return (index, event) }
            return nil
        }
    }

    /// The rejections, in order.
    public var rejections: [EventRejection] {
        entries.compactMap { entry in
            if case .rejected(let rejection) = entry { return rejection }
            return nil
        }
    }

    /// Decodes and validates a raw body, judging `occurred_at` against `now`.
    ///
    /// Throws `tooLarge` for a body over `limits.maxBodyBytes` (checked before parsing) or more than
    /// `limits.maxEvents` events, and `invalidBatch` when the body is not JSON, not an object, or has no
    /// `events` array.
    public static func parse(_ body: [UInt8], limits: EventLimits = .default, now: Date = Date())
        throws(EventBatchError)
        -> EventBatch
    {
        guard body.count <= limits.maxBodyBytes else {
            throw .tooLarge("the body is larger than \(limits.maxBodyBytes) bytes")
        }
        guard let json = JSONValue.parse(body) else { throw .invalidBatch("the body is not valid JSON") }
        guard case .object = json else { throw .invalidBatch("the body must be a JSON object") }
        guard let events = json["events"] else { throw .invalidBatch("the body has no events array") }
        guard case .array(let elements) = events else { throw .invalidBatch("events must be an array") }
        guard elements.count <= limits.maxEvents else {
            throw .tooLarge("the batch holds more than \(limits.maxEvents) events")
        }
        let validator = EventValidator(limits: limits, now: now)
        var seen = Set<String>()
        var entries: [Entry] = []
        entries.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            if let id = EventValidator.readableID(element["id"]), !seen.insert(id).inserted {
                let rejection = EventRejection(
                    index: index, id: id, code: .duplicateID,
                    message: "id is already used by an earlier event of this batch")
                entries.append(.rejected(rejection))
                continue
            }
            switch validator.validate(element, index: index) {
            case .success(let event): entries.append(.accepted(event))
            case .failure(let rejection): entries.append(.rejected(rejection))
            }
        }
        return EventBatch(entries: entries)
    }
}
