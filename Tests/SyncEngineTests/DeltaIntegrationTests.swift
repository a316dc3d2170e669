import CatalogMapping
import ClerkAPI
import Foundation
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import Synchronization
import SyncStore
import Testing

/// Webhook deltas through the queue and the worker, over the real HTTP stack against the sandbox.
@Suite("delta sync against the sandbox", .serialized)
struct DeltaIntegrationTests {
    /// A reindexed harness, a product listed in both channels, and a worker.
    func start(products: Int = 200) async throws -> (Harness, [ResolvedStorefront], SandboxProduct, DeltaWorker) {
        let harness = try await Harness.start(products: products)
        let targets = try await harness.targets()
        _ = try await harness.reindexer.run(targets)
        let product = try #require(harness.sandbox.store.allProducts().first { Set($0.channels) == [1, 2] && $0.isVisible })
        return (harness, targets, product, harness.worker(targets))
    }

    @Test func priceStockDeleteUnassignAndNewProductEachReachClerk() async throws {
        let (harness, targets, product, worker) = try await start()
        let store = harness.sandbox.store
        let others = Array(store.allProducts().filter { Set($0.channels) == [1, 2] && $0.id != product.id }.prefix(3))
        try #require(others.count == 3)

        store.updateProduct(id: product.id) { $0.price += 5 }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        store.updateProduct(id: others[0].id) { $0.inventoryTracking = "product"; $0.inventoryLevel = 0 }
        try await harness.deliver(
            "store/product/inventory/updated",
            #"{"type":"product","id":\#(others[0].id),"inventory":{"product_id":\#(others[0].id),"method":"absolute","value":0}}"#)
        store.deleteProduct(id: others[1].id)
        try await harness.deliver("store/product/deleted", #"{"type":"product","id":"\#(others[1].id)"}"#)
        store.updateProduct(id: others[2].id) { $0.channels = [1] }
        try await harness.deliver("store/channel/2/product/unassigned", #"{"product_id":\#(others[2].id)}"#)
        var fresh = product
        fresh.id = 0
        fresh.name = "Brand-new lamp"
        let added = store.addProduct(fresh)
        try await harness.deliver("store/product/created", #"{"type":"product","id":\#(added.id)}"#)

        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        let eur = try #require(targets.first { $0.name == "outlet-eur" })
        let eurProducts = harness.sandbox.clerkStorage.products(publicKey: eur.clerkKeys.publicKey)
        #expect(eurProducts[others[1].id] == nil)
        #expect(eurProducts[others[2].id] == nil)
        #expect(eurProducts[added.id] != nil)
        let mirrored = try await harness.store.mirrored(storefront: "outlet-eur", entity: .product, ids: [others[2].id, added.id])
        #expect(Set(mirrored.keys) == [added.id])
        #expect(try await harness.store.jobCounts()[.completed] == 5)
        await harness.shutdown()
    }

    @Test func duplicateDeliveriesAreStoredAndProcessedOnce() async throws {
        let (harness, _, product, worker) = try await start()
        let data = #"{"type":"product","id":\#(product.id)}"#
        let first = try await harness.deliver("store/product/updated", data, hash: "abc", createdAt: 1)
        let again = try await harness.deliver("store/product/updated", data, hash: "abc", createdAt: 1)
        #expect(again == .duplicate(first.deliveryID))
        let counts = try await harness.store.jobCounts()
        #expect(counts[.available] == 1)
        // The same data hash for a later edit of the product is a new event, not a duplicate.
        let later = try await harness.deliver("store/product/updated", data, hash: "abc", createdAt: 2)
        #expect(later == .accepted(later.deliveryID) && later.deliveryID != first.deliveryID)
        try await harness.drain(worker)
        #expect(try await harness.store.deliveries(limit: 10).count == 2)
        await harness.shutdown()
    }

    @Test func fiveHundredDeliveriesForOneProductGiveAtMostTwoClerkWrites() async throws {
        let (harness, targets, product, worker) = try await start()
        harness.sandbox.store.updateProduct(id: product.id) { $0.name = "Burst lamp" }
        harness.sandbox.clerkFaults.resetCounters()
        let running = Task { try await harness.drain(worker, timeout: .seconds(120)) }
        for second in 0..<500 {
            try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#, createdAt: 10 + second)
        }
        try await running.value
        try await harness.drain(worker)
        let writes = harness.sandbox.clerkFaults.counters.writeRequests
        // One write per storefront listing it is one Clerk write of the product each.
        let listing = targets.count
        #expect(writes <= 2 * listing, "Clerk write requests: \(writes)")
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aCrashedWorkersJobRunsOnceAfterItsLeaseExpires() async throws {
        let (harness, targets, product, _) = try await start()
        harness.sandbox.store.updateProduct(id: product.id) { $0.name = "Leased lamp" }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        // The first worker claims the job and "dies": it never completes it.
        let crashed = try await harness.store.claim(owner: "crashed", now: Date(), lease: .seconds(30), limit: 10, kinds: nil)
        #expect(crashed.count == 1)
        let survivor = harness.worker(targets, owner: "survivor")
        #expect(try await survivor.runOnce() == 0)
        #expect(try await survivor.runOnce(now: Date().addingTimeInterval(31)) == 1)
        let job = try #require(try await harness.store.job(id: crashed[0].id))
        #expect(job.state == .completed && job.attempts == 1 && job.leaseOwner == "survivor")
        // The crashed worker's late completion leaves the survivor's result as it is.
        try await harness.store.complete(ids: [crashed[0].id], owner: "crashed", now: Date().addingTimeInterval(60))
        let after = try #require(try await harness.store.job(id: crashed[0].id))
        #expect(after == job)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aKilledWorkersJobsAreFinishedByTheNextProcessWithinOneLease() async throws {
        let (harness, targets, _, _) = try await start()
        let products = Array(harness.sandbox.store.allProducts().filter { !$0.channels.isEmpty }.prefix(5))
        for product in products {
            harness.sandbox.store.updateProduct(id: product.id) { $0.name += " (renamed)" }
            try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        }
        // A worker with the production lease claims them all and is killed: it never renews nor settles them.
        let lease = WorkerConfiguration().lease
        #expect(lease <= .seconds(15))
        let t0 = Date()
        let killed = try await harness.store.claim(owner: "killed", now: t0, lease: lease, limit: 100, kinds: nil)
        #expect(killed.count == products.count)
        // A newer change of one of them waits for the killed worker's lease, then runs once.
        harness.sandbox.store.updateProduct(id: products[0].id) { $0.price += 1 }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(products[0].id)}"#)
        let next = harness.worker(targets, owner: "next", lease: lease)
        #expect(try await next.runOnce(now: t0.addingTimeInterval(lease.timeInterval - 1)) == 0)
        #expect(try await next.runOnce(now: t0.addingTimeInterval(lease.timeInterval)) == products.count)
        try await harness.drain(next)
        #expect(try await harness.store.jobCounts()[.dead] == 0)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aTwentySecondClerkOutageUnderWebhookTrafficEndsInTheCatalogsStateSoonAfterClerkIsBack() async throws {
        let (harness, targets, _, _) = try await start()
        let store = harness.sandbox.store
        let listed = store.allProducts().filter { Set($0.channels) == [1, 2] && $0.isVisible }
        try #require(listed.count >= 40)
        // Production timings: backoff from 1 s up to 5 minutes.
        let worker = harness.worker(targets, backoff: RetryPolicy(base: .seconds(1), cap: .seconds(300)))
        let running = Task { await worker.run() }
        defer { worker.stop() }

        harness.sandbox.clerkFaults.configure { $0.down = true }
        let outageEnds = ContinuousClock.now + .seconds(20)
        var round = 0
        while ContinuousClock.now < outageEnds {
            // Changes, removals and unassignments keep arriving while Clerk is down.
            let refusedBefore = harness.sandbox.clerkFaults.counters.errors
            let product = listed[round % 30]
            store.updateProduct(id: product.id) { $0.price += 1 }
            try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
            if round < 5 {
                let gone = listed[30 + round]
                store.deleteProduct(id: gone.id)
                try await harness.deliver("store/product/deleted", #"{"type":"product","id":\#(gone.id)}"#)
                let unassigned = listed[35 + round]
                store.updateProduct(id: unassigned.id) { $0.channels = [1] }
                try await harness.deliver("store/channel/2/product/unassigned", #"{"product_id":\#(unassigned.id)}"#)
            }
            round += 1
            // The next change arrives once the worker has tried this one against Clerk (and been refused), so
            // traffic keeps coming at the worker's own pace until the outage ends.
            while harness.sandbox.clerkFaults.counters.errors == refusedBefore, ContinuousClock.now < outageEnds {
                await Task.yield()
            }
        }
        #expect(try await harness.store.jobCounts()[.dead] == 0)
        #expect(try await harness.store.jobs(state: .retryable, limit: 100).allSatisfy { $0.attempts == 0 })

        harness.sandbox.clerkFaults.clearFaults()
        let back = ContinuousClock.now
        var converged = false
        while ContinuousClock.now < back + .seconds(30) {
            if harness.differences(targets).isEmpty, try await harness.store.jobCounts()[.retryable] == 0 {
                converged = true
                break
            }
            await Task.yield()
        }
        #expect(converged, "Clerk not in the catalog's state 30 s after it came back: \(harness.differences(targets).prefix(5))")
        #expect(try await harness.store.deadLetters(includeResolved: false).isEmpty)
        worker.stop()
        await running.value
        await harness.shutdown()
    }

    @Test func clerkDownForAWhileLosesNothing() async throws {
        let (harness, targets, _, worker) = try await start()
        let products = Array(harness.sandbox.store.allProducts().filter { !$0.channels.isEmpty }.prefix(20))
        harness.sandbox.clerkFaults.configure { $0.down = true }
        for product in products {
            harness.sandbox.store.updateProduct(id: product.id) { $0.price += 1 }
            try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        }
        // Far more passes than the attempt limit: an outage does not use attempts up.
        let outageDeadline = ContinuousClock.now + .seconds(20)
        var passes = 0
        while passes < 30, ContinuousClock.now < outageDeadline {
            passes += try await worker.runOnce() > 0 ? 1 : 0
        }
        let failing = try await harness.store.jobCounts()
        #expect(passes == 30)
        #expect(failing[.retryable]! > 0)
        #expect(failing[.dead] == 0)
        #expect(try await harness.store.jobs(state: .retryable, limit: 50).allSatisfy { $0.attempts == 0 })
        #expect(try await harness.store.deadLetters(includeResolved: false).isEmpty)

        harness.sandbox.clerkFaults.clearFaults()
        try await harness.drain(worker)
        let counts = try await harness.store.jobCounts()
        #expect(counts[.completed] == products.count && counts[.dead] == 0)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aPermanentClerkErrorIsDeadLetteredWithItsPayloadAndReplayFixesIt() async throws {
        let (harness, targets, product, worker) = try await start()
        harness.sandbox.store.updateProduct(id: product.id) { $0.name = "Refused lamp" }
        harness.sandbox.clerkFaults.configure { $0.rejectedProductIDs = [product.id] }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        try await harness.drain(worker)
        let letters = try await harness.store.deadLetters(includeResolved: false)
        #expect(letters.count == targets.count)
        let letter = try #require(letters.first)
        #expect(letter.kind == "product_push" && letter.entityID == String(product.id))
        #expect(String(decoding: letter.requestPayload ?? [], as: UTF8.self).contains("Refused lamp"))

        harness.sandbox.clerkFaults.clearFaults()
        let replayer = DeadLetterReplayer(reader: harness.reader, writer: harness.writer, store: harness.store, jobs: harness.store, logger: harness.logger)
        #expect(try await replayer.replay(letters, targets: targets).allSatisfy { $0 == .resolved })
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aJobThatKeepsFailingGoesDeadWithItsHistoryAndCanBeQueuedAgain() async throws {
        let (harness, targets, product, _) = try await start()
        // An outage only counts once it outlasts the grace period (zero here).
        let worker = harness.worker(targets, maxAttempts: 2, outageGrace: .zero)
        harness.sandbox.bigCommerceFaults.configure { $0.serverErrorRate = 1 }
        harness.sandbox.store.updateProduct(id: product.id) { $0.price += 2 }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        try await harness.drain(worker)
        let dead = try await harness.store.jobs(state: .dead, limit: 10)
        #expect(dead.count == 1 && dead[0].history.count == 2)
        let letter = try #require(try await harness.store.deadLetters(includeResolved: false).first)
        #expect(letter.kind == "product.sync" && letter.entityID == String(product.id))
        #expect(letter.attempts == 2 && letter.history.count == 2)

        harness.sandbox.bigCommerceFaults.configure { $0.serverErrorRate = 0 }
        let replayer = DeadLetterReplayer(reader: harness.reader, writer: harness.writer, store: harness.store, jobs: harness.store, logger: harness.logger)
        let outcome = try await replayer.replay(letter, targets: targets)
        #expect(outcome == .resolved)
        #expect(harness.differences(targets) == [])
        try await harness.drain(worker)
        #expect(try await harness.store.jobCounts()[.dead] == 0)
        await harness.shutdown()
    }

    @Test func outOfOrderAndRepeatedDeliveriesEndInTheCatalogsCurrentState() async throws {
        let (harness, targets, _, worker) = try await start()
        let store = harness.sandbox.store
        let products = Array(store.allProducts().filter { Set($0.channels) == [1, 2] }.prefix(6))
        var deliveries: [(String, String)] = []
        for (index, product) in products.enumerated() {
            store.updateProduct(id: product.id) { $0.price += Decimal(index + 1) }
            deliveries.append(("store/product/updated", #"{"type":"product","id":\#(product.id)}"#))
            if index % 2 == 0 {
                store.updateProduct(id: product.id) { $0.channels = [1] }
                deliveries.append(("store/channel/2/product/unassigned", #"{"product_id":\#(product.id)}"#))
            }
            if index == 5 {
                store.deleteProduct(id: product.id)
                deliveries.append(("store/product/deleted", #"{"type":"product","id":\#(product.id)}"#))
            }
        }
        var generator = SystemRandomNumberGenerator()
        for (scope, data) in (deliveries + deliveries).shuffled(using: &generator) {
            try await harness.deliver(scope, data)
        }
        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aPriceListRecordChangeRepricesTheProductInItsCurrency() async throws {
        let (harness, targets, _, worker) = try await start()
        let store = harness.sandbox.store
        let product = try #require(store.allProducts().first { !store.priceRecords(priceListID: 1, for: $0).isEmpty })
        var record = try #require(store.priceRecords(priceListID: 1, for: product).first)
        record.price = 1.23
        record.calculatedPrice = 1.23
        store.setPriceRecord(record)
        try await harness.deliver(
            "store/priceList/record/updated", #"{"price_list_id":1,"variant_id":\#(record.variantID),"currency":"gbp"}"#)
        try await harness.deliver("store/priceList/record/updated", #"{"price_list_id":2,"variant_id":\#(record.variantID),"currency":"eur"}"#)
        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aCategoryRenameReachesTheCategoryAndItsProducts() async throws {
        let (harness, targets, _, worker) = try await start()
        let store = harness.sandbox.store
        let product = try #require(store.allProducts().first { !$0.categories.isEmpty && $0.channels.contains(1) })
        var category = try #require(store.categories().first { product.categories.contains($0.id) })
        category.name = "Renamed department"
        store.updateCategory(id: category.id, category)
        try await harness.deliver("store/category/updated", #"{"type":"category","id":\#(category.id)}"#)
        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        let main = try #require(targets.first { $0.name == "main-usd" })
        let document = try #require(harness.sandbox.clerkStorage.products(publicKey: main.clerkKeys.publicKey)[product.id])
        #expect(String(decoding: document, as: UTF8.self).contains("Renamed department"))
        await harness.shutdown()
    }

    @Test func reconciliationCatchesABrandRenameAndAnEditNoWebhookReported() async throws {
        let (harness, targets, product, worker) = try await start()
        let store = harness.sandbox.store
        // The first refresh records the brands it saw; a later rename is then noticed.
        _ = try await harness.deltaSync(targets).refreshCatalog()
        let branded = try #require(store.allProducts().first { $0.brandID != 0 && !$0.channels.isEmpty })
        _ = store.updateBrand(id: branded.brandID) { $0.name = "Renamed maker" }
        store.updateProduct(id: product.id) { $0.name = "Silently edited" }

        let scheduled = harness.worker(targets, reconcile: .seconds(900))
        try await scheduled.scheduleDueWork(now: Date())
        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        let runs = try await RunJournal.lastRuns(store: harness.store)
        #expect(runs[.reconcile]?.ok == true)
        // Not due again until the interval passed.
        try await scheduled.scheduleDueWork(now: Date())
        #expect(try await harness.store.jobCounts()[.available] == 0)
        await harness.shutdown()
    }

    @Test func theScheduleQueuesAReindexWhenNoneRanAndTheWorkerRunsIt() async throws {
        let harness = try await Harness.start(products: 150)
        let targets = try await harness.targets()
        let worker = harness.worker(targets, reindex: .seconds(86_400))
        try await worker.scheduleDueWork(now: Date())
        #expect(try await harness.store.jobs(state: .available, limit: 5).map(\.key.kind) == [.catalogReindex])
        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func stoppingTheWorkerDuringAReindexPutsItBackToResumeFromItsCheckpoint() async throws {
        let harness = try await Harness.start(products: 2_000)
        let targets = try await harness.targets()
        harness.sandbox.bigCommerceFaults.configure { $0.latency = .milliseconds(25) }
        let worker = harness.worker(targets, reindex: .seconds(86_400))
        let running = Task { await worker.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while try await harness.store.checkpoint(storefront: "main-usd") == nil, ContinuousClock.now < deadline {
            await Task.yield()
        }
        worker.stop()
        await running.value
        let waiting = try await harness.store.jobs(state: .retryable, limit: 5)
        #expect(waiting.map(\.key.kind) == [.catalogReindex] && waiting.allSatisfy { $0.attempts == 0 })
        #expect(try await harness.store.checkpoint(storefront: "main-usd") != nil)
        #expect(try await harness.store.jobCounts()[.running] == 0)

        harness.sandbox.bigCommerceFaults.configure { $0.latency = .zero }
        try await harness.drain(harness.worker(targets, owner: "next-start"))
        #expect(try await harness.store.jobCounts()[.completed] == 1)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aRefreshThatFailsMidwayKeepsTheProductWorkItFound() async throws {
        let (harness, targets, _, worker) = try await start()
        let store = harness.sandbox.store
        _ = try await harness.deltaSync(targets).refreshCatalog()
        let product = try #require(store.allProducts().first { !$0.categories.isEmpty && $0.channels.contains(1) })
        var category = try #require(store.categories().first { product.categories.contains($0.id) })
        category.name = "Renamed while Clerk was down"
        store.updateCategory(id: category.id, category)
        try await harness.deliver("store/category/updated", #"{"type":"category","id":\#(category.id)}"#)
        harness.sandbox.clerkFaults.configure { $0.down = true }
        try await worker.runOnce()
        let queued = try await harness.store.jobs(state: .available, limit: 500).filter { $0.key.kind == .productSync }
        #expect(!queued.isEmpty, "the products of the renamed category are queued before anything is written")
        #expect(try await harness.store.jobs(state: .retryable, limit: 5).map(\.key.kind) == [.catalogRefresh])
        harness.sandbox.clerkFaults.clearFaults()
        try await harness.drain(worker)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func theSweepReadsEveryModifiedProductAcrossPagesAndWithinOneSecond() async throws {
        let harness = try await Harness.start(products: 800)
        let before = Date().addingTimeInterval(-1)
        let edited = Array(harness.sandbox.store.allProducts().prefix(600)).map(\.id)
        for id in edited { harness.sandbox.store.updateProduct(id: id) { $0.name += " (edited)" } }
        let stamps = try await harness.reader.modifiedProducts(since: before)
        #expect(Set(stamps.map(\.id)) == Set(edited))
        #expect(stamps.count == edited.count)
        await harness.shutdown()
    }

    @Test func aDeltaThatRacesARunningReindexIsReadAgainLater() async throws {
        let (harness, targets, product, worker) = try await start()
        try await harness.store.saveCheckpoint(CrawlCheckpoint(
            storefront: "main-usd", run: "running", lastProductID: product.id - 1, failedPages: 0, startedAt: Date(), counters: [:]))
        harness.sandbox.store.updateProduct(id: product.id) { $0.name = "Raced lamp" }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        try await worker.runOnce()
        let again = try await harness.store.jobs(state: .available, limit: 5)
        #expect(again.map(\.key) == [JobKey(kind: .productSync, entity: String(product.id))])
        #expect(again.allSatisfy { $0.runAt > Date().addingTimeInterval(30) })
        #expect(try await harness.store.unseen(storefront: "main-usd", entity: .product, run: "running").contains(product.id) == false)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aCancelledWorkerStopsAtOnceAndPutsItsJobsBack() async throws {
        let (harness, targets, product, _) = try await start()
        harness.sandbox.clerkFaults.configure { $0.latency = .milliseconds(200) }
        harness.sandbox.store.updateProduct(id: product.id) { $0.price += 1 }
        try await harness.deliver("store/product/updated", #"{"type":"product","id":\#(product.id)}"#)
        let worker = harness.worker(targets)
        let finished = Finished()
        let running = Task {
            await worker.run()
            finished.mark()
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while try await harness.store.jobCounts()[.running] == 0, ContinuousClock.now < deadline { await Task.yield() }
        running.cancel()
        while !finished.done, ContinuousClock.now < deadline { await Task.yield() }
        #expect(finished.done, "the worker returned after cancellation")
        let counts = try await harness.store.jobCounts()
        #expect(counts[.dead] == 0 && counts[.running] == 0)
        #expect(try await harness.store.deadLetters(includeResolved: false).isEmpty)
        harness.sandbox.clerkFaults.clearFaults()
        try await harness.drain(harness.worker(targets, owner: "next"))
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }
}

/// A flag set once from another task.
final class Finished: Sendable {
    private let flag = Mutex(false)
    func mark() { flag.withLock { $0 = true } }
    var done: Bool { flag.withLock { $0 } }
}
