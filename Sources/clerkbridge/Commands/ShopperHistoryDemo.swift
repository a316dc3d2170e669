import Foundation
import Sandbox
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// The demo's history step: the store gets a past (customers, newsletter subscribers, 30 months of orders); a
/// returning customer on a new device sees generic best sellers on the home page until `import orders` and
/// `import customers` ran, then a personal placement; a "viewed but did not buy" Clerk audience lands in a
/// BigCommerce customer segment.
struct ShopperHistoryDemo {
    let sandbox: SandboxServer
    let runtime: Runtime
    let targets: [ResolvedStorefront]
    let checks: DemoChecks

    func run() async throws {
        print("\n10. Order history and customers into Clerk, and an audience into a BigCommerce segment")
        guard let main = targets.first(where: { $0.name == "main-usd" }) ?? targets.first(where: { $0.storefront.channelID == 1 }) else {
            checks.fail("no channel-1 storefront for the history step")
            return
        }
        let before = Set(sandbox.store.customers().map(\.id))
        sandbox.store.seedShoppers(SandboxShopperSeed(customers: 60, newsletterOnly: 5, orders: 400, months: 30, seed: 7))
        let window = OrderHistoryImport.defaultSince(now: Date())
        // A returning customer: registered on channel 1, with counted USD orders on it in the last 24 months.
        let bought = Dictionary(grouping: sandbox.store.orders().filter {
            $0.customerID > 0 && $0.channelID == 1 && $0.currencyCode == main.storefront.currency && $0.dateCreated >= window
                && ![0, 5, 6].contains($0.statusID)
        }, by: \.customerID)
        let seeded = sandbox.store.customers().filter { !before.contains($0.id) && ($0.channelIDs?.contains(1) ?? true) }
        guard let returning = seeded.first(where: { bought[$0.id] != nil }),
            let browser = seeded.first(where: { bought[$0.id] == nil && !$0.email.isEmpty })
        else {
            checks.fail("the seeded history has no returning customer and no customer without orders on channel 1")
            return
        }
        print("   the store now has \(sandbox.store.orders().count) orders and \(sandbox.store.customers().count) customers; "
            + "\(returning.email) has \(bought[returning.id]?.count ?? 0) order(s) on \(main.name)")

        // A new device: the customer signs in, so the visitor is tied to the email (log/email, as the forwarder sends it).
        let visitor = "demoreturning" + String(UUID().uuidString.prefix(4)).lowercased()
        try await runtime.clerk.logEmail(email: returning.email, visitor: visitor, keys: main.clerkKeys)
        let service = StorefrontServing.recommendationService(runtime: runtime)
        guard let home = runtime.settings.placements.first(where: { $0.name == "home" }) else {
            checks.fail("no home placement configured")
            return
        }
        let cold = try await service.recommend(home, context: PlacementContext(visitor: visitor), storefront: main, limit: 4)
        print("   home for \(visitor) before the import: \(cold.source.rawValue) (Clerk knows nothing of them yet), \(cold.items.count) products")
        checks.expect(cold.source != .clerk, "before the import, the returning customer gets best sellers")

        let jobs = QueuedJobs(runtime: runtime, targets: targets)
        let orderKey = BackgroundJob.orderImport(.all).key
        let customerKey = BackgroundJob.customerImport.key
        let finished = try await jobs.run([(orderKey, OrderImportPayload().encoded()), (customerKey, [])])
        let orders = try await jobs.customers.orders.lastReport(scope: .all)
        let customers = try await jobs.customers.customers.lastReport()
        for (name, counts) in (orders?.storefronts ?? [:]).sorted(by: { $0.key < $1.key }) {
            print("   import orders, \(name): \(counts.seen) seen, \(counts.sent) sent, \(counts.unchanged) unchanged, \(counts.skipped) skipped")
        }
        print("   import customers: \(customers?.customers ?? 0) read, \(customers?.total.sent ?? 0) documents sent")
        checks.expect(
            finished[orderKey]?.state == .completed && orders?.ok == true && (orders?.total.sent ?? 0) > 0,
            "the order history of the last 24 months is in Clerk")
        checks.expect(
            finished[customerKey]?.state == .completed && customers?.ok == true
                && sandbox.clerkStorage.customers(publicKey: main.clerkKeys.publicKey)[String(returning.id)] != nil,
            "the customers are in the Clerk stores of their channels")

        let warm = try await service.recommend(home, context: PlacementContext(visitor: visitor), storefront: main, limit: 4)
        print("   home for \(visitor) after the import: \(warm.source.rawValue), "
            + warm.items.map(\.card.name).joined(separator: ", "))
        checks.expect(warm.source == .clerk && !warm.items.isEmpty, "the returning customer's home placement is personal at once")

        // Viewed but did not buy: the browser and the returning customer look at a product; only the browser never bought.
        guard let product = sandbox.store.allProducts().first(where: { $0.channels.contains(1) && $0.isVisible }) else { return }
        let browsing = "demobrowser" + String(UUID().uuidString.prefix(4)).lowercased()
        try await runtime.clerk.logEmail(email: browser.email, visitor: browsing, keys: main.clerkKeys)
        try await runtime.clerk.logProductView(productID: product.id, visitor: browsing, keys: main.clerkKeys)
        try await runtime.clerk.logProductView(productID: product.id, visitor: visitor, keys: main.clerkKeys)
        let audience = AudienceMapping(clerkAudienceID: "viewed-not-bought", storefront: main.name, segment: "Clerk: viewed, not bought")
        sandbox.clerkStorage.defineAudience(
            publicKey: main.clerkKeys.publicKey, id: audience.clerkAudienceID, rule: .all([.viewedProduct(nil), .not(.boughtProduct(nil))]))
        let sync = AudienceSync(
            client: runtime.bigCommerce, clerk: runtime.clerk, targets: targets, audiences: [audience], store: runtime.store,
            logger: runtime.logger)
        let planned = try await sync.sync(audience, dryRun: true)
        print("   audiences sync --dry-run: \(planned.members) members, would add \(planned.added), create the segment \(planned.createdSegment)")
        let report = try await sync.sync(audience)
        let inSegment = sandbox.store.segmentation.customers(inSegmentNamed: audience.segment)
        print("   audiences sync: \(report.members) members, \(report.added) added, \(report.removed) removed, \(report.skipped) skipped; "
            + "segment \"\(audience.segment)\" holds customers \(inSegment)")
        checks.expect(
            inSegment.contains(browser.id) && !inSegment.contains(returning.id) && report.ok
                && sandbox.store.segmentation.counters.unfilteredDeletes.isEmpty,
            "the \"viewed but did not buy\" audience is a BigCommerce segment a promotion can target")
    }
}
