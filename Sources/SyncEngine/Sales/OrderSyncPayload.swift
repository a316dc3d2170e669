import Foundation

/// What an `order.sync` job carries: where the work came from and, for a converted cart, the cart id.
///
/// The queue replaces a pending job's payload when work for the same order is enqueued again, so the payload
/// is a hint, never the only source: the cart id is also read from the order (`cart_id`), and a purchase
/// event that coalesced into a webhook's job is handled as the webhook's.
public struct OrderSyncPayload: Sendable, Hashable, Codable {
    /// Where an `order.sync` job came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// A BigCommerce order or cart webhook: an order BigCommerce does not know has nothing to sync.
        case webhook
        /// The storefront reported a purchase: an order BigCommerce does not know is retried and then
        /// dead-lettered (a purchase that cannot be confirmed is never logged).
        case purchaseEvent = "purchase_event"
        /// Anything else (an operator, a replay).
        case other
    }

    /// Where the job came from.
    public var source: Source
    /// The webhook scope, for the operator.
    public var scope: String?
    /// The cart that became the order (`store/cart/converted` `data.id`).
    public var cartID: String?

    /// Creates a payload.
    public init(source: Source, scope: String? = nil, cartID: String? = nil) {
        self.source = source
        self.scope = scope
        self.cartID = cartID
    }

    private enum CodingKeys: String, CodingKey {
        case source, scope
        case cartID = "cart_id"
    }

    /// The JSON bytes to enqueue.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? Array(encoder.encode(self))) ?? Array(#"{"source":"other"}"#.utf8)
    }

    /// The payload in `bytes`; bytes that are not one (an older job's plain scope text) read as `.other`.
    public static func decode(_ bytes: [UInt8]) -> OrderSyncPayload {
        (try? JSONDecoder().decode(OrderSyncPayload.self, from: Data(bytes)))
            ?? OrderSyncPayload(source: .other, scope: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
    }
}
