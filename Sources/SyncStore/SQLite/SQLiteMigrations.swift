import GRDB

/// The versioned schema of the SQLite store. Append migrations ("v2", …); never edit a shipped one.
enum SQLiteMigrations {
    /// All migrations, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // What Clerk holds (content_hash not null) and which ids a reindex run has seen.
            try db.execute(sql: """
                CREATE TABLE ledger (
                    storefront TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    id INTEGER NOT NULL,
                    content_hash TEXT,
                    pushed_at REAL,
                    seen_run TEXT,
                    PRIMARY KEY (storefront, entity, id)
                ) WITHOUT ROWID
                """)
            // Documents are several KB: a rowid table keeps the primary-key b-tree small.
            try db.execute(sql: """
                CREATE TABLE mirror (
                    storefront TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    id INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    document BLOB NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (storefront, entity, id)
                )
                """)
            try db.execute(sql: """
                CREATE TABLE crawl_checkpoints (
                    storefront TEXT NOT NULL PRIMARY KEY,
                    run TEXT NOT NULL,
                    last_product_id INTEGER NOT NULL,
                    failed_pages INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    counters TEXT NOT NULL,
                    saved_at REAL NOT NULL
                )
                """)
            try db.execute(sql: """
                CREATE TABLE dead_letters (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    storefront TEXT,
                    kind TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    request_payload BLOB,
                    response_status INTEGER,
                    response_body BLOB,
                    error TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    history TEXT NOT NULL,
                    first_failed_at REAL NOT NULL,
                    last_failed_at REAL NOT NULL,
                    resolved_at REAL
                )
                """)
            // At most one open letter per (storefront, kind, entity).
            try db.execute(sql: """
                CREATE UNIQUE INDEX dead_letters_open
                ON dead_letters (ifnull(storefront, ''), kind, entity_id)
                WHERE resolved_at IS NULL
                """)
            try db.execute(sql: "CREATE INDEX dead_letters_recency ON dead_letters (last_failed_at, id)")
        }
        migrator.registerMigration("v2") { db in
            // The durable job queue. Times are seconds since 1970; history is a JSON array of attempts.
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (length(kind) > 0),
                    storefront TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    state TEXT NOT NULL
                        CHECK (state IN ('available', 'running', 'retryable', 'completed', 'dead')),
                    attempts INTEGER NOT NULL,
                    run_at REAL NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at REAL,
                    last_error TEXT,
                    history TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                )
                """)
            // Coalescing: at most one pending job per key.
            try db.execute(sql: """
                CREATE UNIQUE INDEX jobs_pending_key ON jobs (kind, storefront, entity)
                WHERE state IN ('available', 'retryable')
                """)
            // Claiming: due pending jobs in order, expired leases, and "is this key running?".
            try db.execute(sql: """
                CREATE INDEX jobs_pending_due ON jobs (run_at, id) WHERE state IN ('available', 'retryable')
                """)
            try db.execute(sql: """
                CREATE INDEX jobs_running_key ON jobs (kind, storefront, entity, lease_expires_at)
                WHERE state = 'running'
                """)
            try db.execute(sql: """
                CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE state = 'running'
                """)
            try db.execute(sql: "CREATE INDEX jobs_state_recency ON jobs (state, updated_at, id)")
            // Verified webhook deliveries; job_ids is a JSON array of the jobs each one enqueued.
            try db.execute(sql: """
                CREATE TABLE webhook_deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    webhook_id TEXT,
                    payload_hash TEXT,
                    scope TEXT NOT NULL,
                    store_id TEXT,
                    body BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    job_ids TEXT NOT NULL
                )
                """)
            try db.execute(sql: """
                CREATE UNIQUE INDEX webhook_deliveries_webhook_id ON webhook_deliveries (webhook_id)
                WHERE webhook_id IS NOT NULL
                """)
            try db.execute(sql: """
                CREATE UNIQUE INDEX webhook_deliveries_payload_hash ON webhook_deliveries (payload_hash)
                WHERE payload_hash IS NOT NULL
                """)
        }
        migrator.registerMigration("v3") { db in
            // Named markers: schedule times, sweep positions, last-run summaries, worker heartbeats.
            try db.execute(sql: """
                CREATE TABLE markers (
                    name TEXT PRIMARY KEY,
                    value BLOB NOT NULL,
                    updated_at REAL NOT NULL
                )
                """)
            try db.execute(sql: "CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at)")
            // A payload hash is not unique: it covers only `data`, so two events for one entity can share it.
            try db.execute(sql: "DROP INDEX webhook_deliveries_payload_hash")
            try db.execute(sql: """
                CREATE INDEX webhook_deliveries_payload_hash_lookup ON webhook_deliveries (payload_hash)
                WHERE payload_hash IS NOT NULL
                """)
        }
        migrator.registerMigration("v4") { db in
            // Shopper events on their way to Clerk: appended once per (storefront, event id), forwarded in order.
            try db.execute(sql: """
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    storefront TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    type TEXT NOT NULL,
                    visitor TEXT NOT NULL,
                    occurred_at REAL NOT NULL,
                    payload BLOB NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'forwarding', 'forwarded', 'dead')),
                    attempts INTEGER NOT NULL,
                    next_attempt_at REAL NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at REAL,
                    last_error TEXT,
                    received_at REAL NOT NULL,
                    UNIQUE (storefront, event_id)
                )
                """)
            try db.execute(sql: "CREATE INDEX events_due ON events (next_attempt_at, id) WHERE state = 'pending'")
            try db.execute(sql: "CREATE INDEX events_leased ON events (lease_expires_at) WHERE state = 'forwarding'")
            try db.execute(sql: "CREATE INDEX events_forwarded ON events (received_at) WHERE state = 'forwarded'")
        }
        migrator.registerMigration("v5-attribution") { db in
            // Who a shopper is, as the storefront reported it: carts and purchases for sale attribution,
            // and the verified emails already linked to a visitor in Clerk.
            try db.execute(sql: """
                CREATE TABLE cart_visitors (
                    cart_id TEXT PRIMARY KEY,
                    visitor TEXT NOT NULL,
                    storefront TEXT NOT NULL,
                    seen_at REAL NOT NULL
                )
                """)
            try db.execute(sql: """
                CREATE TABLE purchase_visitors (
                    order_id INTEGER NOT NULL,
                    visitor TEXT NOT NULL,
                    storefront TEXT NOT NULL,
                    customer_id INTEGER,
                    seen_at REAL NOT NULL,
                    PRIMARY KEY (order_id, visitor)
                )
                """)
            try db.execute(sql: """
                CREATE TABLE email_links (
                    storefront TEXT NOT NULL,
                    visitor TEXT NOT NULL,
                    email TEXT NOT NULL,
                    linked_at REAL NOT NULL,
                    PRIMARY KEY (storefront, visitor, email)
                )
                """)
            try db.execute(sql: "CREATE INDEX cart_visitors_seen ON cart_visitors (seen_at)")
            try db.execute(sql: "CREATE INDEX purchase_visitors_seen ON purchase_visitors (seen_at)")
            try db.execute(sql: "CREATE INDEX email_links_linked ON email_links (linked_at)")
        }
        migrator.registerMigration("v5-sales") { db in
            // What the sale logger told Clerk per (storefront, order): the sale once, then a status.
            try db.execute(sql: """
                CREATE TABLE sales (
                    storefront TEXT NOT NULL,
                    order_id INTEGER NOT NULL,
                    logged_at REAL NOT NULL,
                    visitor TEXT,
                    lines TEXT NOT NULL,
                    clerk_status TEXT,
                    status_at REAL,
                    PRIMARY KEY (storefront, order_id)
                ) WITHOUT ROWID
                """)
            // Units of each order line already reported through log/returned.
            try db.execute(sql: """
                CREATE TABLE sale_returns (
                    storefront TEXT NOT NULL,
                    order_id INTEGER NOT NULL,
                    line_id INTEGER NOT NULL,
                    quantity INTEGER NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (storefront, order_id, line_id),
                    FOREIGN KEY (storefront, order_id) REFERENCES sales (storefront, order_id) ON DELETE CASCADE
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v6-baskets") { db in
            // Each visitor's basket, built from cart events for abandoned-cart emails. `lines` is a JSON array
            // of {"product_id", "quantity"} in the order first added: a basket is a handful of lines, always
            // read and rewritten whole inside the event append, and never searched by product, so one row per
            // basket keeps a change to one read and one write, and the order needs no extra column.
            // `updated_at` is the last change of the products (NULL while a verified email alone made the row),
            // `replaced_at` the last full replacement (older changes are ignored), `email` the latest verified
            // email of the visitor's events (lowercased, as of `email_at`), `touched_at` what the purge reads.
            try db.execute(sql: """
                CREATE TABLE shopper_baskets (
                    storefront TEXT NOT NULL,
                    visitor TEXT NOT NULL,
                    lines TEXT NOT NULL,
                    line_count INTEGER NOT NULL,
                    updated_at REAL,
                    replaced_at REAL,
                    email TEXT,
                    email_at REAL,
                    touched_at REAL NOT NULL,
                    PRIMARY KEY (storefront, visitor)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE INDEX shopper_baskets_email ON shopper_baskets (storefront, email) WHERE email IS NOT NULL
                """)
            try db.execute(sql: "CREATE INDEX shopper_baskets_touched ON shopper_baskets (touched_at)")
            // Finding a basket by email goes from the email to its linked visitors.
            try db.execute(sql: "CREATE INDEX email_links_email ON email_links (storefront, email)")
        }
        migrator.registerMigration("v7-waits") { db in
            // Why queued work waits without an attempt (Reliability's WaitReason; NULL after a failed attempt):
            // a new change may cut a backoff or outage wait short, and a recovery brings outage waits forward.
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN wait_reason TEXT")
            try db.execute(sql: "CREATE INDEX jobs_outage ON jobs (id) WHERE state = 'retryable' AND wait_reason = 'outage'")
            try db.execute(sql: "ALTER TABLE events ADD COLUMN wait_reason TEXT")
            try db.execute(sql: "CREATE INDEX events_outage ON events (id) WHERE state = 'pending' AND wait_reason = 'outage'")
        }
        migrator.registerMigration("v8-dashboard") { db in
            // The overview's lags: the oldest unfinished job per kind and storefront, the oldest event not
            // forwarded per storefront. Both partial, so they hold only what waits.
            try db.execute(sql: """
                CREATE INDEX jobs_waiting_since ON jobs (kind, storefront, created_at)
                WHERE state IN ('available', 'retryable', 'running')
                """)
            try db.execute(sql: """
                CREATE INDEX events_waiting_since ON events (storefront, received_at) WHERE state IN ('pending', 'forwarding')
                """)
            // Events accepted per minute; received_at only grows, so the index is appended to at its end.
            try db.execute(sql: "CREATE INDEX events_received ON events (received_at)")
            // Dead events are counted, not scanned for: forwarded ones are the total less the others.
            try db.execute(sql: "CREATE INDEX events_dead ON events (id) WHERE state = 'dead'")
        }
        migrator.registerMigration("v9-crawl-ranges") { db in
            // A reindex crawls the id space in ranges side by side; each storefront's checkpoint keeps every range
            // with how far it got, as a JSON array of {"first", "last", "after"} (read and written whole with the
            // checkpoint). Checkpoints saved before hold '[]': their last_product_id alone says where to resume.
            try db.execute(sql: "ALTER TABLE crawl_checkpoints ADD COLUMN ranges TEXT NOT NULL DEFAULT '[]'")
        }
        migrator.registerMigration("v10-visitor-order") { db in
            // Claiming an event looks for an earlier open event of its visitor (forwarded in order by any forwarder).
            try db.execute(sql: """
                CREATE INDEX events_visitor_open ON events (storefront, visitor, id) WHERE state IN ('pending', 'forwarding')
                """)
        }
        return migrator
    }
}
