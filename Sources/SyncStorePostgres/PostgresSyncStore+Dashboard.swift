import Foundation
import PostgresNIO
import SyncStore

/// The dashboard's reads on PostgreSQL: the SQLite store's queries (the reference), over the indexes of
/// `pg-2-dashboard`; the overview's counts come from one snapshot.
extension PostgresSyncStore: DashboardStore {
    /// Every count of the overview, read in one repeatable-read snapshot. Completed jobs and forwarded events are the
    /// table's count less the states that wait.
    public func dashboardCounts() async throws -> DashboardCounts {
        let logger = logger
        return try await write { connection in
            try await connection.rows("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger)
            var jobs = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            for row in try await connection.rows(
                "SELECT state, count(*) FROM jobs WHERE state IN ('available', 'running', 'retryable', 'dead') GROUP BY state", logger)
            {
                let (state, count) = try row.decode((String, Int).self)
                if let state = JobState(rawValue: state) { jobs[state] = count }
            }
            let totalJobs = try await connection.rows("SELECT count(*) FROM jobs", logger)[0].decode(Int.self)
            jobs[.completed] = totalJobs - jobs.values.reduce(0, +)
            let oldestDue = try await connection.rows(
                "SELECT min(run_at) FROM jobs WHERE state IN ('available', 'retryable')", logger
            )[0].decode(Double?.self)
            let backlog = try await connection.rows(
                """
                SELECT kind, storefront, count(*), min(created_at) FROM jobs
                WHERE state IN ('available', 'retryable', 'running')
                GROUP BY kind, storefront ORDER BY kind, storefront
                """, logger
            ).map { row in
                let (kind, storefront, count, since) = try row.decode((String, String, Int, Double).self)
                guard let known = JobKind(rawValue: kind) else {
                    throw SyncStoreError.corruptRecord(table: "jobs", detail: "unknown kind '\(kind)'")
                }
                return JobBacklog(kind: known, storefront: storefront, count: count, oldestEnqueuedAt: Date(seconds: since))
            }
            var events = Dictionary(uniqueKeysWithValues: LoggedEvent.State.allCases.map { ($0, 0) })
            for state in [LoggedEvent.State.pending, .forwarding, .dead] {
                events[state] = try await connection.rows(
                    "SELECT count(*) FROM events WHERE state = \(state.rawValue)", logger)[0].decode(Int.self)
            }
            let totalEvents = try await connection.rows("SELECT count(*) FROM events", logger)[0].decode(Int.self)
            events[.forwarded] = totalEvents - events.values.reduce(0, +)
            var waitingEvents: [String: EventBacklog] = [:]
            for row in try await connection.rows(
                """
                SELECT storefront, count(*), min(received_at) FROM events
                WHERE state IN ('pending', 'forwarding') GROUP BY storefront
                """, logger)
            {
                let (storefront, count, since) = try row.decode((String, Int, Double).self)
                waitingEvents[storefront] = EventBacklog(count: count, oldestReceivedAt: Date(seconds: since))
            }
            var letters: [String: Int] = [:]
            for row in try await connection.rows(
                """
                SELECT coalesce(storefront, ''), count(*) FROM dead_letters
                WHERE resolved_at IS NULL GROUP BY coalesce(storefront, '')
                """, logger)
            {
                let (storefront, count) = try row.decode((String, Int).self)
                letters[storefront] = count
            }
            return DashboardCounts(
                jobs: jobs, oldestDueAt: oldestDue.map(Date.init(seconds:)), backlog: backlog, events: events,
                eventBacklog: waitingEvents, openDeadLetters: letters)
        }
    }

    /// The ledger's held rows per storefront and kind: a scan of the whole ledger.
    public func heldDocuments() async throws -> [String: [EntityKind: Int]] {
        var held: [String: [EntityKind: Int]] = [:]
        for row in try await read(
            "SELECT storefront, entity, count(*) FROM ledger WHERE content_hash IS NOT NULL GROUP BY storefront, entity")
        {
            let (storefront, entity, count) = try row.decode((String, String, Int).self)
            guard let kind = EntityKind(rawValue: entity) else { continue }
            held[storefront, default: [:]][kind] = count
        }
        return held
    }

    /// Per-minute counts of four indexed time columns.
    public func activity(since: Date, until: Date) async throws -> [ActivityMinute] {
        func perMinute(_ table: String, _ column: String, _ condition: String = "true") async throws -> [Int64: Int] {
            var counts: [Int64: Int] = [:]
            for row in try await read(
                """
                SELECT floor(\(unescaped: column) / 60)::bigint AS minute, count(*) FROM \(unescaped: table)
                WHERE \(unescaped: condition) AND \(unescaped: column) >= \(since.seconds) AND \(unescaped: column) < \(until.seconds)
                GROUP BY minute
                """)
            {
                let (minute, count) = try row.decode((Int64, Int).self)
                counts[minute] = count
            }
            return counts
        }
        let jobs = try await perMinute("jobs", "updated_at", "state = 'completed'")
        let webhooks = try await perMinute("webhook_deliveries", "received_at")
        let events = try await perMinute("events", "received_at")
        let letters = try await perMinute("dead_letters", "last_failed_at")
        let minutes = Set(jobs.keys).union(webhooks.keys).union(events.keys).union(letters.keys).sorted()
        return minutes.map { minute in
            ActivityMinute(
                minute: Date(seconds: Double(minute * 60)), jobsCompleted: jobs[minute] ?? 0, webhooks: webhooks[minute] ?? 0,
                events: events[minute] ?? 0, deadLetters: letters[minute] ?? 0)
        }
    }

    /// Letters matching `filter`, most recently failed first.
    public func deadLetters(matching filter: DeadLetterFilter, limit: Int, offset: Int) async throws -> [DeadLetter] {
        guard limit > 0 else { return [] }
        var query = FilteredQuery()
        let condition = query.condition(filter)
        return try await read(
            query.finish(
                """
                SELECT \(Self.deadLetterColumns) FROM dead_letters WHERE \(condition)
                ORDER BY last_failed_at DESC, id DESC LIMIT \(limit) OFFSET \(max(offset, 0))
                """)
        ).map { try DeadLetterRow(postgresRow: $0).deadLetter() }
    }

    /// How many letters match `filter`.
    public func countDeadLetters(matching filter: DeadLetterFilter) async throws -> Int {
        var query = FilteredQuery()
        let condition = query.condition(filter)
        return try await read(query.finish("SELECT count(*) FROM dead_letters WHERE \(condition)"))[0].decode(Int.self)
    }

    /// Resolves the open letters among `ids` in one statement.
    @discardableResult
    public func resolveDeadLetters(ids: [Int64], at: Date) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await read(
            """
            WITH resolved AS (
                UPDATE dead_letters SET resolved_at = \(at.seconds) WHERE id = ANY(\(ids)) AND resolved_at IS NULL RETURNING 1)
            SELECT count(*) FROM resolved
            """)[0].decode(Int.self)
    }

    /// Jobs matching `filter`, in the state's order or newest first.
    public func jobs(matching filter: JobFilter, limit: Int, offset: Int) async throws -> [Job] {
        guard limit > 0 else { return [] }
        var query = FilteredQuery()
        var conditions: [String] = []
        if let state = filter.state { conditions.append("state = \(query.bind(state.rawValue))") }
        if let kind = filter.kind { conditions.append("kind = \(query.bind(kind.rawValue))") }
        if let storefront = filter.storefront { conditions.append("storefront = \(query.bind(storefront))") }
        let order = switch filter.state {
        case .available?, .running?, .retryable?: "run_at, id"
        case .completed?, .dead?: "updated_at DESC, id DESC"
        case nil: "id DESC"
        }
        let condition = conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
        return try await read(
            query.finish(
                """
                SELECT \(Self.jobColumns) FROM jobs WHERE \(condition) ORDER BY \(order) LIMIT \(limit) OFFSET \(max(offset, 0))
                """)
        ).map(Job.init(postgresRow:))
    }

    /// Makes pending job `id` dead with `reason`; the row is locked, so a claim cannot take it meanwhile.
    public func cancelJob(id: Int64, reason: String, now: Date) async throws {
        let logger = logger
        try await write { connection in
            guard let job = try await connection.rows(
                "SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE id = \(id) FOR UPDATE", logger
            ).first.map(Job.init(postgresRow:)) else { throw SyncStoreError.jobNotFound(id: id) }
            guard job.state.isPending else { throw SyncStoreError.jobNotCancellable(id: id, state: job.state) }
            let history = job.history + [JobAttempt(at: now, error: reason, transient: false)]
            try await connection.rows(
                """
                UPDATE jobs SET state = 'dead', last_error = \(reason), history = \(try JobAttempt.storedHistory(history)),
                    wait_reason = NULL, lease_expires_at = NULL, updated_at = \(now.seconds)
                WHERE id = \(id)
                """, logger)
        }
    }

    /// Deliveries per scope since `since`.
    public func webhookActivity(since: Date) async throws -> [WebhookScopeActivity] {
        try await read(
            """
            SELECT scope, count(*), max(received_at) FROM webhook_deliveries
            WHERE received_at >= \(since.seconds) GROUP BY scope ORDER BY scope
            """
        ).map { row in
            let (scope, count, latest) = try row.decode((String, Int, Double).self)
            return WebhookScopeActivity(scope: scope, deliveries: count, lastReceivedAt: Date(seconds: latest))
        }
    }
}

/// A statement whose conditions are assembled at run time, its values bound (never pasted into the SQL).
private struct FilteredQuery {
    private var bindings = PostgresBindings()
    private var count = 0

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: String) -> String {
        bindings.append(value)
        count += 1
        return "$\(count)"
    }

    /// The `WHERE` condition of `filter`; text is matched with `ILIKE`, its wildcards escaped.
    mutating func condition(_ filter: DeadLetterFilter) -> String {
        var conditions: [String] = []
        if !filter.includeResolved { conditions.append("resolved_at IS NULL") }
        switch filter.scope {
        case .storeWide?: conditions.append("storefront IS NULL")
        case .storefront(let name)?: conditions.append("storefront = \(bind(name))")
        case nil: break
        }
        if let kind = filter.kind { conditions.append("kind = \(bind(kind))") }
        if let text = filter.text, !text.isEmpty {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let pattern = bind("%\(escaped)%")
            conditions.append(
                "(entity_id ILIKE \(pattern) ESCAPE '\\' OR kind ILIKE \(pattern) ESCAPE '\\' OR error ILIKE \(pattern) ESCAPE '\\')")
        }
        return conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
    }

    /// The statement `sql` with the values bound so far.
    func finish(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
