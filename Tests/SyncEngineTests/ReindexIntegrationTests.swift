import CatalogMapping
import ClerkAPI
import Foundation
import Sandbox
import SyncEngine
import SyncStore
import Testing

/// Full reindexes over the real HTTP stack against the sandbox on loopback.
@Suite("reindex against the sandbox", .serialized)
struct ReindexIntegrationTests {
    @Test func aSeededCatalogBecomesExactlyTheExpectedDocumentsInEveryStorefront() async throws {
        let harness = try await Harness.start(products: 600)
        let targets = try await harness.targets()
        let report = try await harness.reindexer.run(targets)
        #expect(report.ok, "\(report.storefronts.flatMap(\.failures))")
        #expect(harness.differences(targets) == [])
        #expect(targets.map(\.storefront.currency) == ["USD", "EUR", "GBP"])
        #expect(report.storefronts.allSatisfy { $0.products.seen > 0 && $0.products.pushed == $0.products.seen })
        #expect(report.storefronts.allSatisfy { $0.categories.seen > 0 && $0.categories.pushed == $0.categories.seen })

        let again = try await harness.reindexer.run(targets)
        #expect(again.storefronts.allSatisfy { $0.products.pushed == 0 && $0.products.unchanged == $0.products.seen })
        await harness.shutdown()
    }

    @Test func changesDeletionsAndUnassignmentsFollowOnTheNextRun() async throws {
        let harness = try await Harness.start(products: 300)
        let targets = try await harness.targets()
        _ = try await harness.reindexer.run(targets)
        let products = Array(harness.sandbox.store.allProducts().filter { $0.channels == [1, 2] || $0.channels == [2, 1] }.prefix(3))
        try #require(products.count == 3)
        _ = harness.sandbox.store.updateProduct(id: products[0].id) { $0.name = "Renamed lamp"; $0.price += 1 }
        _ = harness.sandbox.store.deleteProduct(id: products[1].id)
        _ = harness.sandbox.store.updateProduct(id: products[2].id) { $0.channels = [1] }

        let report = try await harness.reindexer.run(targets)
        #expect(report.ok)
        #expect(harness.differences(targets) == [])
        let eur = try #require(report.storefronts.first { $0.name == "outlet-eur" })
        #expect(eur.products.removed == 2)
        #expect(eur.products.pushed == 1)
        await harness.shutdown()
    }

    @Test func aSmallQuotaIsPacedWithoutA429Storm() async throws {
        let harness = try await Harness.start(products: 1_500, quota: 12, window: .milliseconds(1_000))
        let targets = try await harness.targets()
        let report = try await harness.reindexer.run(targets)
        #expect(report.ok)
        #expect(harness.differences(targets) == [])
        let counters = harness.sandbox.bigCommerceFaults.counters
        #expect(counters.totalRequests > 20)
        #expect(counters.quotaExhausted <= 1, "429s served: \(counters.quotaExhausted)")
        await harness.shutdown()
    }

    @Test func fifteenPercentServerErrorsOnBothSidesStillConverge() async throws {
        let harness = try await Harness.start(products: 800)
        harness.sandbox.bigCommerceFaults.configure { $0.serverErrorRate = 0.15 }
        harness.sandbox.clerkFaults.configure { $0.serverErrorRate = 0.15 }
        let targets = try await harness.targets()
        let writer = ClerkWriter(clerk: harness.clerk, retry: harness.retry, batchSize: 40, logger: harness.logger)
        let reindexer = Reindexer(reader: harness.reader, writer: writer, store: harness.store, logger: harness.logger)
        let report = try await reindexer.run(targets)
        #expect(report.ok, "\(report.storefronts.flatMap(\.failures))")
        #expect(harness.sandbox.bigCommerceFaults.counters.serverErrors > 0)
        #expect(harness.sandbox.clerkFaults.counters.errors > 0)
        harness.sandbox.bigCommerceFaults.clearFaults()
        harness.sandbox.clerkFaults.clearFaults()
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aCancelledRunResumesWhereItStoppedAndConverges() async throws {
        let harness = try await Harness.start(products: 2_000)
        harness.sandbox.bigCommerceFaults.configure { $0.latency = .milliseconds(40) }
        let targets = try await harness.targets()
        let store = harness.store
        let (pages, page) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await harness.reindexer.run(targets) { page.yield($0.productsCrawled) } }
        var firstPage = pages.makeAsyncIterator()
        let crawled = await firstPage.next()
        #expect((crawled ?? 0) > 0)
        running.cancel()
        _ = await running.result
        let interrupted = try #require(try await store.checkpoint(storefront: targets[0].name))
        #expect(interrupted.lastProductID < harness.sandbox.store.catalog.productID(atIndex: 1_999))

        harness.sandbox.bigCommerceFaults.clearFaults()
        let resumed = try await harness.reindexer.run(targets)
        #expect(resumed.ok)
        #expect(resumed.storefronts.allSatisfy { $0.resumed })
        #expect(harness.differences(targets) == [])
        #expect(try await store.checkpoint(storefront: targets[0].name) == nil)
        await harness.shutdown()
    }

    @Test func aCrawlWithAFailedPageDeletesNothingAndTheNextRunResumes() async throws {
        let harness = try await Harness.start(products: 700)
        let targets = try await harness.targets()
        _ = try await harness.reindexer.run(targets)
        let catalog = harness.sandbox.store.catalog
        let gone = catalog.productID(atIndex: 600)
        #expect(harness.sandbox.store.deleteProduct(id: gone))
        let afterFirstPage = catalog.productID(atIndex: 249)
        harness.sandbox.bigCommerceFaults.configure { $0.failingProductPages = [afterFirstPage] }

        let failed = try await harness.reindexer.run(targets)
        #expect(!failed.ok)
        #expect(failed.storefronts.allSatisfy { !$0.crawlCompleted && $0.products.removed == 0 })
        let held = targets.filter { target in
            harness.sandbox.clerkStorage.products(publicKey: target.clerkKeys.publicKey)[gone] != nil
        }
        #expect(!held.isEmpty, "the deleted product is still in Clerk after a partial crawl")

        harness.sandbox.bigCommerceFaults.clearFaults()
        let resumed = try await harness.reindexer.run(targets)
        #expect(resumed.ok)
        #expect(resumed.storefronts.allSatisfy { $0.resumed })
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aProductClerkRefusesIsDeadLetteredWithItsPayloadAndReplayFixesIt() async throws {
        let harness = try await Harness.start(products: 500)
        let targets = try await harness.targets()
        let refused = try #require(harness.sandbox.store.allProducts().first { $0.channels.contains(1) && $0.isVisible }?.id)
        harness.sandbox.clerkFaults.configure { $0.rejectedProductIDs = [refused] }

        let report = try await harness.reindexer.run(targets)
        #expect(!report.ok)
        let main = try #require(report.storefronts.first { $0.name == "main-usd" })
        #expect(main.products.failed == 1)
        #expect(main.products.pushed == main.products.seen - 1)
        let mainStore = harness.sandbox.clerkStorage.products(publicKey: targets[0].clerkKeys.publicKey)
        #expect(mainStore[refused] == nil)
        #expect(mainStore.count == main.products.seen - 1)

        let letters = try await harness.store.deadLetters(includeResolved: false).filter { $0.storefront == "main-usd" }
        let letter = try #require(letters.first)
        #expect(letters.count == 1)
        #expect(letter.kind == "product_push")
        #expect(letter.entityID == String(refused))
        let payload = String(decoding: letter.requestPayload ?? [], as: UTF8.self)
        #expect(payload.contains("\"id\":\(refused)"))
        #expect(!payload.contains(targets[0].clerkKeys.privateKey))
        #expect(String(decoding: letter.responseBody ?? [], as: UTF8.self).contains("ParsingError"))

        let replayer = DeadLetterReplayer(reader: harness.reader, writer: harness.writer, store: harness.store, logger: harness.logger)
        #expect(try await replayer.replay(letter, targets: targets) != .resolved)
        harness.sandbox.clerkFaults.configure { $0.rejectedProductIDs = [] }
        let current = try #require(try await harness.store.deadLetter(id: letter.id))
        #expect(current.attempts > letter.attempts)
        #expect(try await replayer.replay(current, targets: targets) == .resolved)
        #expect(harness.sandbox.clerkStorage.products(publicKey: targets[0].clerkKeys.publicKey)[refused] != nil)
        for other in try await harness.store.deadLetters(includeResolved: false) {
            #expect(try await replayer.replay(other, targets: targets) == .resolved)
        }
        #expect(try await harness.store.deadLetters(includeResolved: false).isEmpty)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func clerkDownStopsTheRunWithoutDeadLettersAndTheNextRunConverges() async throws {
        let harness = try await Harness.start(products: 600)
        let targets = try await harness.targets()
        _ = try await harness.reindexer.run(targets)
        let gone = harness.sandbox.store.catalog.productID(atIndex: 400)
        #expect(harness.sandbox.store.deleteProduct(id: gone))
        _ = harness.sandbox.store.updateProduct(id: harness.sandbox.store.catalog.productID(atIndex: 2)) { $0.name = "Changed while Clerk is down" }
        harness.sandbox.clerkFaults.configure { $0.down = true }

        let stopped = try await harness.reindexer.run(targets)
        #expect(!stopped.ok)
        #expect(stopped.storefronts.allSatisfy { !$0.crawlCompleted && $0.products.removed == 0 })
        #expect(stopped.storefronts.allSatisfy { $0.failures.contains { $0.contains("Clerk is unavailable") } })
        #expect(try await harness.store.deadLetters(includeResolved: false).isEmpty)

        harness.sandbox.clerkFaults.clearFaults()
        let recovered = try await harness.reindexer.run(targets)
        #expect(recovered.ok)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aMalformedProductIsDeadLetteredAndTheRestGoesOn() async throws {
        let harness = try await Harness.start(products: 300)
        let targets = try await harness.targets()
        let broken = harness.sandbox.store.catalog.productID(atIndex: 5)
        harness.sandbox.bigCommerceFaults.configure { $0.malformedProductIDs = [broken] }
        let report = try await harness.reindexer.run(targets)
        #expect(report.storefronts.allSatisfy { $0.crawlCompleted })
        let letters = try await harness.store.deadLetters(includeResolved: false)
        let letter = try #require(letters.first { $0.kind == "product_decode" })
        #expect(letter.entityID == String(broken))
        #expect(String(decoding: letter.requestPayload ?? [], as: UTF8.self).contains("\"id\":\(broken)"))
        let expectedCount = ExpectedCatalog(store: harness.sandbox.store).products(for: targets[0].storefront).keys.filter { $0 != broken }.count
        #expect(harness.sandbox.clerkStorage.products(publicKey: targets[0].clerkKeys.publicKey).count == expectedCount)
        await harness.shutdown()
    }

    @Test func noSecretReachesTheLogsOrTheDeadLetters() async throws {
        let harness = try await Harness.start(products: 200)
        let targets = try await harness.targets()
        harness.sandbox.clerkFaults.configure { $0.serverErrorRate = 0.2; $0.rejectedProductIDs = [harness.sandbox.store.catalog.productID(atIndex: 3)] }
        harness.sandbox.bigCommerceFaults.configure { $0.serverErrorRate = 0.2 }
        // A fifth of BigCommerce's answers failing may exhaust the store-wide read's retries; the error counts too.
        let outcome: String
        do {
            outcome = "\(try await harness.reindexer.run(targets))"
        } catch {
            outcome = "\(error)"
        }
        let secrets = [harness.sandbox.accessToken] + targets.map(\.clerkKeys.privateKey)
        for secret in secrets { #expect(!outcome.contains(secret)) }
        let logged = harness.log.all.joined(separator: "\n")
        #expect(!logged.isEmpty)
        for secret in secrets { #expect(!logged.contains(secret)) }
        for letter in try await harness.store.deadLetters(includeResolved: true) {
            let text = String(decoding: (letter.requestPayload ?? []) + (letter.responseBody ?? []), as: UTF8.self) + letter.error
            for secret in secrets { #expect(!text.contains(secret)) }
        }
        await harness.shutdown()
    }
}
