import BigCommerceAPI
import ClerkAPI
import Foundation
import JSONSupport
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

/// The order history import against the sandbox: Clerk's orders equal mapping.md §4's for a store with guests,
/// refunds, cancellations and two channels; a second run sends nothing; a crash mid-import resumes without
/// duplicates; `--since`; one record with the live sale logger.
@Suite("order history import against the sandbox", .serialized)
struct OrderHistoryImportTests {
    static let seed = SandboxShopperSeed(customers: 80, newsletterOnly: 10, orders: 700, months: 30)

    func start() async throws -> (Harness, [ResolvedStorefront]) {
        let harness = try await Harness.start(products: 120, shoppers: Self.seed)
        return (harness, try await harness.targets())
    }

    @Test func clerksOrdersEqualTheMappingOfTheLast24Months() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        let job = try await harness.run(.orderImport(.all), on: worker)
        #expect(job?.state == .completed, "\(job?.lastError ?? "")")

        let work = harness.customerWork(targets)
        let report = try #require(try await work.orders.lastReport(scope: .all))
        let since = OrderHistoryImport.defaultSince(now: report.finishedAt)
        #expect(abs(report.since.timeIntervalSince(since)) < 120)
        let expected = ExpectedShoppers.orders(in: harness.sandbox.store, targets: targets, since: report.since)
        var differences: [String] = []
        for target in targets {
            differences += ExpectedShoppers.differences(
                expected[target.name] ?? [:], harness.sandbox.clerkStorage.orders(publicKey: target.clerkKeys.publicKey), label: target.name)
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")

        // The store's history has everything the mapping distinguishes, and the window leaves the oldest out.
        let all = harness.sandbox.store.orders()
        let held = expected.values.flatMap(\.values)
        #expect(held.contains { $0["customer"] == nil } && held.contains { $0["customer"] != nil })
        #expect(held.contains { $0["status"] == "CANCELLED" } && held.contains { $0["status"] == "RETURNED" })
        #expect(Set(expected.keys) == Set(targets.map(\.name)), "every storefront of both channels has history")
        #expect(all.contains { $0.dateCreated < report.since } && all.contains { [0, 6].contains($0.statusID) })
        #expect(report.total.sent == held.count && report.total.failed == 0)
        #expect(report.total.seen == report.total.sent + report.total.skipped)
        // One BigCommerce request per 250 orders: the lines come with the listing.
        let routes = harness.sandbox.bigCommerceFaults.counters.requestsByRoute
        #expect((routes["GET /v2/orders/{id}/products"] ?? 0) == 0)
        #expect((routes["GET /v2/orders"] ?? 0) <= all.count / 250 + 2)
    }

    @Test func aSecondRunSendsNothingAndAChangedOrderIsSentAgain() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        try await harness.run(.orderImport(.all), on: worker)
        let work = harness.customerWork(targets)
        let written = harness.sandbox.clerkFaults.counters.ordersWritten
        #expect(written > 0)

        try await harness.run(.orderImport(.all), on: worker)
        let second = try #require(try await work.orders.lastReport(scope: .all))
        #expect(second.total.sent == 0 && second.total.unchanged > 0)
        #expect(harness.sandbox.clerkFaults.counters.ordersWritten == written)

        // Refunded behind clerkbridge's back (no webhook): the next import sends that order again, RETURNED.
        let imported = try #require(harness.sandbox.store.orders().last { $0.statusID == 10 && $0.customerID > 0 })
        harness.sandbox.store.updateOrder(id: imported.id) { order in
            for index in order.lines.indices { order.lines[index].quantityRefunded = order.lines[index].quantity }
            order.statusID = 4
        }
        try await harness.run(.orderImport(.all), on: worker)
        let third = try #require(try await work.orders.lastReport(scope: .all))
        #expect(third.total.sent == 1)
        let document = harness.clerkOrders(targets).values.compactMap { $0[String(imported.id)] }.first.flatMap { JSONValue.parse($0) }
        #expect(document?["status"] == "RETURNED")
    }

    @Test func sinceLimitsTheWindowAndAStorefrontItsScope() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        let since = Date().addingTimeInterval(-90 * 86_400)
        try await harness.run(.orderImport(.storefront("outlet-eur")), payload: OrderImportPayload(since: since).encoded(), on: worker)
        let expected = ExpectedShoppers.orders(in: harness.sandbox.store, targets: targets, since: since)
        let held = harness.clerkOrders(targets)
        #expect(ExpectedShoppers.differences(expected["outlet-eur"] ?? [:], held["outlet-eur"] ?? [:], label: "outlet-eur").isEmpty)
        #expect(!(expected["outlet-eur"] ?? [:]).isEmpty)
        #expect(held["main-usd"]?.isEmpty == true && held["outlet-gbp"]?.isEmpty == true)
    }

    @Test func aCrashAfterClerkAcceptedAPageResumesWithoutDuplicates() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let crashing = CrashingStore(store: harness.store, crashOnOrderRecord: 2)
        let sync = harness.deltaSync(targets)
        let crashed = OrderHistoryImport(sync: sync, writer: harness.writer, store: crashing, logger: harness.logger)
        await #expect(throws: CrashingStore.Crash.self) {
            _ = try await crashed.run(scope: .all, since: nil)
        }
        let afterCrash = harness.sandbox.clerkFaults.counters.ordersWritten
        #expect(afterCrash > 0)
        let listed = harness.sandbox.bigCommerceFaults.counters.requestsByRoute["GET /v2/orders"] ?? 0

        // The same import, started again on the same database, resumes after the pages it recorded.
        let resumed = OrderHistoryImport(sync: sync, writer: harness.writer, store: harness.store, logger: harness.logger)
        let report = try #require(try await resumed.run(scope: .all, since: nil))
        let pages = (harness.sandbox.store.orders().count + 249) / 250
        #expect((harness.sandbox.bigCommerceFaults.counters.requestsByRoute["GET /v2/orders"] ?? 0) - listed < pages + 1)
        let expected = ExpectedShoppers.orders(in: harness.sandbox.store, targets: targets, since: report.since)
        var differences: [String] = []
        for target in targets {
            differences += ExpectedShoppers.differences(
                expected[target.name] ?? [:], harness.sandbox.clerkStorage.orders(publicKey: target.clerkKeys.publicKey), label: target.name)
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        // Only the page whose record the crash lost went to Clerk twice.
        let total = expected.values.reduce(0) { $0 + $1.count }
        #expect(harness.sandbox.clerkFaults.counters.ordersWritten <= total + 250)
        let again = try #require(try await resumed.run(scope: .all, since: nil))
        #expect(again.total.sent == 0)
    }

    @Test func liveSalesAndTheImportShareOneRecord() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        let product = try #require(harness.sandbox.store.allProducts().first { $0.channels.contains(1) && $0.isVisible })
        // A sale the live logger sent, with its visitor: the import leaves it as it is.
        let live = try #require(harness.sandbox.orderEvents.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: product.id)]))
        try await harness.store.recordPurchase(orderID: live.id, visitor: "liveV1", storefront: "main-usd", customerID: 1, at: Date())
        try await harness.run(.order(live.id), payload: OrderSyncPayload(source: .webhook, scope: "store/order/created").encoded(), on: worker)
        let main = try #require(targets.first { $0.name == "main-usd" })
        let logged = try #require(harness.sandbox.clerkStorage.order(publicKey: main.clerkKeys.publicKey, id: String(live.id)))
        #expect(logged["visitor"] == "liveV1")

        try await harness.run(.orderImport(.all), on: worker)
        #expect(harness.sandbox.clerkStorage.order(publicKey: main.clerkKeys.publicKey, id: String(live.id)) == logged)

        // An imported order is known to the live path: a later cancellation only sets its status.
        let imported = try #require(harness.sandbox.store.orders().last { $0.channelID == 1 && $0.statusID == 10 && $0.currencyCode == "USD" })
        let sales = harness.sandbox.clerkStorage.logCalls(publicKey: main.clerkKeys.publicKey).filter { $0.endpoint == "log/sale" }.count
        harness.sandbox.orderEvents.setStatus(orderID: imported.id, statusID: 5)
        try await harness.run(.order(imported.id), payload: OrderSyncPayload(source: .webhook, scope: "store/order/statusUpdated").encoded(), on: worker)
        #expect(harness.sandbox.clerkStorage.logCalls(publicKey: main.clerkKeys.publicKey).filter { $0.endpoint == "log/sale" }.count == sales)
        let cancelled = try #require(harness.sandbox.clerkStorage.order(publicKey: main.clerkKeys.publicKey, id: String(imported.id)))
        #expect(cancelled["status"] == "CANCELLED" && cancelled["time"]?.intValue == Int(imported.dateCreated.timeIntervalSince1970))
    }
}

/// The store, failing like a crash right after Clerk accepted the `n`-th batch of imported orders (before the import
/// recorded it).
final class CrashingStore: HistoryStorage, @unchecked Sendable {
    struct Crash: Error {}

    let store: SQLiteSyncStore
    private var remaining: Int

    init(store: SQLiteSyncStore, crashOnOrderRecord: Int) {
        self.store = store
        remaining = crashOnOrderRecord
    }

    func recordImportedSales(storefront: String, sales: [ImportedSale], at: Date) async throws {
        remaining -= 1
        if remaining <= 0 { throw Crash() }
        try await store.recordImportedSales(storefront: storefront, sales: sales, at: at)
    }

    func pushedHashes(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: String] {
        try await store.pushedHashes(storefront: storefront, entity: entity, ids: ids)
    }
    func recordPushed(storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date) async throws {
        try await store.recordPushed(storefront: storefront, entity: entity, documents: documents, at: at)
    }
    func recordRemoved(storefront: String, entity: EntityKind, ids: [Int]) async throws {
        try await store.recordRemoved(storefront: storefront, entity: entity, ids: ids)
    }
    func markSeen(storefront: String, entity: EntityKind, ids: [Int], run: String) async throws {
        try await store.markSeen(storefront: storefront, entity: entity, ids: ids, run: run)
    }
    func unseen(storefront: String, entity: EntityKind, run: String) async throws -> [Int] {
        try await store.unseen(storefront: storefront, entity: entity, run: run)
    }
    func heldIDs(storefront: String, entity: EntityKind) async throws -> [Int] {
        try await store.heldIDs(storefront: storefront, entity: entity)
    }
    func loggedSale(storefront: String, orderID: Int) async throws -> LoggedSale? {
        try await store.loggedSale(storefront: storefront, orderID: orderID)
    }
    func loggedSales(storefront: String, orderIDs: [Int]) async throws -> [Int: LoggedSale] {
        try await store.loggedSales(storefront: storefront, orderIDs: orderIDs)
    }
    func recordSale(storefront: String, orderID: Int, visitor: String?, lines: [LoggedSaleLine], at: Date) async throws {
        try await store.recordSale(storefront: storefront, orderID: orderID, visitor: visitor, lines: lines, at: at)
    }
    func recordSaleStatus(storefront: String, orderID: Int, status: String, at: Date) async throws {
        try await store.recordSaleStatus(storefront: storefront, orderID: orderID, status: status, at: at)
    }
    func recordReturned(storefront: String, orderID: Int, lineID: Int, quantity: Int, at: Date) async throws {
        try await store.recordReturned(storefront: storefront, orderID: orderID, lineID: lineID, quantity: quantity, at: at)
    }
    func marker(_ name: String) async throws -> Marker? { try await store.marker(name) }
    func setMarker(_ name: String, value: [UInt8], at: Date) async throws { try await store.setMarker(name, value: value, at: at) }
    func markers(prefix: String) async throws -> [String: Marker] { try await store.markers(prefix: prefix) }
    func addDeadLetter(_ draft: DeadLetterDraft, at: Date) async throws -> Int64 { try await store.addDeadLetter(draft, at: at) }
    func deadLetters(includeResolved: Bool) async throws -> [DeadLetter] { try await store.deadLetters(includeResolved: includeResolved) }
    func deadLetter(id: Int64) async throws -> DeadLetter? { try await store.deadLetter(id: id) }
    func resolveDeadLetter(id: Int64, at: Date) async throws { try await store.resolveDeadLetter(id: id, at: at) }
    func resolveDeadLetters(storefront: String?, kind: String, entityID: String, at: Date) async throws {
        try await store.resolveDeadLetters(storefront: storefront, kind: kind, entityID: entityID, at: at)
    }
    func resolveDeadLetters(storefront: String?, kind: String, entityIDs: [String], at: Date) async throws {
        try await store.resolveDeadLetters(storefront: storefront, kind: kind, entityIDs: entityIDs, at: at)
    }
}
