/// The kind of Clerk document a ledger or mirror row describes.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    /// A Clerk product document (one BigCommerce product).
    case product
    /// A Clerk category document (one BigCommerce category).
    case category
    /// A Clerk order document sent by the order history import (one BigCommerce order; the id is the order id).
    /// Only imported orders are held here; what the live sale logger sent is in the ``SalesLedger``.
    case order
    /// A Clerk customer document (one BigCommerce customer). Its ledger hash is `EMAILHASH.DOCUMENTHASH`: Clerk
    /// cannot change a customer's email in place, so a change of the email part means delete, then create.
    case customer
}
