import CatalogMapping

/// The answer of `GET /v1/recommendations` (contract.md): `{"storefront","placement","labels","source",
/// "currency","items":[card + "position"]}`.
public struct Recommendations: Sendable, Hashable, Encodable {
    /// A card with its place in the list (from 0, as Clerk's click `n`).
    public struct Item: Sendable, Hashable, Encodable {
        /// The product.
        public var card: ProductCard
        /// Its position.
        public var position: Int
        /// The Clerk endpoint that chose this product, which a click on it reports as `api`; nil for a product
        /// the fallback filled in (Clerk only wants clicks on what it showed).
        public var api: String?

        /// An item at `position`, chosen by Clerk's `api` (nil: by the fallback).
        public init(card: ProductCard, position: Int, api: String? = nil) {
            self.card = card
            self.position = position
            self.api = api
        }

        /// Encodes the card's members plus `position` and `api`.
        public func encode(to encoder: any Encoder) throws {
            try card.encode(to: encoder)
            var c = encoder.container(keyedBy: ItemKey.self)
            try c.encode(position, forKey: .position)
            try c.encodeIfPresent(api, forKey: .api)
        }

        private enum ItemKey: String, CodingKey { case position, api }
    }

    /// The storefront.
    public var storefront: String
    /// The placement.
    public var placement: String
    /// The labels sent to Clerk (and to `log/click` when a shopper clicks).
    public var labels: [String]
    /// Where the products came from.
    public var source: ProductSource
    /// The storefront currency.
    public var currency: String
    /// The products, in order.
    public var items: [Item]
    /// The Clerk endpoint that produced the list (what a click reports as `api`); nil for the fallback.
    public var api: String?
    /// Whether the list depends on who asked (a visitor's or customer's recommendations), so it must not be
    /// cached for other shoppers. Not part of the JSON.
    public var personal: Bool
    /// Products Clerk answered that could not be shown (not in the storefront's catalog mirror, hidden, out of
    /// stock where the placement wants stock), in Clerk's order. Not part of the JSON: what `validate` looks into.
    public var unshown: [Int] = []
    /// How long this request waited for Clerk (zero when the answer was kept from an earlier one). Not part
    /// of the JSON; `serve` reports it as `Server-Timing`.
    public var clerkWait: Duration

    /// Creates an answer.
    public init(
        storefront: String, placement: String, labels: [String], source: ProductSource, currency: String, items: [Item],
        api: String?, personal: Bool = false, clerkWait: Duration = .zero
    ) {
        self.clerkWait = clerkWait
        self.storefront = storefront
        self.placement = placement
        self.labels = labels
        self.source = source
        self.currency = currency
        self.items = items
        self.api = api
        self.personal = personal
    }

    enum CodingKeys: String, CodingKey {
        case storefront, placement, labels, source, currency, items, api
    }
}
