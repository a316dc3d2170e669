import CatalogMapping
import Foundation
import Testing

@testable import Storefront

/// Search results as HTML: the placements' product grid under the number of matches, positions across pages,
/// no click data for Clerk (search clicks are not reported), the merchant's template.
@Suite struct SearchResultsRendererTests {
    let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))

    func results(query: String?, total: Int, page: Int = 2) -> SearchResults {
        let cards = [
            #"{"id":7,"name":"Lamp <b>","url":"https://shop.example.com/lamp/","image":"https://cdn.example.com/7.jpg","price":89,"list_price":120,"on_sale":true,"rating":3.9,"review_count":4}"#,
            #"{"id":9,"name":"Shade","url":"https://shop.example.com/shade/","price":5,"in_stock":false}"#,
        ].map { ProductCard(document: Array($0.utf8), currency: usd)! }
        return SearchResults(
            query: query, total: total, page: page, limit: 24, sort: "relevance", currency: "USD", items: cards, facets: [])
    }

    @Test func theResultsAreTheProductGridUnderHowManyMatched() throws {
        let html = try SearchResultsRenderer().render(results(query: "red \"lamp\"", total: 31))
        #expect(html.hasPrefix(#"<div class="clerkbridge clerkbridge-search" data-clerkbridge-search-results="31">"#))
        #expect(html.contains(#"<p class="clerkbridge-summary">31 results for “red &quot;lamp&quot;”</p>"#))
        #expect(html.contains(#"<ul class="clerkbridge-grid" role="list">"#))
        #expect(html.contains(#"<li class="clerkbridge-card clerkbridge-card--on-sale">"#))
        #expect(html.contains(#"<li class="clerkbridge-card clerkbridge-card--out-of-stock">"#))
        #expect(html.contains(#"data-clerkbridge-stars="4""#) && html.contains("Lamp &lt;b&gt;"))
        // Page 2 of 24 a page: positions count from the first result.
        #expect(html.contains(#"href="https://shop.example.com/lamp/" data-clerkbridge-product="7" data-clerkbridge-position="24">"#))
        #expect(html.contains(#"data-clerkbridge-product="9" data-clerkbridge-position="25">"#))
        #expect(!html.contains("data-clerkbridge-api"), "only what Clerk's recommendations chose reports clicks")

        let one = try SearchResultsRenderer().render(results(query: nil, total: 1, page: 1))
        #expect(one.contains(#"<p class="clerkbridge-summary">1 result</p>"#))
    }

    @Test func aMerchantTemplateReplacesTheDefaultAndABrokenOneIsNamed() throws {
        let renderer = try SearchResultsRenderer(templateText: "{{query}}:{{total}}:{{#items}}{{id}}@{{position}};{{/items}}")
        #expect(renderer.render(results(query: "lamp", total: 2, page: 1)) == "lamp:2:7@0;9@1;")
        #expect {
            try SearchResultsRenderer(templateText: "{{#items}}")
        } throws: { error in
            (error as? TemplateError)?.description.hasPrefix("the search template does not parse") == true
        }
    }
}
