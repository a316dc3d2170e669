import CatalogMapping
import Foundation
import StorefrontRegistry
import Testing

@testable import Storefront

/// Placement HTML: click data on what Clerk chose only, values escaped, the merchant's template.
@Suite struct PlacementRendererTests {
    let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))

    func answer() -> Recommendations {
        let cards = [
            #"{"id":7,"name":"Trail \"Pro\" <shoe>","url":"https://shop.example.com/trail/","image":"https://cdn.example.com/7.jpg","price":89,"list_price":120,"on_sale":true,"brand":"Acme"}"#,
            #"{"id":9,"name":"Sock","url":"https://shop.example.com/sock/","price":5,"in_stock":false}"#,
        ].map { ProductCard(document: Array($0.utf8), currency: usd)! }
        return Recommendations(
            storefront: "main", placement: "home", labels: [#"Home "best""#], source: .clerk, currency: "USD",
            items: [
                .init(card: cards[0], position: 0, api: "recommendations/popular"),
                .init(card: cards[1], position: 1),
            ],
            api: "recommendations/popular")
    }

    @Test func clerksProductsCarryTheirClickDataAndFilledOnesDoNot() throws {
        let html = try PlacementRenderer().render(answer())
        #expect(html.contains(
            #"data-clerkbridge-product="7" data-clerkbridge-position="0" data-clerkbridge-api="recommendations/popular" data-clerkbridge-labels="[&quot;Home \&quot;best\&quot;&quot;]""#))
        #expect(html.contains(#"data-clerkbridge-product="9" data-clerkbridge-position="1">"#), "no api: not Clerk's")
        #expect(html.contains("Trail &quot;Pro&quot; &lt;shoe&gt;") && !html.contains("<shoe>"))
        #expect(html.contains("<s class=\"clerkbridge-list-price\">$120.00</s> $89.00"))
        #expect(html.contains("clerkbridge-item--out-of-stock") && html.contains(#"data-clerkbridge-placement="home""#))
        #expect(!html.contains("<script"))
    }

    @Test func theLabelsDecodeBackFromTheAttribute() throws {
        let html = try PlacementRenderer().render(answer())
        let pattern = try NSRegularExpression(pattern: #"data-clerkbridge-labels="([^"]*)""#)
        let match = try #require(pattern.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)))
        let attribute = String(html[try #require(Range(match.range(at: 1), in: html))])
        let unescaped = attribute.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        #expect(try JSONDecoder().decode([String].self, from: Data(unescaped.utf8)) == [#"Home "best""#])
    }

    @Test func merchantTemplatesReplaceTheDefaultPerPlacement() throws {
        let renderers = try PlacementRenderers(
            sharedTemplate: "{{#items}}<a {{{click_attributes}}}>{{name}}</a>{{/items}}",
            templates: ["home": "{{placement}}:{{count}}:{{#items}}{{id}}@{{position}}{{#api}}*{{/api}};{{/items}}"])
        #expect(renderers.renderer(for: "home").render(answer()) == "home:2:7@0*;9@1;")
        let other = renderers.renderer(for: "cart").render(answer())
        #expect(other.hasPrefix(#"<a data-clerkbridge-product="7""#) && other.contains("Sock</a>"))
        #expect {
            try PlacementRenderers(templates: ["cart": "{{#items}}"])
        } throws: { error in
            (error as? TemplateError)?.description.hasPrefix("placement cart: the placement template does not parse") == true
        }
    }
}
