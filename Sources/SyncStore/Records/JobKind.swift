/// What a background job does, as stored in the queue's `kind` column.
public enum JobKind: String, Sendable, Codable, Hashable, CaseIterable, CustomStringConvertible {
    /// Re-read one product (entity: its id) and bring every storefront's Clerk store in line with it.
    case productSync = "product.sync"
    /// A price-list record changed (entity: `LIST/VARIANT`): find the variant's product and re-sync it.
    case priceRecordSync = "price_record.sync"
    /// Store-wide data may have changed (categories, trees, currencies, price-list assignments, store
    /// settings): re-read it, re-sync categories and the products the change touches.
    case catalogRefresh = "catalog.refresh"
    /// The scheduled light reconciliation: products modified since the last sweep, plus a catalog refresh
    /// (which polls brands and price lists, which fire no reliable webhook).
    case catalogReconcile = "catalog.reconcile"
    /// A full reindex of one storefront (entity: its name) or all (`*`).
    case catalogReindex = "catalog.reindex"
    /// Bring one order's sale in Clerk in line with BigCommerce (entity: the order id): log the sale once it
    /// qualifies, then cancellations and returns.
    case orderSync = "order.sync"
    /// Send the order history to Clerk (entity: a storefront's name, or `*`), page by page from its checkpoint.
    case orderImport = "order.import"
    /// Send every customer to the Clerk stores of their channels and remove the ones that left (entity `*`).
    case customerImport = "customer.import"
    /// The scheduled customer sweep: customers and newsletter subscriptions modified since the last one (entity
    /// `store`).
    case customerReconcile = "customer.reconcile"
    /// Bring one customer's documents in line with BigCommerce (entity: the customer id).
    case customerSync = "customer.sync"
    /// A newsletter subscription changed (entity: the subscriber id): re-sync the customers with its email.
    case subscriberSync = "subscriber.sync"
    /// Make a BigCommerce customer segment mirror a Clerk audience (storefront: the audience's, entity: the Clerk
    /// audience id).
    case audienceSync = "audience.sync"
    /// Check every market as its shoppers see it (`validate`; entity `*`) and record the result for `status` and
    /// `/metrics`.
    case marketValidate = "market.validate"

    /// The stored name, e.g. `product.sync`.
    public var description: String { rawValue }
}
