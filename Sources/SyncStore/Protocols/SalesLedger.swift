import Foundation

/// What the sale logger told Clerk about each order, per storefront: that the sale was logged (so `log/sale`
/// is sent at most once, however many webhooks arrive), the Clerk status it set afterwards, and the units of
/// each order line already reported through `log/returned` (so a refund is reported once).
public protocol SalesLedger: Sendable {
    /// What was recorded for order `orderID` on `storefront`, or nil when its sale was never logged there.
    func loggedSale(storefront: String, orderID: Int) async throws -> LoggedSale?

    /// Records that Clerk accepted `log/sale` for order `orderID` on `storefront`. A sale already recorded is
    /// left as it was (the first record wins). Its status and returns start empty.
    func recordSale(storefront: String, orderID: Int, visitor: String?, lines: [LoggedSaleLine], at: Date) async throws

    /// Records that Clerk accepted `status` (e.g. `CANCELLED`, `RETURNED`) for a logged order.
    /// Throws ``SyncStoreError/saleNotLogged(storefront:orderID:)`` when its sale was never recorded.
    func recordSaleStatus(storefront: String, orderID: Int, status: String, at: Date) async throws

    /// Records that `quantity` units of order line `lineID` (in total, not an increment) have now been reported
    /// through `log/returned` for a logged order. Never lowers a recorded quantity.
    /// Throws ``SyncStoreError/saleNotLogged(storefront:orderID:)`` when its sale was never recorded.
    func recordReturned(storefront: String, orderID: Int, lineID: Int, quantity: Int, at: Date) async throws

    /// The records of those `orderIDs` logged on `storefront`; orders never logged there are absent.
    func loggedSales(storefront: String, orderIDs: [Int]) async throws -> [Int: LoggedSale]

    /// Records orders the history import sent to Clerk (`POST /v2/orders`), so the live sale logger treats them as
    /// logged and only updates their status: each as ``recordSale(storefront:orderID:visitor:lines:at:)`` without a
    /// visitor (an order already recorded keeps its record), then its status when it has one, then the units of each
    /// line refunded before it was sent, as ``recordReturned(storefront:orderID:lineID:quantity:at:)`` does (those
    /// refunds are part of the history and are not reported through `log/returned`).
    func recordImportedSales(storefront: String, sales: [ImportedSale], at: Date) async throws
}

extension SalesLedger {
    /// One read per order; a store that can read them at once overrides it.
    public func loggedSales(storefront: String, orderIDs: [Int]) async throws -> [Int: LoggedSale] {
        var found: [Int: LoggedSale] = [:]
        for id in orderIDs {
            if let sale = try await loggedSale(storefront: storefront, orderID: id) { found[id] = sale }
        }
        return found
    }

    /// One write per step; a store that can write them in one transaction overrides it.
    public func recordImportedSales(storefront: String, sales: [ImportedSale], at: Date) async throws {
        for sale in sales {
            try await recordSale(storefront: storefront, orderID: sale.orderID, visitor: nil, lines: sale.lines, at: at)
            if let status = sale.clerkStatus {
                try await recordSaleStatus(storefront: storefront, orderID: sale.orderID, status: status, at: at)
            }
            for (line, quantity) in sale.refunded.sorted(by: { $0.key < $1.key }) where quantity > 0 {
                try await recordReturned(storefront: storefront, orderID: sale.orderID, lineID: line, quantity: quantity, at: at)
            }
        }
    }
}

/// An order the history import sent to Clerk, as the ``SalesLedger`` records it.
public struct ImportedSale: Sendable, Hashable {
    /// The BigCommerce order id.
    public var orderID: Int
    /// The lines sent.
    public var lines: [LoggedSaleLine]
    /// The Clerk status sent (`CANCELLED`, `RETURNED`), if any.
    public var clerkStatus: String?
    /// Units refunded before the import, by BigCommerce order line id.
    public var refunded: [Int: Int]

    /// Creates a record.
    public init(orderID: Int, lines: [LoggedSaleLine], clerkStatus: String? = nil, refunded: [Int: Int] = [:]) {
        self.orderID = orderID
        self.lines = lines
        self.clerkStatus = clerkStatus
        self.refunded = refunded
    }
}

/// One order's record in the ``SalesLedger``.
public struct LoggedSale: Sendable, Equatable {
    /// The storefront whose Clerk store holds the sale.
    public var storefront: String
    /// The BigCommerce order id.
    public var orderID: Int
    /// When Clerk accepted `log/sale`.
    public var loggedAt: Date
    /// The visitor sent with it, if any.
    public var visitor: String?
    /// The lines sent.
    public var lines: [LoggedSaleLine]
    /// The last Clerk status set after the sale (`CANCELLED`, `RETURNED`), if any.
    public var clerkStatus: String?
    /// When that status was set.
    public var statusAt: Date?
    /// Units already reported through `log/returned`, by BigCommerce order line id.
    public var returned: [Int: Int]

    /// Creates a record.
    public init(
        storefront: String, orderID: Int, loggedAt: Date, visitor: String?, lines: [LoggedSaleLine],
        clerkStatus: String? = nil, statusAt: Date? = nil, returned: [Int: Int] = [:]
    ) {
        self.storefront = storefront
        self.orderID = orderID
        self.loggedAt = loggedAt
        self.visitor = visitor
        self.lines = lines
        self.clerkStatus = clerkStatus
        self.statusAt = statusAt
        self.returned = returned
    }
}

/// One product line of a logged sale, as sent to Clerk.
public struct LoggedSaleLine: Sendable, Hashable, Codable {
    /// The Clerk product id (BigCommerce parent product id).
    public var productID: Int
    /// Units.
    public var quantity: Int
    /// Unit price sent, in the storefront's currency.
    public var price: Decimal

    /// Creates a line.
    public init(productID: Int, quantity: Int, price: Decimal) {
        self.productID = productID
        self.quantity = quantity
        self.price = price
    }

    private enum CodingKeys: String, CodingKey {
        case productID = "id"
        case quantity, price
    }

    /// Encodes the price as its decimal text, never through `Double`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(productID, forKey: .productID)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(price.description, forKey: .price)
    }

    /// Decodes a line written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        productID = try c.decode(Int.self, forKey: .productID)
        quantity = try c.decode(Int.self, forKey: .quantity)
        let text = try c.decode(String.self, forKey: .price)
        guard let price = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(forKey: .price, in: c, debugDescription: "not a decimal: \(text)")
        }
        self.price = price
    }
}
