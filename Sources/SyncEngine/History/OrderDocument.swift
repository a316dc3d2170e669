import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import JSONSupport
import SyncStore

/// The Clerk order document the history import sends for one BigCommerce order (mapping.md §4), as canonical JSON
/// with its content hash, and what the sales ledger records of it.
public struct OrderDocument: Sendable, Hashable {
    /// The BigCommerce order id.
    public var orderID: Int
    /// `{"customer"?, "email"?, "id", "products": [{"id","price","quantity"}], "status"?, "time"}`, keys sorted.
    public var json: [UInt8]
    /// The lowercase hexadecimal SHA-256 of `json`.
    public var contentHash: String
    /// The lines sent.
    public var lines: [LoggedSaleLine]
    /// The status sent, if any.
    public var status: ClerkOrderStatus?
    /// Units refunded per order line id, when the order was read.
    public var refunded: [Int: Int]

    /// What the sales ledger records of it.
    public var importedSale: ImportedSale {
        ImportedSale(orderID: orderID, lines: lines, clerkStatus: status?.rawValue, refunded: refunded)
    }

    /// The ledger's record of it.
    var stored: StoredDocument { StoredDocument(id: orderID, contentHash: contentHash, json: json) }

    /// What the Clerk client sends.
    var raw: RawDocument { RawDocument(id: orderID, json: json) }
}

/// The rules of mapping.md §4 for the order history: pure.
public enum OrderHistoryMapping {
    /// Whether an order in status `statusID` is sent by the history import, and with which Clerk status: Incomplete (0)
    /// and Declined (6) never were sales and are not sent; Cancelled (5) is `CANCELLED`, Refunded (4) `RETURNED`, any
    /// other status is sent without one.
    public static func disposition(statusID: Int) -> (send: Bool, status: ClerkOrderStatus?) {
        switch statusID {
        case 0, 6: (false, nil)
        case 5: (true, .cancelled)
        case 4: (true, .returned)
        default: (true, nil)
        }
    }

    /// The document of `order` with `lines` for `storefront`; nil when it is not sent (not a sale, or no sale line).
    /// `time` is `date_created` in unix seconds, `customer` the customer id as text (left out for a guest), `email` the
    /// billing email (left out when empty), and each product line's `price` the unit price paid, converted to the
    /// storefront's currency (as the live sale logger sends it).
    /// - Throws: ``SaleLoggerError/unknownCurrency(orderID:currency:)`` for an amount in a currency the store lacks.
    public static func document(
        for order: Order, lines: [OrderProduct], currency: String, catalog: StoreCatalog
    ) throws -> OrderDocument? {
        let disposition = disposition(statusID: order.statusID)
        guard disposition.send else { return nil }
        let sold = lines.filter(SaleLogger.isSaleLine)
        guard !sold.isEmpty else { return nil }
        let priced = try sold.map { line in
            LoggedSaleLine(
                productID: line.productID, quantity: line.quantity,
                price: try SaleLogger.unitPrice(line, order: order, currency: currency, catalog: catalog))
        }
        var writer = JSONWriter(capacity: 96 + 48 * priced.count)
        writer.openObject()
        if order.customerID > 0 { writer.field("customer", String(order.customerID)) }
        let email = order.billingEmail.trimmingCharacters(in: .whitespacesAndNewlines)
        if !email.isEmpty { writer.field("email", email) }
        writer.field("id", String(order.id))
        writer.key("products")
        writer.openArray()
        for line in priced {
            writer.openObject()
            writer.field("id", line.productID)
            writer.field("price", line.price)
            writer.field("quantity", line.quantity)
            writer.closeObject()
        }
        writer.closeArray()
        if let status = disposition.status { writer.field("status", status.rawValue) }
        writer.field("time", Int(order.dateCreated.timeIntervalSince1970.rounded(.down)))
        writer.closeObject()
        let json = writer.bytes
        var refunded: [Int: Int] = [:]
        for line in sold where line.quantityRefunded > 0 { refunded[line.id] = min(line.quantityRefunded, line.quantity) }
        return OrderDocument(
            orderID: order.id, json: json, contentHash: EncodedDocument.contentHash(of: json), lines: priced,
            status: disposition.status, refunded: refunded)
    }
}
