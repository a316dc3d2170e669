/// A table every store keeps, as `clerkbridge store copy` moves it: its name, its columns and its key (the order
/// rows are read in). The list is in the order a copy writes them (parents before the rows that refer to them).
package struct StoreTable: Sendable, Hashable {
    /// The table's name, the same in every store.
    package var name: String
    /// Its columns, the same in every store.
    package var columns: [String]
    /// Its primary key's columns.
    package var key: [String]
    /// Whether its `id` is generated (the copy keeps the ids, then moves the generator past them).
    package var generatesIDs: Bool

    /// Every table, parents first.
    package static let all: [StoreTable] = [
        StoreTable(
            name: "ledger", columns: ["storefront", "entity", "id", "content_hash", "pushed_at", "seen_run"],
            key: ["storefront", "entity", "id"]),
        StoreTable(
            name: "mirror", columns: ["storefront", "entity", "id", "content_hash", "document", "updated_at"],
            key: ["storefront", "entity", "id"]),
        StoreTable(
            name: "crawl_checkpoints",
            columns: ["storefront", "run", "last_product_id", "failed_pages", "started_at", "counters", "saved_at", "ranges"],
            key: ["storefront"]),
        StoreTable(
            name: "dead_letters",
            columns: [
                "id", "storefront", "kind", "entity_id", "request_payload", "response_status", "response_body", "error",
                "attempts", "history", "first_failed_at", "last_failed_at", "resolved_at",
            ],
            key: ["id"], generatesIDs: true),
        StoreTable(
            name: "jobs",
            columns: [
                "id", "kind", "storefront", "entity", "payload", "state", "attempts", "run_at", "lease_owner",
                "lease_expires_at", "last_error", "history", "created_at", "updated_at", "wait_reason",
            ],
            key: ["id"], generatesIDs: true),
        StoreTable(
            name: "webhook_deliveries",
            columns: ["id", "webhook_id", "payload_hash", "scope", "store_id", "body", "received_at", "job_ids"],
            key: ["id"], generatesIDs: true),
        StoreTable(name: "markers", columns: ["name", "value", "updated_at"], key: ["name"]),
        StoreTable(
            name: "events",
            columns: [
                "id", "storefront", "event_id", "type", "visitor", "occurred_at", "payload", "state", "attempts",
                "next_attempt_at", "lease_owner", "lease_expires_at", "last_error", "received_at", "wait_reason",
            ],
            key: ["id"], generatesIDs: true),
        StoreTable(name: "cart_visitors", columns: ["cart_id", "visitor", "storefront", "seen_at"], key: ["cart_id"]),
        StoreTable(
            name: "purchase_visitors", columns: ["order_id", "visitor", "storefront", "customer_id", "seen_at"],
            key: ["order_id", "visitor"]),
        StoreTable(
            name: "email_links", columns: ["storefront", "visitor", "email", "linked_at"],
            key: ["storefront", "visitor", "email"]),
        StoreTable(
            name: "sales", columns: ["storefront", "order_id", "logged_at", "visitor", "lines", "clerk_status", "status_at"],
            key: ["storefront", "order_id"]),
        StoreTable(
            name: "sale_returns", columns: ["storefront", "order_id", "line_id", "quantity", "updated_at"],
            key: ["storefront", "order_id", "line_id"]),
        StoreTable(
            name: "shopper_baskets",
            columns: [
                "storefront", "visitor", "lines", "line_count", "updated_at", "replaced_at", "email", "email_at",
                "touched_at",
            ],
            key: ["storefront", "visitor"]),
    ]

    init(name: String, columns: [String], key: [String], generatesIDs: Bool = false) {
        self.name = name
        self.columns = columns
        self.key = key
        self.generatesIDs = generatesIDs
    }
}

/// One value of a copied row, as SQLite stores it.
package enum StoredValue: Sendable, Hashable {
    /// NULL.
    case null
    /// An integer.
    case integer(Int64)
    /// A floating-point number (every time column).
    case real(Double)
    /// Text.
    case text(String)
    /// Bytes.
    case blob([UInt8])
}
