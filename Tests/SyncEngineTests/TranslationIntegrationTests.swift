import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

/// Storefronts in a non-default locale of their channel: names and descriptions from BigCommerce's translations,
/// over the real HTTP stack against the sandbox's GraphQL Admin API.
@Suite("translated storefronts against the sandbox", .serialized)
struct TranslationIntegrationTests {
    static let french = SandboxClerkStore(
        name: "outlet-fr", publicKey: "sandbox-outlet-fr-public", privateKey: "sandbox-outlet-fr-private", channelID: 2,
        currency: "EUR", locale: "fr")

    static func start(products: Int = 400) async throws -> (Harness, [ResolvedStorefront]) {
        let harness = try await Harness.start(
            products: products, stores: SandboxClerkStore.defaults + [SandboxClerkStore.german, french])
        return (harness, try await harness.targets())
    }

    func document(_ harness: Harness, _ target: ResolvedStorefront, _ id: Int) throws -> ClerkDocument? {
        try harness.sandbox.clerkStorage.products(publicKey: target.clerkKeys.publicKey)[id].map { try ClerkDocument(json: $0) }
    }

    @Test func eachLocaleGetsItsTranslationsReadAcrossSeveralPagesAndTheRestFallsBack() async throws {
        let (harness, targets) = try await Self.start()
        let byName = Dictionary(uniqueKeysWithValues: targets.map { ($0.name, $0) })
        #expect(byName["outlet-de"]?.language == .translated(TranslationLocale(channelID: 2, code: "de")))
        #expect(byName["outlet-fr"]?.language == .translated(TranslationLocale(channelID: 2, code: "fr")))
        #expect(byName["outlet-eur"]?.language == .catalogText)
        #expect(byName["main-usd"]?.language == .catalogText)

        // 20 a page: every 50 product ids take three pages of translations, so cursors are followed throughout.
        let reader = CatalogReader(client: harness.bigCommerce, retry: harness.retry, translationPageSize: 20, logger: harness.logger)
        harness.sandbox.bigCommerceFaults.resetCounters()
        let report = try await Reindexer(reader: reader, writer: harness.writer, store: harness.store, logger: harness.logger).run(targets)
        #expect(report.ok)
        let graphQL = harness.sandbox.bigCommerceFaults.counters.requestsByRoute["POST /graphql"] ?? 0
        // 400 products in two pages of 250: ⌈250/50⌉ + ⌈150/50⌉ = 8 chunks per locale, three pages each.
        #expect(graphQL == 2 * 8 * 3)
        #expect(harness.differences(targets) == [])

        let translations = harness.sandbox.store.translations
        let listed = harness.sandbox.store.allProducts().filter { $0.channels.contains(2) }
        let germanNames = listed.filter { translations.translation(channelID: 2, locale: "de", productID: $0.id, field: .name) != nil }
        #expect(germanNames.count > 50)
        let de = try #require(byName["outlet-de"]), eur = try #require(byName["outlet-eur"]), fr = try #require(byName["outlet-fr"])
        for product in germanNames.prefix(5) {
            let german = translations.translation(channelID: 2, locale: "de", productID: product.id, field: .name)
            #expect(try document(harness, de, product.id)?.attributes["name"] == german.map(ClerkValue.string))
            #expect(try document(harness, eur, product.id)?.attributes["name"] == .string(product.name))
        }
        let untranslated = try #require(listed.first {
            translations.translation(channelID: 2, locale: "de", productID: $0.id, field: .name) == nil
        })
        #expect(try document(harness, de, untranslated.id)?.attributes["name"] == .string(untranslated.name))
        let describedInGerman = try #require(listed.first {
            translations.translation(channelID: 2, locale: "de", productID: $0.id, field: .description) != nil
        })
        guard case .string(let description)? = try document(harness, de, describedInGerman.id)?.attributes["description"] else {
            Issue.record("no description")
            return
        }
        #expect(description.hasPrefix("Deutsche Beschreibung"))
        let frenchOnly = try #require(listed.first {
            translations.translation(channelID: 2, locale: "fr", productID: $0.id, field: .name) != nil
        })
        #expect(try document(harness, fr, frenchOnly.id)?.attributes["name"]
            == translations.translation(channelID: 2, locale: "fr", productID: frenchOnly.id, field: .name).map(ClerkValue.string))
        await harness.shutdown()
    }

    @Test func aLocaleEditWebhookUpdatesOnlyThatLocalesStorefront() async throws {
        let (harness, targets) = try await Self.start(products: 200)
        _ = try await harness.reindexer.run(targets)
        let worker = harness.worker(targets)
        let store = harness.sandbox.store
        let product = try #require(store.allProducts().first { $0.channels.contains(2) && $0.isVisible })
        // An edit no webhook reported: only a storefront the delta re-reads shows it.
        store.updateProduct(id: product.id) { $0.sku = "EDITED-\($0.id)" }
        store.translations.set("Neuer Name", channelID: 2, locale: "de", productID: product.id, field: .name)
        try await harness.deliver(
            "store/product/updated",
            #"{"type":"product","id":\#(product.id),"properties":["name"],"context":{"channel_id":2,"locale":"de"}}"#)
        let queued = try await harness.store.jobs(state: .available, limit: 5).map(\.key)
        #expect(queued == [JobKey(kind: .productSync, entity: "\(product.id)@2/de")])
        try await harness.drain(worker)

        let byName = Dictionary(uniqueKeysWithValues: targets.map { ($0.name, $0) })
        let de = try #require(byName["outlet-de"])
        let german = try #require(try document(harness, de, product.id))
        #expect(german.attributes["name"] == .string("Neuer Name"))
        let expected = ExpectedCatalog(store: store)
        for name in ["outlet-eur", "outlet-fr"] {
            let target = try #require(byName[name])
            let held = try #require(try document(harness, target, product.id))
            let now = try #require(expected.products(for: target.storefront)[product.id])
            #expect(held.attributes["sku"] != now.attributes["sku"], "\(name) was re-synced by a German edit")
        }
        #expect(german.attributes["sku"] == .string("EDITED-\(product.id)"))
        #expect(german == expected.products(for: de.storefront)[product.id])
        await harness.shutdown()
    }

    @Test func aLocaleTheChannelDoesNotHaveStopsDiscoveryNamingStorefrontLocaleAndLocales() async throws {
        let italian = SandboxClerkStore(
            name: "outlet-it", publicKey: "it-public", privateKey: "it-private", channelID: 2, currency: "EUR", locale: "it")
        let harness = try await Harness.start(products: 5, stores: [italian])
        let error = await #expect(throws: StorefrontDiscoveryError.self) { try await harness.targets() }
        #expect(error?.description
            == "storefronts: `outlet-it` has locale it, which is not a locale of channel 2 (locales: en (default), de, fr); nothing was changed")
        #expect(error?.retryability == .permanent)
        await harness.shutdown()

        let stencil = SandboxClerkStore(
            name: "main-de", publicKey: "de-public", privateKey: "de-private", channelID: 1, currency: "USD", locale: "de")
        let other = try await Harness.start(products: 5, stores: [stencil])
        let stencilError = await #expect(throws: StorefrontDiscoveryError.self) { try await other.targets() }
        #expect(stencilError?.description.contains("`main-de` has locale de, which is not a locale of channel 1") == true)
        #expect(stencilError?.description.contains("en (the store's language") == true)
        await other.shutdown()
    }

    @Test func theDefaultLocaleMatchesWhateverItsCaseAndReadsNoTranslations() async throws {
        let english = SandboxClerkStore(
            name: "outlet-en", publicKey: "en-public", privateKey: "en-private", channelID: 2, currency: "EUR", locale: "EN")
        let harness = try await Harness.start(products: 60, stores: [english])
        let targets = try await harness.targets()
        #expect(targets.map(\.language) == [.catalogText])
        harness.sandbox.bigCommerceFaults.resetCounters()
        _ = try await harness.reindexer.run(targets)
        #expect(harness.sandbox.bigCommerceFaults.counters.requestsByRoute["POST /graphql"] == nil)
        await harness.shutdown()
    }
}
