import CatalogMapping
import Testing

/// mapping.md §7 sort orders and contract.md's default sort rule.
@Suite struct SearchSortTests {
    @Test func everySortMapsAsTheMappingSays() throws {
        let expected: [String: (String, String)?] = [
            "relevance": nil,
            "featured": ("featured_rank", "asc"),
            "newest": ("created_at", "desc"),
            "bestselling": ("total_sold", "desc"),
            "alphaasc": ("name", "asc"),
            "alphadesc": ("name", "desc"),
            "avgcustomerreview": ("rating", "desc"),
            "priceasc": ("price", "asc"),
            "pricedesc": ("price", "desc"),
        ]
        #expect(Set(SearchSort.allCases.map(\.rawValue)) == Set(expected.keys))
        for (name, order) in expected {
            let sort = try SearchSort(name: name)
            #expect(sort.rawValue == name)
            #expect(sort.clerkOrder?.orderby == order?.0, "\(name)")
            #expect(sort.clerkOrder?.order == order?.1, "\(name)")
        }
    }

    @Test func unknownNamesAreErrorsNamingTheValue() {
        for name in ["price_asc", "Featured", "", "newest ", "rating"] {
            #expect(throws: SearchSortError(value: name)) { try SearchSort(name: name) }
        }
        let message = SearchSortError(value: "cheapest").description
        #expect(message.hasPrefix(#"sort "cheapest" is not one of relevance, featured, newest"#))
    }

    @Test func withoutSortAQueryMeansRelevanceElseTheStoreDefault() throws {
        #expect(try SearchSort.resolve(sort: nil, query: "shoes", storeDefault: .newest) == .relevance)
        #expect(try SearchSort.resolve(sort: "", query: "shoes", storeDefault: .newest) == .relevance)
        #expect(try SearchSort.resolve(sort: nil, query: nil, storeDefault: .newest) == .newest)
        #expect(try SearchSort.resolve(sort: nil, query: "", storeDefault: .bestselling) == .bestselling)
        #expect(try SearchSort.resolve(sort: nil, query: " \t", storeDefault: .featured) == .featured)
        #expect(try SearchSort.resolve(sort: "pricedesc", query: "shoes", storeDefault: .newest) == .pricedesc)
        #expect(try SearchSort.resolve(sort: "alphaasc", query: nil, storeDefault: .newest) == .alphaasc)
        #expect(throws: SearchSortError(value: "cheap")) {
            try SearchSort.resolve(sort: "cheap", query: nil, storeDefault: .newest)
        }
    }
}
