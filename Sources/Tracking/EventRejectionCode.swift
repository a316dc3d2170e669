/// The stable code of a rejected event (the `error.code` of an entry in the answer's `rejected`).
///
/// | code | when |
/// |---|---|
/// | `missing_field` | a required field is absent or `null` (the message names it) |
/// | `invalid_field` | a field has the wrong type or shape, e.g. `id` not 1–64 characters, an id not a positive integer, a price not a non-negative decimal, the event not an object (the message names the field) |
/// | `unknown_type` | `type` is not one of `EventType` |
/// | `invalid_visitor_id` | `visitor_id` is not `[A-Za-z0-9]{1,32}` |
/// | `invalid_timestamp` | `occurred_at` is not RFC 3339 with a zone, more than 24 h after `now` or more than 30 days before it |
/// | `invalid_email` | `email` is not a plausible address (see `EventValidator.isPlausibleEmail`) |
/// | `invalid_quantity` | a `quantity` is not an integer from 1 to 1,000,000 |
/// | `too_many_items` | `items` holds more than `EventLimits.maxItems` (250) lines |
/// | `duplicate_id` | an earlier event of the same batch has the same `id` |
public enum EventRejectionCode: String, Sendable, Hashable, CaseIterable {
    /// A required field is absent or `null`.
    case missingField = "missing_field"
    /// A field has the wrong type or shape.
    case invalidField = "invalid_field"
    /// `type` is not a known event type.
    case unknownType = "unknown_type"
    /// `visitor_id` is not `[A-Za-z0-9]{1,32}`.
    case invalidVisitorID = "invalid_visitor_id"
    /// `occurred_at` is unreadable or outside the accepted window.
    case invalidTimestamp = "invalid_timestamp"
    /// `email` is not a plausible address.
    case invalidEmail = "invalid_email"
    /// A `quantity` is not a positive integer (at most 1,000,000).
    case invalidQuantity = "invalid_quantity"
    /// `items` has more lines than allowed.
    case tooManyItems = "too_many_items"
    /// An earlier event in the batch has the same `id`.
    case duplicateID = "duplicate_id"
}
