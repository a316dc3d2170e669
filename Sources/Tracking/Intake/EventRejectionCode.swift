/// The stable code of a rejected event (the `error.code` of an entry in the answer's `rejected`).
///
/// | code | when |
/// |---|---|
/// | `missing_field` | a required field is absent or `null` (the message names it) |
/// | `invalid_field` | a field has the wrong type or shape, or the event is not an object (message names the field) |
/// | `unknown_type` | `type` is not one of `EventType` |
/// | `invalid_visitor_id` | `visitor_id` is not `[A-Za-z0-9]{1,32}` |
/// | `invalid_timestamp` | `occurred_at` not RFC 3339 with a zone, over 24 h after `now` or 30 days before it |
/// | `invalid_email` | `email` is not a plausible address (rule below) |
/// | `invalid_quantity` | a `quantity` is not an integer from 1 to 1,000,000 |
/// | `too_many_items` | `items` holds more than `EventLimits.maxItems` (250) lines |
/// | `duplicate_id` | an earlier event of the same batch has the same `id` |
/// | `unknown_storefront` | `storefront` names no configured storefront (checked on intake) |
///
/// Rules per event, checked in this order (first failure wins); `null` counts as absent, unknown fields
/// are ignored:
/// - the element is an object; `id` is a string of 1–64 characters without control characters, not used
///   by an earlier element of the batch;
/// - `type` is present and known; `visitor_id` matches `[A-Za-z0-9]{1,32}`;
/// - `occurred_at` is RFC 3339 with a zone and, when `now` is given, at most 24 h ahead and 30 days behind;
/// - optional `storefront` and `cart_id`: strings of 1–64 characters; optional `customer_token`: a string of
///   at most 4,096 characters;
/// - ids (`product_id`, `variant_id`, `category_id`, `order_id`): positive integers, as JSON integers or
///   digit strings; `quantity`: an integer from 1 to 1,000,000; `price`: a non-negative decimal as a JSON
///   number or a string, without exponent, at most 32 characters;
/// - `query`: 1–256 characters, not only whitespace; `source.api`: 1–128 characters; `source.position`:
///   a non-negative integer; `source.labels` (optional, default empty): at most 50 strings of 1–128 characters;
/// - `items`: an array of at most `EventLimits.maxItems` objects, non-empty for `order_purchased`;
/// - `email`: at most 254 bytes, exactly one `@`, a local part of 1–64 bytes, a domain of at least two
///   dot-separated non-empty labels that neither start nor end with `-`; no whitespace, control or format
///   (e.g. zero-width) characters, nor any of `<>()[]\,;:"`.
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
    /// `storefront` names no configured storefront.
    case unknownStorefront = "unknown_storefront"
}
