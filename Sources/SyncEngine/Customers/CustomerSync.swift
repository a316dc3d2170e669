import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import StorefrontRegistry
import SyncStore

/// What the customer sync reads and writes.
public typealias CustomerStorage = CatalogLedger & SyncMarkers & DeadLetterQueue

/// Keeps each storefront's Clerk customers in step with BigCommerce's (mapping.md §4): a full import that also
/// removes customers that left, a sweep of recent changes, and single customers and subscriptions from webhooks.
///
/// A customer goes to the Clerk store of every storefront whose channel it may log in to; `subscribed` comes from the
/// newsletter subscriptions (``CustomerMapping``). The ledger's `customer` hashes make unchanged customers cost
/// nothing; a changed email is a delete, then a create (Clerk cannot change an email in place). Shoppers erased with
/// `privacy forget` are never sent again.
public final class CustomerSync: Sendable {
    /// How long the channels' global-login settings are kept.
    static let loginSettingsMaxAge: Duration = .seconds(600)
    /// How far the sweep looks back before its previous start.
    static let sweepOverlap: TimeInterval = 300
    /// Changed subscriptions above this are read all at once rather than one email at a time.
    static let perEmailLookups = 25

    let client: BigCommerceClient
    let writer: ClerkWriter
    let store: any CustomerStorage
    let targets: [ResolvedStorefront]
    let logger: Logger
    private let logins: GlobalLogins

    static let checkpointMarker = "import.customers"
    static let reportMarker = "import.customers.report"
    static let importedMarker = "history.customers"
    static let sweepMarker = "sweep.customers"

    /// Creates a sync for `targets`.
    public init(client: BigCommerceClient, writer: ClerkWriter, store: any CustomerStorage, targets: [ResolvedStorefront], logger: Logger) {
        self.client = client
        self.writer = writer
        self.store = store
        self.targets = targets
        self.logger = logger
        self.logins = GlobalLogins(client: client, channels: Set(targets.map(\.channelID)), maxAge: Self.loginSettingsMaxAge)
    }

    /// Whether a full customer import ever finished.
    public func hasImported() async throws -> Bool {
        try await store.marker(Self.importedMarker).map { !$0.value.isEmpty } ?? false
    }

    /// The report of the last finished full import, if any.
    public func lastReport() async throws -> CustomerImportReport? {
        try await MarkerValue.read(CustomerImportReport.self, Self.reportMarker, in: store)
    }

    // MARK: Full import

    /// Sends every customer to its storefronts' Clerk stores, then removes from each store the customers it holds that
    /// no longer belong there (deleted, moved off the channel) — only after every page was read. Resumes its checkpoint;
    /// returns nil when `shouldStop` asked it to stop between pages.
    public func importAll(
        now: Date = Date(), shouldStop: @Sendable () -> Bool = { false }, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> CustomerImportReport? {
        let started = ContinuousClock.now
        var checkpoint = try await MarkerValue.read(CustomerImportCheckpoint.self, Self.checkpointMarker, in: store)
            ?? Self.fresh(targets, now: now)
        // Subscriptions and login settings are read at every (re)start: a resumed run uses current ones.
        let subscribers = SubscriberIndex(try await client.subscribers())
        let globalLogins = try await logins.current(refresh: true)
        let forgotten = try await ForgottenEmails.all(in: store)
        while true {
            let page: CustomerPage
            do {
                page = try await client.customersPage(after: checkpoint.cursor)
            } catch let error as BigCommerceError where checkpoint.cursor != nil && error.httpStatus == 422 {
                // A cursor BigCommerce no longer accepts (how long one lasts is UNCONFIRMED): start the run over.
                logger.notice("BigCommerce refused the customer import's saved cursor; starting over", metadata: ["error": "\(error)"])
                checkpoint = Self.fresh(targets, now: now)
                continue
            }
            let counts = try await apply(page.customers, subscribers: subscribers, globalLogins: globalLogins, forgotten: forgotten, run: checkpoint.run)
            for (name, added) in counts { checkpoint.counts[name] = (checkpoint.counts[name] ?? CustomerCounts()) + added }
            checkpoint.customers += page.customers.count
            checkpoint.cursor = page.nextCursor
            try await MarkerValue.write(checkpoint, Self.checkpointMarker, in: store)
            progress?(checkpoint.customers)
            guard page.nextCursor != nil else { break }
            if shouldStop() { return nil }
        }
        for target in targets {
            let gone = try await store.unseen(storefront: target.name, entity: .customer, run: checkpoint.run)
            let outcome = try await remove(gone, from: target)
            checkpoint.counts[target.name, default: CustomerCounts()].removed += outcome.removed
            checkpoint.counts[target.name, default: CustomerCounts()].failed += outcome.failed
        }
        let finished = Date()
        let report = CustomerImportReport(
            storefronts: checkpoint.counts, customers: checkpoint.customers, finishedAt: finished,
            seconds: checkpoint.seconds + (ContinuousClock.now - started).timeInterval)
        try await MarkerValue.write(report, Self.reportMarker, in: store, at: finished)
        try await MarkerValue.write(report, Self.importedMarker, in: store, at: finished)
        try await MarkerValue.clear(Self.checkpointMarker, in: store, at: finished)
        if try await store.marker(Self.sweepMarker) == nil {
            try await store.setMarker(Self.sweepMarker, value: [], at: checkpoint.startedAt)
        }
        let total = report.total
        try await RunJournal.record(
            .importCustomers, ok: report.ok,
            summary: "\(report.customers) customers: \(total.sent) sent, \(total.unchanged) unchanged, \(total.removed) removed, \(total.failed) failed",
            store: store, at: finished)
        return report
    }

    private static func fresh(_ targets: [ResolvedStorefront], now: Date) -> CustomerImportCheckpoint {
        CustomerImportCheckpoint(
            run: "customers-" + UUID().uuidString, cursor: nil, customers: 0,
            counts: Dictionary(uniqueKeysWithValues: targets.map { ($0.name, CustomerCounts()) }), startedAt: now, seconds: 0)
    }

    // MARK: Sweep

    /// Sends the customers modified since the last sweep (with an overlap) and the customers whose newsletter
    /// subscription changed since then. Deletions arrive by webhook and are caught by the full import.
    public func reconcile(now: Date = Date()) async throws -> CustomerCounts {
        let last = try await store.marker(Self.sweepMarker)?.updatedAt ?? now.addingTimeInterval(-3_600)
        let since = last.addingTimeInterval(-Self.sweepOverlap)
        var customers: [Int: Customer] = [:]
        var cursor: String?
        repeat {
            let page = try await client.customersPage(after: cursor, modifiedSince: since)
            for customer in page.customers { customers[customer.id] = customer }
            cursor = page.nextCursor
        } while cursor != nil
        let changedSubscriptions = try await client.subscribers(modifiedSince: since)
        for customer in try await client.customers(emails: changedSubscriptions.map(\.email)) { customers[customer.id] = customer }
        var total = CustomerCounts()
        if !customers.isEmpty {
            let index = try await subscriberIndex(for: Array(customers.values))
            let counts = try await apply(
                Array(customers.values).sorted { $0.id < $1.id }, subscribers: index, globalLogins: try await logins.current(),
                forgotten: try await ForgottenEmails.all(in: store), run: nil)
            total = counts.values.reduce(CustomerCounts(), +)
        }
        try await store.setMarker(Self.sweepMarker, value: [], at: now)
        try await RunJournal.record(
            .customerSweep, ok: total.failed == 0,
            summary: "\(customers.count) changed customers: \(total.sent) sent, \(total.removed) removed, \(total.failed) failed",
            store: store, at: now)
        return total
    }

    // MARK: One customer, one subscription

    /// Brings customer `id` in line with BigCommerce in every storefront: sent where it belongs, removed where it does
    /// not (or everywhere, when BigCommerce no longer has it). With `force`, its documents are sent even when the
    /// ledger says Clerk holds them (a dead letter's replay).
    @discardableResult
    public func sync(customerID id: Int, force: Bool = false) async throws -> CustomerCounts {
        guard let customer = try await client.customers(ids: [id]).first(where: { $0.id == id }) else {
            var total = CustomerCounts()
            for target in targets {
                let held = try await store.pushedHashes(storefront: target.name, entity: .customer, ids: [id])
                guard !held.isEmpty else { continue }
                let outcome = try await remove([id], from: target)
                total.removed += outcome.removed
                total.failed += outcome.failed
            }
            if total.removed > 0 { logger.info("Deleted customer removed from Clerk", metadata: ["customer": "\(id)"]) }
            return total
        }
        let counts = try await apply(
            [customer], subscribers: SubscriberIndex(try await client.subscribers(email: customer.email)),
            globalLogins: try await logins.current(), forgotten: try await ForgottenEmails.all(in: store), run: nil, force: force)
        return counts.values.reduce(CustomerCounts(), +)
    }

    /// Brings the customers with the email of subscription `id` in line (their `subscribed`). A deleted subscription
    /// cannot be read any more (its webhook carries only the id): the next full import corrects its customers.
    @discardableResult
    public func sync(subscriberID id: Int) async throws -> CustomerCounts {
        guard let subscriber = try await client.subscriber(id: id) else {
            logger.notice("A deleted newsletter subscription cannot be traced to its customers; the next customer import corrects them", metadata: ["subscriber": "\(id)"])
            return CustomerCounts()
        }
        let customers = try await client.customers(emails: [subscriber.email])
        guard !customers.isEmpty else { return CustomerCounts() }
        let counts = try await apply(
            customers, subscribers: SubscriberIndex(try await client.subscribers(email: subscriber.email)),
            globalLogins: try await logins.current(), forgotten: try await ForgottenEmails.all(in: store), run: nil)
        return counts.values.reduce(CustomerCounts(), +)
    }

    /// The subscriptions of `customers`' emails: one lookup per email for a few, every subscription for many.
    private func subscriberIndex(for customers: [Customer]) async throws -> SubscriberIndex {
        let emails = Set(customers.map(\.normalizedEmail))
        guard emails.count <= Self.perEmailLookups else { return SubscriberIndex(try await client.subscribers()) }
        var found: [Subscriber] = []
        for email in emails.sorted() { found += try await client.subscribers(email: email) }
        return SubscriberIndex(found)
    }

    // MARK: Applying

    /// Brings `customers` in line in every storefront and returns the counts per storefront: sends what is new or
    /// changed (a changed email deletes first), removes a held customer that no longer belongs, marks the ones that
    /// belong seen by `run`.
    func apply(
        _ customers: [Customer], subscribers: SubscriberIndex, globalLogins: Set<Int>, forgotten: Set<String>, run: String?,
        force: Bool = false
    ) async throws -> [String: CustomerCounts] {
        var result: [String: CustomerCounts] = [:]
        let ids = customers.map(\.id)
        for target in targets {
            var counts = CustomerCounts()
            var wanted: [Int: (customer: Customer, document: EncodedDocument, hash: String)] = [:]
            for customer in customers where CustomerMapping.mayLogIn(customer, channelID: target.channelID, globalLogins: globalLogins) {
                let email = customer.email.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !email.isEmpty, !forgotten.contains(ForgottenEmails.hash(email)) else { continue }
                let document = CustomerMapping.document(
                    for: customer, subscribed: CustomerMapping.isSubscribed(customer, channelID: target.channelID, subscribers: subscribers))
                wanted[customer.id] = (customer, document, CustomerMapping.ledgerHash(email: email, document: document))
            }
            counts.seen = wanted.count
            let held = try await store.pushedHashes(storefront: target.name, entity: .customer, ids: ids)
            var push: [(id: Int, document: EncodedDocument, hash: String)] = []
            var emailChanged: [Int] = []
            for (id, entry) in wanted.sorted(by: { $0.key < $1.key }) {
                if let hash = held[id], hash == entry.hash, !force {
                    counts.unchanged += 1
                    continue
                }
                if let hash = held[id], !CustomerMapping.sameEmail(hash, entry.hash) { emailChanged.append(id) }
                push.append((id, entry.document, entry.hash))
            }
            let leaving = ids.filter { wanted[$0] == nil && held[$0] != nil }
            if !emailChanged.isEmpty {
                let outcome = try await remove(emailChanged, from: target)
                counts.failed += outcome.failed
            }
            if !leaving.isEmpty {
                let outcome = try await remove(leaving, from: target)
                counts.removed += outcome.removed
                counts.failed += outcome.failed
            }
            if !push.isEmpty {
                let outcome = try await writer.upsert(push.map { RawDocument(id: $0.id, json: $0.document.json) }, entity: .customer, keys: target.clerkKeys)
                let accepted = Set(outcome.accepted)
                let stored = push.filter { accepted.contains($0.id) }.map { StoredDocument(id: $0.id, contentHash: $0.hash, json: $0.document.json) }
                try await store.recordPushed(storefront: target.name, entity: .customer, documents: stored, at: Date())
                try await store.resolveDeadLetters(
                    storefront: target.name, kind: DeadLetterKind.customerPush.rawValue, entityIDs: stored.map { String($0.id) }, at: Date())
                counts.sent += accepted.count
                counts.failed += outcome.rejected.count
                for rejection in outcome.rejected {
                    logger.warning("Clerk refused a customer; dead-lettered", metadata: [
                        "storefront": "\(target.name)", "customer": "\(rejection.id)", "error": "\(rejection.error)",
                    ])
                    try await store.addDeadLetter(DeadLetterDraft(rejection, storefront: target.name, kind: .customerPush), at: Date())
                }
            }
            if let run, !wanted.isEmpty {
                try await store.markSeen(storefront: target.name, entity: .customer, ids: wanted.keys.sorted(), run: run)
            }
            result[target.name] = counts
        }
        return result
    }

    /// Deletes customers from a storefront's Clerk store and forgets the ones removed.
    func remove(_ ids: [Int], from target: ResolvedStorefront) async throws -> (removed: Int, failed: Int) {
        guard !ids.isEmpty else { return (0, 0) }
        let outcome = try await writer.delete(ids: ids, entity: .customer, keys: target.clerkKeys)
        try await store.recordRemoved(storefront: target.name, entity: .customer, ids: outcome.accepted)
        for rejection in outcome.rejected {
            try await store.addDeadLetter(DeadLetterDraft(rejection, storefront: target.name, kind: .customerDelete), at: Date())
        }
        return (outcome.accepted.count, outcome.rejected.count)
    }
}

/// The channels that allow global logins, read from BigCommerce and kept for a while.
actor GlobalLogins {
    private let client: BigCommerceClient
    private let channels: Set<Int>
    private let maxAge: Duration
    private var cached: (channels: Set<Int>, at: ContinuousClock.Instant)?

    init(client: BigCommerceClient, channels: Set<Int>, maxAge: Duration) {
        self.client = client
        self.channels = channels
        self.maxAge = maxAge
    }

    /// The storefront channels whose setting allows global logins.
    func current(refresh: Bool = false) async throws -> Set<Int> {
        if !refresh, let cached, ContinuousClock.now - cached.at < maxAge { return cached.channels }
        var allowing: Set<Int> = []
        for channel in channels.sorted() {
            if try await client.allowsGlobalLogins(channelID: channel) { allowing.insert(channel) }
        }
        cached = (allowing, .now)
        return allowing
    }
}
