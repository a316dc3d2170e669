import Foundation
import Reliability
import Sandbox
import Testing

@testable import BigCommerceAPI

/// The GraphQL Admin calls: channel locales and product translations, against the simulator and on the wire.
@Suite("GraphQL Admin translations")
struct TranslationsTests {
    @Test func channelLocalesOfACatalystChannelAndOfAStencilOne() async throws {
        try await SandboxIntegrationTests.withSandbox { _, client in
            let catalyst = try await client.channelLocales(channelID: 2)
            #expect(catalyst == [
                ChannelLocale(code: "en", isDefault: true), ChannelLocale(code: "de", isDefault: false),
                ChannelLocale(code: "fr", isDefault: false),
            ])
            #expect(try await client.channelLocales(channelID: 1).isEmpty)
        }
    }

    @Test func translationsArePagedByCursorAndUntranslatedFieldsAreNil() async throws {
        try await SandboxIntegrationTests.withSandbox(SandboxConfiguration(productCount: 300)) { sandbox, client in
            let ids = Array(sandbox.store.allProducts().map(\.id).prefix(120))
            sandbox.bigCommerceFaults.resetCounters()
            let german = try await client.productTranslations(channelID: 2, locale: "de", productIDs: ids, pageSize: 20)
            // 120 ids go 50, 50, 20 to a request; with 20 a page that is 3 + 3 + 1 pages.
            #expect(sandbox.bigCommerceFaults.counters.requestsByRoute["POST /graphql"] == 7)
            let translations = sandbox.store.translations
            let expected = ids.compactMap { id -> ProductTranslation? in
                let name = translations.translation(channelID: 2, locale: "de", productID: id, field: .name)
                let description = translations.translation(channelID: 2, locale: "de", productID: id, field: .description)
                return name == nil && description == nil ? nil : ProductTranslation(productID: id, name: name, description: description)
            }
            #expect(german == expected)
            #expect(german.count > 50 && german.count < ids.count)
            #expect(german.contains { $0.name != nil && $0.description == nil })
        }
    }

    @Test func aTranslationEqualToTheOriginalOrEmptyIsNone() async throws {
        try await SandboxIntegrationTests.withSandbox { sandbox, client in
            let products = Array(sandbox.store.allProducts().prefix(2))
            sandbox.store.translations.set(products[0].name, channelID: 2, locale: "fr", productID: products[0].id, field: .name)
            sandbox.store.translations.set("", channelID: 2, locale: "fr", productID: products[1].id, field: .name)
            let french = try await client.productTranslations(channelID: 2, locale: "fr", productIDs: products.map(\.id))
            #expect(french.isEmpty)
        }
    }

    @Test func graphQLErrorsInA200FailTheCallPermanently() async throws {
        try await SandboxIntegrationTests.withSandbox { _, client in
            let error = await #expect(throws: BigCommerceError.self) {
                try await client.productTranslations(channelID: 1, locale: "de", productIDs: [100])
            }
            guard case .graphQL(let endpoint, let messages)? = error else {
                Issue.record("expected a GraphQL error, got \(String(describing: error))")
                return
            }
            #expect(endpoint == "POST /graphql")
            #expect(messages == ["Translations are available for Catalyst channels only."])
            #expect(error?.retryability == .permanent)
        }
    }

    @Test func theQueryInlinesEscapedLiteralsAndTheCursor() {
        let query = BigCommerceClient.translationsQuery(
            channelID: 2, locale: "de\"x", productIDs: [1, 2], first: 50, after: "eyJpZCI6MX0=")
        #expect(query.contains(#"localeId: "bc/store/locale/de\"x""#))
        #expect(query.contains(#"resourceIds: ["bc/store/product/1", "bc/store/product/2"]"#))
        #expect(query.contains(#"first: 50, after: "eyJpZCI6MX0=""#))
        #expect(query.contains("pageInfo { hasNextPage endCursor }"))
    }

    @Test func theEndpointIsTheGraphQLPathWithoutAVersion() {
        let credentials = BigCommerceCredentials(
            storeHash: "abc", accessToken: "t", apiURL: URL(string: "https://api.bigcommerce.com")!)
        let endpoint = Endpoint(.graphQLAdmin, "", method: "POST")
        #expect(endpoint.url(for: credentials) == "https://api.bigcommerce.com/stores/abc/graphql")
        #expect(endpoint.route == "POST /graphql")
        #expect(endpoint.description == "POST /graphql")
    }
}
