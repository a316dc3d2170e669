import Foundation
import Mustache
import SyncEngine
import SyncStore

/// Renders the dashboard's pages from the Mustache templates compiled into the binary (`Resources/*.mustache`):
/// a page's content inside the layout (navigation, header, the stylesheet and the script), or the content alone,
/// which the script swaps in when it refreshes a page.
///
/// Every value reaches a template through `{{…}}`, which escapes HTML; only markup built here (the chart, the
/// indented payloads' highlighting is left to CSS) uses triple braces.
public struct DashboardPages: Sendable {
    private let library: MustacheLibrary

    /// Parses the built-in templates (compiled in and parsed by the tests, so a failure here is a broken build).
    public init() {
        var library = MustacheLibrary()
        for (name, bytes) in DashboardAssets.templates {
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                preconditionFailure("the built-in dashboard template `\(name)` does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// `page` as a whole document, or (when `fragment`) its content alone.
    public func render(_ page: DashboardPage, frame: PageFrame, fragment: Bool = false) -> String {
        let (template, title, section, context) = content(page, frame: frame)
        let body = library.render(context, withTemplate: template) ?? ""
        if fragment { return body }
        var layout: [String: Any] = [
            "title": title, "content": body, "csrf": frame.csrfToken, "can_act": frame.canAct, "signed_in": frame.signedIn,
            "css": DashboardAssets.stylesheetPath, "js": DashboardAssets.scriptPath, "generated": Readable.clock(frame.now),
            "nav": Self.sections.map { ["href": $0.href, "label": $0.label, "current": $0.id == section] },
        ]
        if let notice = frame.notice { layout["notice"] = notice }
        if case .overview = page { layout["refresh"] = true }
        if case .jobs = page { layout["refresh"] = true }
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    /// The sign-in page: a form exchanging a token for a session, with the reason the last try failed.
    public func signIn(error: String?, returnTo: String) -> String {
        var context: [String: Any] = ["css": DashboardAssets.stylesheetPath, "return_to": returnTo]
        if let error { context["error"] = error }
        return library.render(context, withTemplate: "sign_in") ?? ""
    }

    /// `date` as the pages write times, e.g. `2026-12-03 14:05:09 UTC`.
    public static func clock(_ date: Date) -> String { Readable.clock(date) }

    private static let sections: [(id: String, href: String, label: String)] = [
        ("overview", "/admin", "Overview"), ("dead-letters", "/admin/dead-letters", "Dead letters"), ("jobs", "/admin/jobs", "Jobs"),
        ("webhooks", "/admin/webhooks", "Webhooks"), ("storefronts", "/admin/storefronts", "Storefronts"),
    ]

    private func content(_ page: DashboardPage, frame: PageFrame) -> (template: String, title: String, section: String, context: [String: Any]) {
        switch page {
        case .overview(let overview):
            return ("overview", "Overview", "overview", Self.overview(overview, frame: frame))
        case .deadLetters(let listing):
            return ("dead_letters", "Dead letters", "dead-letters", Self.deadLetters(listing, frame: frame))
        case .deadLetter(let detail):
            return ("dead_letter", "Dead letter #\(detail.summary.id)", "dead-letters", Self.deadLetter(detail, frame: frame))
        case .jobs(let listing):
            return ("jobs", "Jobs", "jobs", Self.jobs(listing, frame: frame))
        case .job(let job):
            return ("job", "Job #\(job.id)", "jobs", Self.job(job, frame: frame))
        case .webhooks(let status):
            return ("webhooks", "Webhooks", "webhooks", Self.webhooks(status, frame: frame))
        case .storefronts(let storefronts):
            return ("storefronts", "Storefronts", "storefronts", ["storefronts": storefronts.map(Self.storefront)])
        case .problem(let status, let title, let message):
            return ("problem", title, "", ["status": status, "title": title, "message": message])
        }
    }

    // MARK: Overview

    static func overview(_ overview: DashboardOverview, frame: PageFrame) -> [String: Any] {
        let now = Readable.date(overview.generatedAt) ?? frame.now
        let lag = overview.storefronts.map(\.lagSeconds).max() ?? 0
        let waiting = overview.queue.available + overview.queue.retryable
        var context: [String: Any] = [
            "ready": overview.ready,
            "problems": overview.problems,
            "webhook_lag": Readable.span(lag), "webhook_lag_tone": tone(seconds: lag, warn: 60, bad: 600),
            "waiting": Readable.count(waiting), "running": Readable.count(overview.queue.running),
            "oldest_pending": overview.queue.oldestPendingSeconds > 0 ? Readable.span(overview.queue.oldestPendingSeconds) : "—",
            "queue_tone": tone(seconds: overview.queue.oldestPendingSeconds, warn: 120, bad: 900),
            "dead_letters": Readable.count(overview.deadLetters), "dead_tone": overview.deadLetters > 0 ? "bad" : "good",
            "events_pending": Readable.count(overview.events.pending + overview.events.forwarding),
            "event_lag": overview.events.oldestPendingSeconds > 0 ? Readable.span(overview.events.oldestPendingSeconds) : "—",
            "event_tone": tone(seconds: overview.events.oldestPendingSeconds, warn: 60, bad: 600),
            "last_webhook": overview.lastWebhookAt.flatMap(Readable.date).map { Readable.relative($0, now: now) } ?? "none yet",
            "chart": ThroughputChart(minutes: overview.throughput.series).svg,
            "totals": [
                ["name": "jobs", "label": "Jobs completed", "value": Readable.count(overview.throughput.series.reduce(0) { $0 + $1.jobs })],
                ["name": "webhooks", "label": "Webhooks", "value": Readable.count(overview.throughput.series.reduce(0) { $0 + $1.webhooks })],
                ["name": "events", "label": "Shopper events", "value": Readable.count(overview.throughput.series.reduce(0) { $0 + $1.events })],
                ["name": "dead", "label": "Dead-letter failures", "value": Readable.count(overview.throughput.series.reduce(0) { $0 + $1.deadLetters })],
            ],
        ]
        context["dependencies"] = overview.dependencies.map { dependency -> [String: Any] in
            var entry: [String: Any] = ["label": dependency.label, "up": dependency.up]
            if let since = dependency.since.flatMap(Readable.date) { entry["since"] = Readable.relative(since, now: now) }
            if let reason = dependency.reason { entry["reason"] = reason }
            return entry
        }
        context["storefronts"] = overview.storefronts.map { standing -> [String: Any] in
            var entry: [String: Any] = [
                "name": standing.name, "documents": Readable.count(standing.documents), "products": Readable.count(standing.products),
                "categories": Readable.count(standing.categories), "lag": Readable.span(standing.lagSeconds),
                "lag_tone": tone(seconds: standing.lagSeconds, warn: 60, bad: 600),
                "event_lag": Readable.span(standing.eventLagSeconds), "event_tone": tone(seconds: standing.eventLagSeconds, warn: 60, bad: 600),
                "events_pending": Readable.count(standing.eventsPending), "dead_letters": Readable.count(standing.deadLetters),
                "has_dead": standing.deadLetters > 0,
                "dead_href": "/admin/dead-letters?storefront=\(query(standing.name))",
            ]
            if let run = standing.lastReindex { entry["reindex"] = lastRun(run, now: now) }
            if let run = standing.lastVerify { entry["verify"] = lastRun(run, now: now) }
            if let validation = standing.lastValidate {
                var market: [String: Any] = [
                    "ok": validation.ok, "problems": validation.problems.joined(separator: "\n"),
                    "count": validation.problems.count == 1 ? "1 problem" : "\(validation.problems.count) problems",
                ]
                if let at = Readable.date(validation.finishedAt) { market["when"] = Readable.relative(at, now: now) }
                entry["validate"] = market
            }
            return entry
        }
        let states: [(String, Int)] = [
            ("available", overview.queue.available), ("running", overview.queue.running), ("retryable", overview.queue.retryable),
            ("dead", overview.queue.dead), ("completed", overview.queue.completed),
        ]
        let largest = max(states.map(\.1).max() ?? 0, 1)
        context["states"] = states.map { name, count in
            ["name": name, "count": Readable.count(count), "href": "/admin/jobs?state=\(name)",
             "width": count == 0 ? 0 : max(2, Int((Double(count) / Double(largest) * 100).rounded()))] as [String: Any]
        }
        context["backlog"] = overview.queue.backlog.map {
            ["kind": $0.kind, "count": Readable.count($0.count), "oldest": Readable.span($0.oldestSeconds),
             "tone": tone(seconds: $0.oldestSeconds, warn: 120, bad: 900), "href": "/admin/jobs?kind=\(query($0.kind))"]
        }
        context["has_backlog"] = !overview.queue.backlog.isEmpty
        context["workers"] = overview.workers.map { worker -> [String: Any] in
            let alive = !worker.stopped && worker.secondsAgo <= 60
            return [
                "owner": worker.owner, "seen": "\(Readable.span(worker.secondsAgo)) ago", "alive": alive,
                "state": worker.stopped ? "stopped" : alive ? "running" : "silent",
                "outages": worker.outages.map { "\($0.dependency) down since \($0.since)" },
            ]
        }
        return context
    }

    static func lastRun(_ run: DashboardOverview.LastRun, now: Date) -> [String: Any] {
        var entry: [String: Any] = ["ok": run.ok, "summary": run.summary, "at": run.finishedAt]
        if let finished = Readable.date(run.finishedAt) { entry["when"] = Readable.relative(finished, now: now) }
        if let seconds = run.seconds { entry["took"] = Readable.duration(seconds) }
        return entry
    }

    // MARK: Dead letters

    static func deadLetters(_ listing: DeadLetterListing, frame: PageFrame) -> [String: Any] {
        let filter = listing.filter
        let scope: String = switch filter.scope {
        case .storeWide?: "*"
        case .storefront(let name)?: name
        case nil: ""
        }
        var filterQuery: [(String, String)] = []
        if !scope.isEmpty { filterQuery.append(("storefront", scope)) }
        if let kind = filter.kind { filterQuery.append(("kind", kind)) }
        if let text = filter.text, !text.isEmpty { filterQuery.append(("q", text)) }
        let returnTo = "/admin/dead-letters" + queryString(filterQuery + (listing.offset > 0 ? [("offset", "\(listing.offset)")] : []))
        var context: [String: Any] = [
            "csrf": frame.csrfToken, "can_act": frame.canAct, "return_to": returnTo,
            "text": filter.text ?? "", "total": Readable.count(listing.total), "total_raw": listing.total,
            "filtered": !filterQuery.isEmpty, "empty": listing.letters.isEmpty,
            "storefront_options": [["value": "", "label": "All storefronts", "selected": scope.isEmpty],
                                   ["value": "*", "label": "Store-wide", "selected": scope == "*"]]
                + listing.storefronts.map { ["value": $0, "label": $0, "selected": scope == $0] as [String: Any] },
            "kind_options": [["value": "", "label": "All kinds", "selected": filter.kind == nil] as [String: Any]]
                + DeadLetterDesk.kinds.map { ["value": $0, "label": $0, "selected": filter.kind == $0] },
            "filter_fields": filterQuery.map { ["name": $0.0, "value": $0.1] },
            "replayable": listing.replayable, "discardable": listing.discardable,
            "replay_capped": listing.total > listing.replayable, "discard_capped": listing.total > listing.discardable,
            "replay_limit": DeadLetterDesk.replayLimit, "discard_limit": DeadLetterDesk.discardLimit,
            "has_bulk": listing.total > 0 && frame.canAct,
        ]
        context["letters"] = listing.letters.map { letter -> [String: Any] in
            var entry: [String: Any] = [
                "id": letter.id, "storefront": letter.storefront ?? "store-wide", "store_wide": letter.storefront == nil,
                "kind": letter.kind, "entity": letter.entityID, "error": Readable.truncated(letter.error, 140), "full_error": letter.error,
                "attempts": letter.attempts, "href": "/admin/dead-letters/\(letter.id)", "last_failed": letter.lastFailedAt,
            ]
            if let date = Readable.date(letter.lastFailedAt) { entry["ago"] = Readable.relative(date, now: frame.now) }
            if letter.resolvedAt != nil { entry["resolved"] = true }
            return entry
        }
        let first = listing.total == 0 ? 0 : listing.offset + 1
        context["range"] = "\(Readable.count(first))–\(Readable.count(listing.offset + listing.letters.count)) of \(Readable.count(listing.total))"
        if listing.offset > 0 {
            context["newer"] = "/admin/dead-letters" + queryString(filterQuery + [("offset", "\(max(0, listing.offset - listing.limit))")])
        }
        if listing.offset + listing.letters.count < listing.total {
            context["older"] = "/admin/dead-letters" + queryString(filterQuery + [("offset", "\(listing.offset + listing.limit)")])
        }
        return context
    }

    static func deadLetter(_ detail: DeadLetterDetail, frame: PageFrame) -> [String: Any] {
        let letter = detail.summary
        var context: [String: Any] = [
            "csrf": frame.csrfToken, "can_act": frame.canAct && letter.resolvedAt == nil,
            "id": letter.id, "kind": letter.kind, "storefront": letter.storefront ?? "store-wide", "entity": letter.entityID,
            "subject": subject(of: letter.kind),
            "error": letter.error, "attempts": letter.attempts, "first_failed": letter.firstFailedAt, "last_failed": letter.lastFailedAt,
            "request": detail.request.map(JSONIndenter.indent) ?? "", "has_request": detail.request != nil,
            "response": detail.response.map(JSONIndenter.indent) ?? "", "has_response": detail.response != nil,
            "return_to": "/admin/dead-letters",
            "list_href": "/admin/dead-letters" + (letter.storefront.map { queryString([("storefront", $0)]) } ?? ""),
        ]
        if let status = detail.responseStatus {
            context["response_status"] = status
            context["status_tone"] = status >= 500 ? "bad" : status >= 400 ? "warn" : "neutral"
        }
        if let first = Readable.date(letter.firstFailedAt) { context["first_ago"] = Readable.relative(first, now: frame.now) }
        if let last = Readable.date(letter.lastFailedAt) { context["last_ago"] = Readable.relative(last, now: frame.now) }
        if let resolved = letter.resolvedAt {
            context["resolved"] = resolved
            if let date = Readable.date(resolved) { context["resolved_ago"] = Readable.relative(date, now: frame.now) }
        }
        context["history"] = detail.history.reversed().map { attempt -> [String: Any] in
            var entry: [String: Any] = ["at": attempt.at, "error": attempt.error]
            if let date = Readable.date(attempt.at) {
                entry["clock"] = Readable.clock(date)
                entry["ago"] = Readable.relative(date, now: frame.now)
            }
            if let status = attempt.responseStatus { entry["status"] = status }
            return entry
        }
        context["history_count"] = detail.history.count
        return context
    }

    // MARK: Jobs

    static func jobs(_ listing: JobListing, frame: PageFrame) -> [String: Any] {
        let filter = listing.filter
        var base: [(String, String)] = []
        if let kind = filter.kind { base.append(("kind", kind.rawValue)) }
        if let storefront = filter.storefront { base.append(("storefront", storefront)) }
        let stateQuery = filter.state.map { [("state", $0.rawValue)] } ?? []
        let returnTo = "/admin/jobs" + queryString(stateQuery + base + (listing.offset > 0 ? [("offset", "\(listing.offset)")] : []))
        var tabs: [[String: Any]] = [[
            "label": "All", "count": Readable.count(listing.counts.values.reduce(0, +)), "href": "/admin/jobs" + queryString(base),
            "current": filter.state == nil,
        ]]
        for state in [JobState.available, .running, .retryable, .dead, .completed] {
            tabs.append([
                "label": state.rawValue.capitalized, "count": Readable.count(listing.counts[state] ?? 0), "state": state.rawValue,
                "href": "/admin/jobs" + queryString([("state", state.rawValue)] + base), "current": filter.state == state,
            ])
        }
        var context: [String: Any] = [
            "csrf": frame.csrfToken, "can_act": frame.canAct, "return_to": returnTo, "tabs": tabs, "empty": listing.jobs.isEmpty,
            "state_value": filter.state?.rawValue ?? "",
            "kind_options": [["value": "", "label": "All kinds", "selected": filter.kind == nil] as [String: Any]]
                + JobKind.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": filter.kind == $0] },
        ]
        context["jobs"] = listing.jobs.map { job(row: $0, frame: frame) }
        if listing.offset > 0 {
            context["newer"] = "/admin/jobs" + queryString(stateQuery + base + [("offset", "\(max(0, listing.offset - listing.limit))")])
        }
        if listing.jobs.count == listing.limit {
            context["older"] = "/admin/jobs" + queryString(stateQuery + base + [("offset", "\(listing.offset + listing.limit)")])
        }
        return context
    }

    static func job(row job: JobEntry, frame: PageFrame) -> [String: Any] {
        let pending = job.state == JobState.available.rawValue || job.state == JobState.retryable.rawValue
        var entry: [String: Any] = [
            "id": job.id, "kind": job.kind, "storefront": job.storefront ?? "store-wide", "store_wide": job.storefront == nil,
            "entity": job.entity, "subject": subject(of: job.kind), "state": job.state, "attempts": job.attempts, "run_at": job.runAt, "href": "/admin/jobs/\(job.id)",
            "can_retry": frame.canAct && (pending || job.state == JobState.dead.rawValue), "can_cancel": frame.canAct && pending,
            "retry_label": job.state == JobState.dead.rawValue ? "Retry" : "Run now",
        ]
        if let date = Readable.date(job.runAt) {
            entry["run"] = job.state == JobState.completed.rawValue || job.state == JobState.dead.rawValue
                ? "—" : Readable.relative(date, now: frame.now)
        }
        if let updated = Readable.date(job.updatedAt) { entry["updated"] = Readable.relative(updated, now: frame.now) }
        if let error = job.lastError {
            entry["error"] = Readable.truncated(error, 120)
            entry["full_error"] = error
        }
        if let wait = job.waitReason { entry["wait"] = wait.replacingOccurrences(of: "_", with: " ") }
        return entry
    }

    static func job(_ job: JobEntry, frame: PageFrame) -> [String: Any] {
        var context = self.job(row: job, frame: frame)
        context["csrf"] = frame.csrfToken
        context["return_to"] = "/admin/jobs/\(job.id)"
        context["created"] = job.createdAt
        context["updated_at"] = job.updatedAt
        context["payload"] = JSONIndenter.indent(job.payload ?? "")
        context["has_payload"] = !(job.payload ?? "").isEmpty
        context["history"] = (job.history ?? []).reversed().map { attempt -> [String: Any] in
            var entry: [String: Any] = ["error": attempt.error, "transient": attempt.transient, "at": attempt.at]
            if let date = Readable.date(attempt.at) {
                entry["clock"] = Readable.clock(date)
                entry["ago"] = Readable.relative(date, now: frame.now)
            }
            return entry
        }
        context["history_count"] = job.history?.count ?? 0
        return context
    }

    // MARK: Webhooks and storefronts

    static func webhooks(_ status: WebhookStatus, frame: PageFrame) -> [String: Any] {
        let ours = status.hooks.filter(\.pointsHere)
        var context: [String: Any] = [
            "destination": status.destination, "missing": status.missingScopes, "has_missing": !status.missingScopes.isEmpty,
            "summary": hookSummary(active: ours.filter(\.active).count, total: ours.count, others: status.hooks.count - ours.count),
            "blocked": status.blockedDomains.map { ["destination": $0.destination, "reasons": $0.reasons.joined(separator: "; "),
                                                    "left": $0.secondsLeft.map(Readable.span) ?? "unknown"] },
            "deliveries": status.deliveries.map { delivery -> [String: Any] in
                var entry: [String: Any] = [
                    "scope": delivery.scope, "scope_parts": scopeParts(delivery.scope), "count": Readable.count(delivery.deliveries),
                ]
                if let date = Readable.date(delivery.lastReceivedAt) { entry["ago"] = Readable.relative(date, now: frame.now) }
                return entry
            },
        ]
        context["has_blocked"] = !status.blockedDomains.isEmpty
        context["has_hooks"] = !status.hooks.isEmpty
        context["has_deliveries"] = !status.deliveries.isEmpty
        if let error = status.error { context["error"] = error }
        if let checked = status.checkedAt.flatMap(Readable.date) { context["checked"] = Readable.relative(checked, now: frame.now) }
        context["hooks"] = status.hooks.map { hook -> [String: Any] in
            var entry: [String: Any] = [
                "id": hook.id, "scope": hook.scope, "scope_parts": scopeParts(hook.scope), "destination": hook.destination,
                "active": hook.active, "here": hook.pointsHere,
                "status": hook.status ?? (hook.active ? "active" : "inactive"),
                "deliveries": hook.deliveries24h.map(Readable.count) ?? "—",
            ]
            if let last = hook.lastDeliveryAt.flatMap(Readable.date) { entry["last"] = Readable.relative(last, now: frame.now) }
            return entry
        }
        return context
    }

    /// A webhook scope cut after each `/`, so a narrow column wraps it between its segments, never inside a word.
    static func scopeParts(_ scope: String) -> [String] {
        scope.split(separator: "/", omittingEmptySubsequences: false).enumerated().map { index, part in
            index == 0 ? String(part) : "/" + part
        }
    }

    /// How many hooks deliver here, in a sentence.
    static func hookSummary(active: Int, total: Int, others: Int) -> String {
        let elsewhere = others == 0 ? "" : others == 1 ? "; 1 more of this API account delivers elsewhere" : "; \(others) more of this API account deliver elsewhere"
        guard total > 0 else { return "No hook delivers to this receiver yet\(elsewhere)." }
        return "\(active) of \(total) hooks to this receiver are active\(elsewhere)."
    }

    static func storefront(_ settings: StorefrontSettings) -> [String: Any] {
        var rows: [[String: Any]] = [
            ["label": "Channel", "value": settings.channelID.map(String.init) ?? "1 (default)"],
            ["label": "Currency", "value": settings.currency ?? "the channel's default"],
            ["label": "Locale", "value": settings.locale ?? "the store's language"],
            ["label": "Base URL", "value": settings.baseURL ?? "the channel site's primary URL"],
            ["label": "Hidden categories", "value": settings.includeHiddenCategories ? "synced" : "left out"],
            ["label": "Clerk public key", "value": settings.clerkPublicKey, "mono": true],
            ["label": "Clerk private key", "value": "set (never shown)"],
        ]
        if settings.baseURL != nil { rows[3]["link"] = settings.baseURL }
        return ["name": settings.name, "default": settings.isDefault, "resolved": settings.resolved, "rows": rows]
    }

    // MARK: Helpers

    /// What a letter or job of `kind` is about, as a heading names it ("Product", "Order", …).
    static func subject(of kind: String) -> String {
        switch kind {
        case _ where kind.hasPrefix("product"): "Product"
        case _ where kind.hasPrefix("category"): "Category"
        case "price_record.sync": "Price record"
        case "order.sync": "Order"
        case "catalog.reindex": "Reindex of"
        case "catalog.refresh", "catalog.reconcile": "Catalog"
        case "event": "Shopper event"
        default: "Entity"
        }
    }

    /// `good`, `warn` or `bad` for an age against two thresholds.
    static func tone(seconds: Int, warn: Int, bad: Int) -> String {
        seconds >= bad ? "bad" : seconds >= warn ? "warn" : "good"
    }

    /// `?a=1&b=2` with names and values form-encoded, or "" without items.
    static func queryString(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\(query($0.0))=\(query($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~*")

    /// `value` encoded for a query string.
    static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }
}
