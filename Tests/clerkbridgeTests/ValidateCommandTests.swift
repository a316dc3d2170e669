import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import MarketValidation
import Reliability
import Sandbox
import Server
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `clerkbridge validate` against the sandbox after a reindex: every market correct, then one fault at a time
/// that a shopper would see, each named with its storefront and product.
@Suite("validate", .serialized)
struct ValidateCommandTests {
    /// Generous budgets: a loaded test machine must not turn the sandbox's answers into fallbacks.
    static let budgets = ClerkBudgets(placements: .seconds(10), search: .seconds(10), emailBlocks: .seconds(10))

    struct Setup {
        let sandbox: SandboxServer
        let runtime: Runtime
        let targets: [ResolvedStorefront]
        let directory: URL

        static func start(stores: [SandboxClerkStore] = SandboxClerkStore.defaults) async throws -> Setup {
            var quiet = Logger(label: "sandbox")
            quiet.logLevel = .critical
            let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 150, clerkStores: stores), logger: quiet)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let runtime = try await Runtime(settings: .sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("db.sqlite").path)"))
            let setup = Setup(sandbox: sandbox, runtime: runtime, targets: [], directory: directory)
            do {
                let targets = try await runtime.targets(only: nil)
                let report = try await Reindexer(reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, logger: runtime.logger)
                    .run(targets)
                try #require(report.ok, "\(report.storefronts.flatMap(\.failures))")
                return Setup(sandbox: sandbox, runtime: runtime, targets: targets, directory: directory)
            } catch {
                // A runtime dropped without its shutdown stops the whole test process.
                await setup.stop()
                throw error
            }
        }

        func validate(_ storefront: String? = nil) async throws -> MarketReport {
            try await ValidateCommand.validate(runtime: runtime, storefront: storefront, budgets: ValidateCommandTests.budgets)
        }

        /// Rewrites every mirrored product of `storefront` with `change` (a new content hash, so cards are rebuilt).
        func tamperMirror(_ storefront: String, _ change: (inout ClerkDocument) -> Void) async throws {
            let ids = try await runtime.store.heldIDs(storefront: storefront, entity: .product)
            let documents = try await runtime.store.mirrored(storefront: storefront, entity: .product, ids: ids)
            let changed = try documents.values.map { stored -> StoredDocument in
                var document = try ClerkDocument(json: stored.json)
                change(&document)
                let encoded = document.encoded()
                return StoredDocument(id: stored.id, contentHash: encoded.contentHash, json: encoded.json)
            }
            try await runtime.store.upsertMirror(storefront: storefront, entity: .product, documents: changed)
        }

        func stop() async {
            await runtime.shutdown()
            await sandbox.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func everyMarketOfACorrectSetupPasses() async throws {
        let setup = try await Setup.start()
        let report = try await setup.validate()
        #expect(report.ok, "\(report.problems)")
        #expect(report.storefronts.map(\.name) == setup.targets.map(\.name))
        for market in report.storefronts {
            let names = market.checks.map(\.check.name)
            #expect(names.contains("placement.home") && names.contains("search") && names.contains("search_filter"))
            #expect(names.contains("email_block") && names.contains("products_listed") && names.contains("prices"))
            #expect(market.currency == setup.targets.first { $0.name == market.name }?.currency.code)
        }
        let json = try JSONOutput.line(report)
        #expect(json.hasPrefix(#"{"ok":true,"storefronts":[{"checks":[{"check":"placement.home","#), "\(json.prefix(120))")
        await setup.stop()
    }

    @Test func aClerkStoreHoldingAProductOfAnotherChannelIsNamed() async throws {
        let setup = try await Setup.start()
        let main = try #require(setup.targets.first { $0.channelID == 1 })
        // A product channel 1 does not sell, pushed into its Clerk store behind clerkbridge's back, in every
        // category and selling best, so Clerk answers it first.
        let stray = try #require(setup.sandbox.store.allProducts().first { !$0.channels.contains(1) && $0.isVisible })
        let categories = Set(setup.sandbox.store.allProducts().filter { $0.channels.contains(1) }.flatMap(\.categories)).sorted()
        let document = ClerkDocument(id: stray.id, attributes: [
            "name": .string(stray.name), "url": .string("https://elsewhere.example/p/\(stray.id)"), "price": .number(1),
            "categories": .list(categories.map(ClerkValue.int)), "total_sold": .int(1_000_000_000), "in_stock": .bool(true),
            "created_at": .int(1), "index": .bool(true),
        ])
        try await setup.runtime.clerk.upsertProducts([RawDocument(id: stray.id, json: document.encoded().json)], keys: main.clerkKeys)

        let report = try await setup.validate(main.name)
        #expect(!report.ok)
        let listed = try #require(report.storefronts.first?.checks.first { $0.check == .productsListed })
        #expect(!listed.ok && listed.detail.contains("product \(stray.id)") && listed.detail.contains("not listed on channel 1"), "\(listed.detail)")
        #expect(report.problems.contains { $0.hasPrefix("\(main.name): products_listed:") })
        await setup.stop()
    }

    @Test func aPriceInAnotherCurrencyIsNamed() async throws {
        let setup = try await Setup.start()
        let main = try #require(setup.targets.first { $0.channelID == 1 })
        // Every price shown as if the storefront sold in another currency: the value converted, the code kept.
        try await setup.tamperMirror(main.name) { document in
            if case .number(let price)? = document.attributes["price"] {
                document.attributes["price"] = .number(Money.round(price * Decimal(string: "0.92")!, places: 2))
            }
        }
        let report = try await setup.validate(main.name)
        let prices = try #require(report.storefronts.first?.checks.first { $0.check == .prices })
        #expect(!prices.ok && prices.detail.contains("shown") && prices.detail.contains("USD in BigCommerce"), "\(prices.detail)")
        #expect(prices.detail.range(of: #"product \d+"#, options: .regularExpression) != nil)
        await setup.stop()
    }

    @Test func aLinkToAnotherStorefrontsDomainIsNamed() async throws {
        let setup = try await Setup.start()
        let main = try #require(setup.targets.first { $0.channelID == 1 })
        try await setup.tamperMirror(main.name) { document in
            if case .string(let url)? = document.attributes["url"], let path = URL(string: url)?.path {
                document.attributes["url"] = .string("https://outlet.example.com" + path)
            }
        }
        let report = try await setup.validate(main.name)
        let urls = try #require(report.storefronts.first?.checks.first { $0.check == .urls })
        #expect(!urls.ok && urls.detail.contains("https://outlet.example.com"), "\(urls.detail)")
        #expect(report.storefronts.first?.checks.first { $0.check == .prices }?.ok == true, "only the links are wrong")
        await setup.stop()
    }

    @Test func aGermanStorefrontPassesWithItsTranslatedNamesAndAnEnglishNameOnItIsNamed() async throws {
        let setup = try await Setup.start(stores: [SandboxClerkStore.german])
        let german = try #require(setup.targets.first)
        let passing = try await setup.validate(german.name)
        #expect(passing.ok, "\(passing.problems)")
        #expect(passing.storefronts.first?.checks.first { $0.check == .names }?.detail == "every name in de where BigCommerce translates it, else the catalog's")
        // Every name as the catalog has it, in English: wrong wherever BigCommerce holds a German one.
        let store = setup.sandbox.store
        try await setup.tamperMirror(german.name) { document in
            if let product = store.product(id: document.id) { document.attributes["name"] = .string(product.name) }
        }
        let report = try await setup.validate(german.name)
        let names = try #require(report.storefronts.first?.checks.first { $0.check == .names })
        #expect(!names.ok, "\(names.detail)")
        let named = try #require(names.detail.firstMatch(of: /product (\d+): "([^"]*)", not "([^"]*)"/))
        let id = try #require(Int(named.1))
        #expect(String(named.2) == store.product(id: id)?.name)
        #expect(String(named.3) == store.translations.translation(channelID: 2, locale: "de", productID: id, field: .name))
        #expect(report.problems.contains { $0.hasPrefix("\(german.name): names:") }, "\(report.problems)")
        #expect(report.storefronts.first?.checks.first { $0.check == .prices }?.ok == true, "only the names are wrong")
        await setup.stop()
    }

    @Test func theWorkerValidatesOnItsScheduleAndStatusAndMetricsShowTheResult() async throws {
        let setup = try await Setup.start()
        let main = try #require(setup.targets.first { $0.channelID == 1 })
        try await setup.tamperMirror(main.name) { document in
            if case .string(let url)? = document.attributes["url"], let path = URL(string: url)?.path {
                document.attributes["url"] = .string("https://outlet.example.com" + path)
            }
        }
        let configuration = WorkerConfiguration(reconcileInterval: nil, reindexInterval: nil, validateInterval: .seconds(3_600))
        let worker = BackgroundWork.worker(
            runtime: setup.runtime, targets: setup.targets, signal: WorkSignal(), configuration: configuration,
            budgets: ValidateCommandTests.budgets)
        #expect(try await MarketSummary.last(in: setup.runtime.store) == nil)
        let now = Date()
        try await worker.scheduleDueWork(now: now)
        try await worker.scheduleDueWork(now: now.addingTimeInterval(60))
        #expect(try await setup.runtime.store.jobCounts()[.available] == 1, "queued once within the interval")
        #expect(try await worker.runOnce(now: now.addingTimeInterval(60)) == 1)

        let summary = try #require(try await MarketSummary.last(in: setup.runtime.store))
        #expect(!summary.ok)
        #expect(summary.storefronts.first { $0.name == main.name }?.problems.contains { $0.hasPrefix("urls: ") } == true)
        #expect(summary.storefronts.filter { $0.name != main.name }.allSatisfy { $0.problems.isEmpty })

        let status = try await StatusReport.read(from: setup.runtime.store, now: Date())
        #expect(status.text.contains("markets: validated ") && status.text.contains("\(main.name): "), "\(status.text)")
        let metrics = String(decoding: await ServiceMetrics().render(store: setup.runtime.store), as: UTF8.self)
        let problems = try #require(summary.storefronts.first { $0.name == main.name }?.problems.count)
        #expect(problems >= 1)
        #expect(metrics.contains("clerkbridge_market_problems{storefront=\"\(main.name)\"} \(problems)"), "\(metrics)")
        #expect(metrics.contains("clerkbridge_markets_validated_timestamp_seconds "))
        await setup.stop()
    }
}
