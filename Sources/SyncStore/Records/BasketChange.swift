import Foundation

/// What one accepted shopper event does to its visitor's basket (see ``ShopperBaskets``).
public struct BasketChange: Sendable, Hashable {
    /// How the basket's products change.
    public enum Action: Sendable, Hashable {
        /// Adds `quantity` of the product (`cart_item_added`); a product already there keeps its place.
        case add(productID: Int, quantity: Int)
        /// Takes `quantity` of the product away (`cart_item_removed`); a line at 0 or below disappears.
        case remove(productID: Int, quantity: Int)
        /// The whole basket is now these lines (`cart_updated`, `checkout_started` with items; no lines for
        /// `order_purchased`, whose cart was bought). Lines of one product are merged.
        case replace([BasketLine])
        /// The products stay; the event only names the shopper (its verified email).
        case identify
    }

    /// The id of the event the change comes from: it is applied only when that event is stored, never for a
    /// redelivered duplicate.
    public var eventID: String
    /// The storefront.
    public var storefront: String
    /// The anonymous visitor whose basket it is.
    public var visitor: String
    /// The email a verified customer token proved for the event; nil for an anonymous event.
    public var email: String?
    /// When the shopper did it (the event's `occurred_at`).
    public var at: Date
    /// What changes.
    public var action: Action

    /// Creates a change.
    public init(eventID: String, storefront: String, visitor: String, email: String?, at: Date, action: Action) {
        self.eventID = eventID
        self.storefront = storefront
        self.visitor = visitor
        self.email = email
        self.at = at
        self.action = action
    }
}

extension BasketChange.Action {
    /// `lines` after this action: products in the order first added, one line per product, none at 0.
    func applied(to lines: [BasketLine]) -> [BasketLine] {
        switch self {
        case .identify:
            return lines
        case .add(let productID, let quantity):
            var lines = lines
            if let index = lines.firstIndex(where: { $0.productID == productID }) {
                lines[index].quantity += quantity
            } else if quantity > 0 {
                lines.append(BasketLine(productID: productID, quantity: quantity))
            }
            return lines
        case .remove(let productID, let quantity):
            var lines = lines
            if let index = lines.firstIndex(where: { $0.productID == productID }) {
                lines[index].quantity -= quantity
                if lines[index].quantity <= 0 { lines.remove(at: index) }
            }
            return lines
        case .replace(let items):
            var order: [Int] = []
            var quantities: [Int: Int] = [:]
            for item in items {
                if quantities[item.productID] == nil { order.append(item.productID) }
                quantities[item.productID, default: 0] += item.quantity
            }
            // Products already in the basket keep their place; new ones follow in the order listed.
            let kept = lines.map(\.productID).filter { quantities[$0] != nil }
            let added = order.filter { !kept.contains($0) }
            return (kept + added).compactMap { productID in
                guard let quantity = quantities[productID], quantity > 0 else { return nil }
                return BasketLine(productID: productID, quantity: quantity)
            }
        }
    }
}
