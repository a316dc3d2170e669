import Foundation
import GRDB

/// The dashboard's reads on SQLite: aggregates over partial and covering indexes (`v8-dashboard` adds the two
/// lag indexes), so none of them reads a payload.
extension SQLiteSyncStore: DashboardStore {
    /// Every count of the overview in one read transaction. What waits is counted through partial indexes; completed
    /// jobs and forwarded events, the bulk of both tables, are the table's count (which SQLite reads page by page) less
    /// the other states.
    public func dashboardCounts() async throws -> DashboardCounts {
        try await writer.read { db in
            var jobs = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: """
                SELECT state, count(*) AS n FROM jobs WHERE state IN ('available', 'running', 'retryable', 'dead') GROUP BY state
                """) {
                if let state = JobState(rawValue: row["state"]) { jobs[state] = row["n"] }
            }
            let totalJobs = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs") ?? 0
            jobs[.completed] = totalJobs - jobs.values.reduce(0, +)
            let oldestDue = try Double.fetchOne(
                db, sql: "SELECT min(run_at) FROM jobs WHERE state IN ('available', 'retryable')")
            let backlog = try Row.fetchAll(db, sql: """
                SELECT kind, storefront, count(*) AS n, min(created_at) AS since FROM jobs
                WHERE state IN ('available', 'retryable', 'running')
                GROUP BY kind, storefront ORDER BY kind, storefront
                """).map { row in
                let kind: String = row["kind"]
                guard let known = JobKind(rawValue: kind) else {
                    throw SyncStoreError.corruptRecord(table: "jobs", detail: "unknown kind '\(kind)'")
                }
                return JobBacklog(
                    kind: known, storefront: row["storefront"], count: row["n"],
                    oldestEnqueuedAt: Date(timeIntervalSince1970: row["since"]))
            }
            var events = Dictionary(uniqueKeysWithValues: LoggedEvent.State.allCases.map { ($0, 0) })
            for state in [LoggedEvent.State.pending, .forwarding, .dead] {
                events[state] = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE state = ?", arguments: [state.rawValue]) ?? 0
            }
            let totalEvents = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            events[.forwarded] = totalEvents - events.values.reduce(0, +)
            var waitingEvents: [String: EventBacklog] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT storefront, count(*) AS n, min(received_at) AS since FROM events
                WHERE state IN ('pending', 'forwarding') GROUP BY storefront
                """) {
                waitingEvents[row["storefront"]] = EventBacklog(count: row["n"], oldestReceivedAt: Date(timeIntervalSince1970: row["since"]))
            }
            var letters: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT ifnull(storefront, '') AS storefront, count(*) AS n FROM dead_letters
                WHERE resolved_at IS NULL GROUP BY ifnull(storefront, '')
                """) {
                letters[row["storefront"]] = row["n"]
            }
            return DashboardCounts(
                jobs: jobs, oldestDueAt: oldestDue.map { Date(timeIntervalSince1970: $0) }, backlog: backlog,
                events: events, eventBacklog: waitingEvents, openDeadLetters: letters)
        }
    }

    /// The ledger's held rows per storefront and kind: a scan of the whole ledger.
    public func heldDocuments() async throws -> [String: [EntityKind: Int]] {
        try await writer.read { db in
            var held: [String: [EntityKind: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT storefront, entity, count(*) AS n FROM ledger WHERE content_hash IS NOT NULL GROUP BY storefront, entity
                """) {
                guard let entity = EntityKind(rawValue: row["entity"]) else { continue }
                held[row["storefront"], default: [:]][entity] = row["n"]
            }
            return held
        }
    }

    /// Per-minute counts of four indexed time columns.
    public func activity(since: Date, until: Date) async throws -> [ActivityMinute] {
        let from = since.timeIntervalSince1970
        let to = until.timeIntervalSince1970
        return try await writer.read { db in
            func perMinute(_ table: String, _ column: String, _ condition: String = "1") throws -> [Int64: Int] {
                var counts: [Int64: Int] = [:]
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT CAST(\(column) / 60 AS INTEGER) AS minute, count(*) AS n FROM \(table)
                        WHERE \(condition) AND \(column) >= ? AND \(column) < ? GROUP BY minute
                        """,
                    arguments: [from, to])
                for row in rows { counts[row["minute"]] = row["n"] }
                return counts
            }
            let jobs = try perMinute("jobs", "updated_at", "state = 'completed'")
            let webhooks = try perMinute("webhook_deliveries", "received_at")
            let events = try perMinute("events", "received_at")
            let letters = try perMinute("dead_letters", "last_failed_at")
            let minutes = Set(jobs.keys).union(webhooks.keys).union(events.keys).union(letters.keys).sorted()
            return minutes.map { minute in
                ActivityMinute(
                    minute: Date(timeIntervalSince1970: Double(minute * 60)), jobsCompleted: jobs[minute] ?? 0,
                    webhooks: webhooks[minute] ?? 0, events: events[minute] ?? 0, deadLetters: letters[minute] ?? 0)
            }
        }
    }

    /// Letters matching `filter`, most recently failed first.
    public func deadLetters(matching filter: DeadLetterFilter, limit: Int, offset: Int) async throws -> [DeadLetter] {
        guard limit > 0 else { return [] }
        let condition = Self.condition(filter)
        return try await writer.read { db in
            try SQLRequest<DeadLetterRow>(literal: """
                SELECT * FROM dead_letters WHERE \(condition)
                ORDER BY last_failed_at DESC, id DESC LIMIT \(limit) OFFSET \(max(offset, 0))
                """).fetchAll(db).map { try $0.deadLetter() }
        }
    }

    /// How many letters match `filter`.
    public func countDeadLetters(matching filter: DeadLetterFilter) async throws -> Int {
        let condition = Self.condition(filter)
        return try await writer.read { db in
            try SQLRequest<Int>(literal: "SELECT count(*) FROM dead_letters WHERE \(condition)").fetchOne(db) ?? 0
        }
    }

    /// Resolves the open letters among `ids` in one transaction.
    @discardableResult
    public func resolveDeadLetters(ids: [Int64], at: Date) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await writer.write { db in
            var changed = 0
            for chunk in ids.chunked(into: Self.readChunkSize) {
                try db.execute(literal: """
                    UPDATE dead_letters SET resolved_at = \(at.timeIntervalSince1970) WHERE id IN \(chunk) AND resolved_at IS NULL
                    """)
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Jobs matching `filter`, in the state's order or newest first.
    public func jobs(matching filter: JobFilter, limit: Int, offset: Int) async throws -> [Job] {
        guard limit > 0 else { return [] }
        var conditions: [SQL] = []
        if let state = filter.state { conditions.append("state = \(state.rawValue)") }
        if let kind = filter.kind { conditions.append("kind = \(kind.rawValue)") }
        if let storefront = filter.storefront { conditions.append("storefront = \(storefront)") }
        let condition = conditions.isEmpty ? SQL("1") : conditions.joined(separator: " AND ")
        let order: SQL = switch filter.state {
        case .available?, .running?, .retryable?: "run_at, id"
        case .completed?, .dead?: "updated_at DESC, id DESC"
        case nil: "id DESC"
        }
        return try await writer.read { db in
            try SQLRequest<Job>("""
                SELECT * FROM jobs WHERE \(condition) ORDER BY \(order) LIMIT \(limit) OFFSET \(max(offset, 0))
                """).fetchAll(db)
        }
    }

    /// Makes pending job `id` dead with `reason`, in one `BEGIN IMMEDIATE` transaction.
    public func cancelJob(id: Int64, reason: String, now: Date) async throws {
        try await immediateWrite { db in
            guard let job = try Job.fetchOne(db, key: id) else { throw SyncStoreError.jobNotFound(id: id) }
            guard job.state.isPending else { throw SyncStoreError.jobNotCancellable(id: id, state: job.state) }
            let history = job.history + [JobAttempt(at: now, error: reason, transient: false)]
            try db.execute(literal: """
                UPDATE jobs SET state = 'dead', last_error = \(reason), history = \(try Self.encodeJobHistory(history)),
                    wait_reason = NULL, lease_expires_at = NULL, updated_at = \(now.timeIntervalSince1970)
                WHERE id = \(id)
                """)
        }
    }

    /// Deliveries per scope since `since`.
    public func webhookActivity(since: Date) async throws -> [WebhookScopeActivity] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT scope, count(*) AS n, max(received_at) AS latest FROM webhook_deliveries
                    WHERE received_at >= ? GROUP BY scope ORDER BY scope
                    """,
                arguments: [since.timeIntervalSince1970]
            ).map { row in
                WebhookScopeActivity(
                    scope: row["scope"], deliveries: row["n"], lastReceivedAt: Date(timeIntervalSince1970: row["latest"]))
            }
        }
    }

    /// The `WHERE` condition of `filter`; text is matched with `LIKE` (ASCII case-insensitive), its wildcards escaped.
    private static func condition(_ filter: DeadLetterFilter) -> SQL {
        var conditions: [SQL] = []
        if !filter.includeResolved { conditions.append("resolved_at IS NULL") }
        switch filter.scope {
        case .storeWide?: conditions.append("storefront IS NULL")
        case .storefront(let name)?: conditions.append("storefront = \(name)")
        case nil: break
        }
        if let kind = filter.kind { conditions.append("kind = \(kind)") }
        if let text = filter.text, !text.isEmpty {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let pattern = "%\(escaped)%"
            conditions.append("""
                (entity_id LIKE \(pattern) ESCAPE '\\' OR kind LIKE \(pattern) ESCAPE '\\' OR error LIKE \(pattern) ESCAPE '\\')
                """)
        }
        return conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
    }
}
