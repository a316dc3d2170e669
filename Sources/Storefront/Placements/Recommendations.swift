import CatalogMapping

/// The answer of `GET /v1/recommendations` (contract.md): `{"storefront","placement","labels","source",
/// "currency","items":[card + "position"]}`.
public struct Recommendations: Sendable, Hashable, Encodable {
    /// Where the products came from.
    public enum Source: String, Sendable, Hashable, Encodable {
        /// Clerk answered within the budget (possibly filled up from best sellers).
        case clerk
        /// Clerk was slow or failing: the storefront's best sellers in context.
        case fallback
    }

    /// A card with its place in the list (from 0, as Clerk's click `n`).
    public struct Item: Sendable, Hashable, Encodable {
        /// The product.
        public var card: ProductCard
        /// Its position.
        public var position: Int

        /// Encodes the card's members plus `position`.
        public func encode(to encoder: any Encoder) throws {
            try card.encode(to: encoder)
            var c = encoder.container(keyedBy: PositionKey.self)
            try c.encode(position, forKey: .position)
        }

        private enum PositionKey: String, CodingKey { case position }
    }

    /// The storefront.
    public var storefront: String
    /// The placement.
    public var placement: String
    /// The labels sent to Clerk (and to `log/click` when a shopper clicks).
    public var labels: [String]
    /// Where the products came from.
    public var source: Source
    /// The storefront currency.
    public var currency: String
    /// The products, in order.
    public var items: [Item]
    /// The Clerk endpoint that produced the list (what a click reports as `api`); nil for the fallback.
    public var api: String?

    enum CodingKeys: String, CodingKey {
        case storefront, placement, labels, source, currency, items, api
    }
}
