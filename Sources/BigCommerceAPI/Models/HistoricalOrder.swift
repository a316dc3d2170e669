import Foundation

/// An order as the history import lists it: the order and, when the listing carried them, its lines.
public struct HistoricalOrder: Sendable, Hashable {
    /// The order.
    public var order: Order
    /// Its lines from the listing's consignments (`include=consignments.line_items`); nil when the listing did not
    /// carry them, and the lines must be read with ``BigCommerceClient/orderProducts(orderID:)``.
    public var lines: [OrderProduct]?

    /// Creates a listed order.
    public init(order: Order, lines: [OrderProduct]?) {
        self.order = order
        self.lines = lines
    }
}

/// `GET /v2/orders` with `include=consignments.line_items&consignment_structure=object`: an order whose
/// consignments (shipping, pickups, downloads, gift-certificate emails) carry the order lines as
/// `/orders/{id}/products` returns them (orders.v2.oas2.yml, `order_includes`).
struct ListedOrder: Decodable {
    var order: Order
    var lines: [OrderProduct]?

    private enum Keys: String, CodingKey { case consignments }
    private enum ConsignmentKeys: String, CodingKey { case pickups, shipping, downloads, email }
    private enum EmailKeys: String, CodingKey { case giftCertificates = "gift_certificates" }
    private enum ItemKeys: String, CodingKey { case lineItems = "line_items" }

    init(from decoder: any Decoder) throws {
        order = try Order(from: decoder)
        lines = Self.lines(decoder)
    }

    /// Every line of every consignment, each once, by line id; nil when there are none or any is only a link.
    private static func lines(_ decoder: any Decoder) -> [OrderProduct]? {
        guard let root = try? decoder.container(keyedBy: Keys.self),
            let consignments = try? root.nestedContainer(keyedBy: ConsignmentKeys.self, forKey: .consignments)
        else { return nil }
        var groups: [ItemGroup] = []
        for key in [ConsignmentKeys.pickups, .shipping, .downloads] {
            groups += (try? consignments.decodeIfPresent(OneOrMany<ItemGroup>.self, forKey: key))?.elements ?? []
        }
        if let email = try? consignments.nestedContainer(keyedBy: EmailKeys.self, forKey: .email) {
            groups += (try? email.decodeIfPresent(OneOrMany<ItemGroup>.self, forKey: .giftCertificates))?.elements ?? []
        }
        var seen = Set<Int>()
        var lines: [OrderProduct] = []
        for group in groups {
            guard let items = group.items else { return nil }
            for line in items where seen.insert(line.id).inserted { lines.append(line) }
        }
        return lines.isEmpty ? nil : lines.sorted { $0.id < $1.id }
    }

    /// One consignment: its `line_items`, nil when they are links rather than lines.
    private struct ItemGroup: Decodable {
        var items: [OrderProduct]?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: ItemKeys.self)
            items = try? c.decodeIfPresent(OneOrMany<OrderProduct>.self, forKey: .lineItems)?.elements ?? []
        }
    }
}
