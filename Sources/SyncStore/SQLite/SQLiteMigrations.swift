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
        return migrator
    }
}
