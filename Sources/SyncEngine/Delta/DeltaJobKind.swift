import SyncStore

/// The kinds of background job the delta worker runs, as stored in the queue's `kind` column.
public enum DeltaJobKind: String, Sendable, CaseIterable {
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
    /// qualifies, then cancellations and returns (see ``SaleLogger``). Payload: an ``OrderSyncPayload``.
    case orderSync = "order.sync"

    /// The job key for this kind and entity; delta jobs are store-wide (one job serves every storefront).
    public func key(_ entity: String) -> JobKey {
        JobKey(kind: rawValue, entity: entity)
    }

    /// The key of the `order.sync` job for BigCommerce order `orderID` (store-wide: the order's storefront is
    /// chosen when it runs). Enqueue it with an ``OrderSyncPayload``.
    public static func orderSyncKey(orderID: Int) -> JobKey {
        orderSync.key(String(orderID))
    }
}
