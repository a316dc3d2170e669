import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import StorefrontRegistry
import SyncStore

/// What the order history import reads and writes.
public typealias HistoryStorage = CatalogLedger & SalesLedger & SyncMarkers & DeadLetterQueue

/// Sends the order history to Clerk (`POST /v2/orders` with `time`, mapping.md §4): orders created in a window (the
/// last 24 months unless a start is given), by ascending id, 250 per BigCommerce request with their lines, each to the
/// Clerk store of its storefront, in batches.
///
/// **Resumable.** After each page the highest order id done and the counts are saved in a marker per scope, so a run
/// that stopped (crash, shutdown, failure) resumes after the last page it recorded; a page in flight when it stopped is
/// read and compared again (Clerk upserts by id, so nothing is held twice).
///
/// **One record with the live sale logger.** The ``SalesLedger`` says which orders a storefront's Clerk store holds:
/// an order the live sale logger logged is skipped (re-sending it would replace the sale's visitor), and every order
/// sent here is recorded there, so the live path treats it as known and only updates its status. The ledger's
/// `order` hashes make a second run send only what changed (a refund, a cancellation).
public final class OrderHistoryImport: Sendable {
    /// How far back an import reaches without `--since`.
    public static let defaultMonths = 24

    let client: BigCommerceClient
    let writer: ClerkWriter
    let store: any HistoryStorage
    let targets: [ResolvedStorefront]
    let catalog: CatalogCache
    let logger: Logger

    /// Creates an import for the storefronts of `sync`, reading orders with its BigCommerce client and currencies from
    /// its cached catalog.
    public init(sync: DeltaSync, writer: ClerkWriter, store: any HistoryStorage, logger: Logger) {
        self.client = sync.reader.client
        self.writer = writer
        self.store = store
        self.targets = sync.targets
        self.catalog = sync.catalog
        self.logger = logger
    }

    static func checkpointMarker(_ scope: ReindexScope) -> String { "import.orders.\(scope)" }
    static func reportMarker(_ scope: ReindexScope) -> String { "import.orders.report.\(scope)" }
    static func importedMarker(_ storefront: String) -> String { "history.orders.\(storefront)" }

    /// The start of the default window before `now`.
    public static func defaultSince(now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: -defaultMonths, to: now) ?? now.addingTimeInterval(-730 * 86_400)
    }

    /// Whether an import of `storefront`'s history ever finished.
    public func hasImported(storefront: String) async throws -> Bool {
        try await store.marker(Self.importedMarker(storefront)).map { !$0.value.isEmpty } ?? false
    }

    /// The report of the last finished import of `scope`, if any.
    public func lastReport(scope: ReindexScope) async throws -> OrderImportReport? {
        try await MarkerValue.read(OrderImportReport.self, Self.reportMarker(scope), in: store)
    }

    /// Runs the import of `scope` (resuming its checkpoint when it has the same window) and returns its report, or nil
    /// when `shouldStop` asked it to stop between two pages (the checkpoint is kept).
    /// - Parameters:
    ///   - since: the window's start; nil takes the checkpoint's, else the last 24 months.
    ///   - until: the window's end; nil for none (the import on a first start ends where the live sale logger begins).
    /// - Throws: ``BackgroundJobError/unknownStorefront(_:known:)``, BigCommerce read failures, ``ClerkWriterError``;
    ///   the checkpoint keeps what was done.
    public func run(
        scope: ReindexScope, since: Date?, until: Date? = nil, now: Date = Date(), shouldStop: @Sendable () -> Bool = { false },
        progress: (@Sendable (OrderImportProgress) -> Void)? = nil
    ) async throws -> OrderImportReport? {
        let selected = try selectedTargets(scope)
        let started = ContinuousClock.now
        let saved = try await MarkerValue.read(OrderImportCheckpoint.self, Self.checkpointMarker(scope), in: store)
        let window = since ?? saved?.since ?? Self.defaultSince(now: now)
        var checkpoint: OrderImportCheckpoint
        if let saved, saved.since == window, saved.until == until {
            checkpoint = saved
            logger.info("Order history import resumes", metadata: ["scope": "\(scope)", "after_order": "\(saved.lastID)"])
        } else {
            checkpoint = OrderImportCheckpoint(
                run: UUID().uuidString, since: window, until: until, lastID: 0,
                counts: Dictionary(uniqueKeysWithValues: selected.map { ($0.name, OrderImportCounts()) }), startedAt: now,
                seconds: 0)
        }
        let names = Set(selected.map(\.name))
        let channels = Set(selected.map(\.channelID))
        let channelFilter = channels.count == 1 ? channels.first : nil
        let forgotten = try await ForgottenEmails.all(in: store)
        var pages = 0
        var read = 0
        var pending: Task<[HistoricalOrder], any Error>?
        defer { pending?.cancel() }
        while true {
            let page: [HistoricalOrder]
            if let prefetched = pending {
                page = try await prefetched.value
            } else {
                page = try await client.orderHistoryPage(after: checkpoint.lastID, createdSince: window, createdBefore: checkpoint.until, channelID: channelFilter)
            }
            pending = nil
            guard let last = page.map(\.order.id).max() else { break }
            let isLast = page.count < BigCommerceClient.maximumPageSize
            if !isLast {
                let client = self.client
                let before = checkpoint.until
                pending = Task { try await client.orderHistoryPage(after: last, createdSince: window, createdBefore: before, channelID: channelFilter) }
            }
            let counts = try await importPage(page, storefronts: names, forgotten: forgotten)
            for (name, added) in counts { checkpoint.counts[name] = (checkpoint.counts[name] ?? OrderImportCounts()) + added }
            checkpoint.lastID = last
            pages += 1
            read += page.count
            try await MarkerValue.write(checkpoint, Self.checkpointMarker(scope), in: store)
            progress?(OrderImportProgress(
                pages: pages, orders: read, lastOrderID: last, total: checkpoint.counts.values.reduce(OrderImportCounts(), +)))
            if isLast { break }
            if shouldStop() {
                logger.notice("Order history import stops between pages; it resumes from its checkpoint", metadata: ["after_order": "\(last)"])
                return nil
            }
        }
        let finished = Date()
        let report = OrderImportReport(
            scope: scope.description, since: window, storefronts: checkpoint.counts, finishedAt: finished,
            seconds: checkpoint.seconds + (ContinuousClock.now - started).timeInterval)
        for name in names {
            var entry = report
            entry.storefronts = report.storefronts.filter { $0.key == name }
            try await MarkerValue.write(entry, Self.importedMarker(name), in: store, at: finished)
        }
        try await MarkerValue.write(report, Self.reportMarker(scope), in: store, at: finished)
        try await MarkerValue.clear(Self.checkpointMarker(scope), in: store, at: finished)
        try await RunJournal.record(
            .importOrders, ok: report.ok,
            summary: "\(scope == .all ? "all storefronts" : "storefront \(scope)"): \(report.total.sent) sent, "
                + "\(report.total.unchanged) unchanged, \(report.total.failed) failed of \(report.total.seen) orders",
            store: store, at: finished)
        logger.info("Order history imported", metadata: [
            "scope": "\(scope)", "sent": "\(report.total.sent)", "unchanged": "\(report.total.unchanged)",
            "failed": "\(report.total.failed)",
        ])
        return report
    }

    /// Sends one order again from BigCommerce's current record (a dead letter's replay), whatever the ledger says.
    /// Returns nil when it was sent, else why not.
    public func resend(orderID: Int, storefront name: String) async throws -> String? {
        guard let order = try await client.order(id: orderID) else { return "BigCommerce does not know order \(orderID)" }
        guard let target = SaleLogger.storefront(for: order, among: targets), target.name == name else {
            return "order \(orderID) does not belong to storefront \(name)"
        }
        let lines = try await client.orderProducts(orderID: orderID)
        let catalog = try await catalog.current()
        guard let document = try OrderHistoryMapping.document(for: order, lines: lines, currency: target.storefront.currency, catalog: catalog) else {
            return "order \(orderID) is not a sale with products (status \(order.statusID))"
        }
        let outcome = try await writer.upsert([document.raw], entity: .order, keys: target.clerkKeys)
        if let rejection = outcome.rejected.first { return rejection.error.description }
        try await record([document], storefront: name)
        return nil
    }

    private func selectedTargets(_ scope: ReindexScope) throws -> [ResolvedStorefront] {
        switch scope {
        case .all: return targets
        case .storefront(let name):
            let found = targets.filter { $0.name == name }
            guard !found.isEmpty else { throw BackgroundJobError.unknownStorefront(name, known: targets.map(\.name)) }
            return found
        }
    }

    /// Maps a page's orders, compares them with what each storefront's Clerk store holds, sends the new and changed
    /// ones and records them; returns the counts per storefront.
    private func importPage(
        _ page: [HistoricalOrder], storefronts names: Set<String>, forgotten: Set<String>
    ) async throws -> [String: OrderImportCounts] {
        let catalog = try await catalog.current()
        var counts: [String: OrderImportCounts] = [:]
        var documents: [String: [OrderDocument]] = [:]
        for listed in page {
            let order = listed.order
            guard let target = SaleLogger.storefront(for: order, among: targets), names.contains(target.name) else { continue }
            counts[target.name, default: OrderImportCounts()].seen += 1
            guard OrderHistoryMapping.disposition(statusID: order.statusID).send,
                !(forgotten.contains(ForgottenEmails.hash(order.billingEmail)) && !order.billingEmail.isEmpty)
            else {
                counts[target.name]?.skipped += 1
                continue
            }
            let lines: [OrderProduct]
            if let listedLines = listed.lines {
                lines = listedLines
            } else {
                lines = try await client.orderProducts(orderID: order.id)
            }
            guard let document = try OrderHistoryMapping.document(
                for: order, lines: lines, currency: target.storefront.currency, catalog: catalog)
            else {
                counts[target.name]?.skipped += 1
                continue
            }
            documents[target.name, default: []].append(document)
        }
        for (name, batch) in documents {
            guard let target = targets.first(where: { $0.name == name }) else { continue }
            let held = try await store.pushedHashes(storefront: name, entity: .order, ids: batch.map(\.orderID))
            var send: [OrderDocument] = []
            var unknown: [OrderDocument] = []
            for document in batch {
                switch held[document.orderID] {
                case document.contentHash?: counts[name]?.unchanged += 1
                case .some: send.append(document)
                case nil: unknown.append(document)
                }
            }
            let logged = try await store.loggedSales(storefront: name, orderIDs: unknown.map(\.orderID))
            for document in unknown {
                if logged[document.orderID] != nil {
                    counts[name]?.unchanged += 1
                } else {
                    send.append(document)
                }
            }
            guard !send.isEmpty else { continue }
            let outcome = try await writer.upsert(send.map(\.raw), entity: .order, keys: target.clerkKeys)
            let accepted = Set(outcome.accepted)
            try await record(send.filter { accepted.contains($0.orderID) }, storefront: name)
            counts[name]?.sent += accepted.count
            counts[name]?.failed += outcome.rejected.count
            for rejection in outcome.rejected {
                logger.warning("Clerk refused an order of the history; dead-lettered", metadata: [
                    "storefront": "\(name)", "order": "\(rejection.id)", "error": "\(rejection.error)",
                ])
                try await store.addDeadLetter(DeadLetterDraft(rejection, storefront: name, kind: .orderPush), at: Date())
            }
        }
        return counts
    }

    /// Records orders Clerk accepted: first in the sales ledger (so the live path knows them), then their hashes.
    private func record(_ documents: [OrderDocument], storefront name: String) async throws {
        guard !documents.isEmpty else { return }
        let now = Date()
        try await store.recordImportedSales(storefront: name, sales: documents.map(\.importedSale), at: now)
        try await store.recordPushed(storefront: name, entity: .order, documents: documents.map(\.stored), at: now)
        try await store.resolveDeadLetters(
            storefront: name, kind: DeadLetterKind.orderPush.rawValue, entityIDs: documents.map { String($0.orderID) }, at: now)
    }
}
