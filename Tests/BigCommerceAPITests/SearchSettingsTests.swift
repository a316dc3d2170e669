import BigCommerceAPI
import Foundation
import Sandbox
import Testing

/// Product Filtering and storefront search settings, read from the sandbox through the real client.
@Suite struct SearchSettingsTests {
    @Test func enabledFiltersTheirNamesOrderAndCategoryOverrides() async throws {
        try await SandboxIntegrationTests.withSandbox { sandbox, client in
            let filters = try await client.searchFilters()
            #expect(filters.map(\.displayName) == [
                "Category", "Brand", "Price", "Rating", "Size", "Colour", "Size (EU)", "Shoe Width (EU)", "Material", "Other",
            ])
            let colour = try #require(filters.first { $0.displayName == "Colour" })
            #expect(colour.type == "product" && colour.sourceName == "Color" && colour.id == "Q29sb3I=")
            #expect(filters.first { $0.sourceName == "Shoe Width (EU)" }?.isEnabled == false)
            #expect(filters.last?.showInStockFilter == true)

            #expect(try await client.searchFilterContexts(channelID: 1).isEmpty)
            sandbox.store.searchSettings.setCategoryFilters(
                [.init(sourceName: "price", displayName: "Price", type: "price"), .init(sourceName: "Size", type: "product")],
                categoryID: 21)
            let contexts = try await client.searchFilterContexts(channelID: 1, categoryID: 21)
            #expect(contexts.map(\.context) == [SearchFilterContext.Context(channelID: 1, categoryID: 21)])
            #expect(contexts.first?.filters.map(\.displayName) == ["Price", "Size"])
            await #expect(throws: (any Error).self) { try await client.searchFilterContexts(channelID: 2) }

            let settings = try #require(try await client.storefrontSearchSettings())
            #expect(settings.defaultProductSort == "featured" && settings.productFilteringEnabled)
            sandbox.store.searchSettings.defaultSort = "newest"
            #expect(try await client.storefrontSearchSettings()?.defaultProductSort == "newest")
        }
    }
}
