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
            #"{"id":7,"name":"Trail \"Pro\" <shoe>","url":"https://shop.example.com/trail/","image":"https://cdn.example.com/7.jpg","price":89,"list_price":120,"on_sale":true,"brand":"Acme","rating":4.33,"review_count":12}"#,
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
        #expect(html.contains(#"data-clerkbridge-placement="home""#) && html.contains(#"data-clerkbridge-count="2""#))
        #expect(!html.contains("<script"))
    }

    /// The card of `id` in `html`: from its `<li` to the next.
    func card(_ html: String, _ id: Int) throws -> String {
        let marker = try #require(html.range(of: #"data-clerkbridge-product="\#(id)""#))
        let start = try #require(html.range(of: "<li", options: .backwards, range: html.startIndex..<marker.lowerBound))
        let end = html.range(of: "</li>", range: marker.upperBound..<html.endIndex)?.upperBound ?? html.endIndex
        return String(html[start.lowerBound..<end])
    }

    @Test func theDefaultLookIsAGridOfCardsWithWhatAShopShows() throws {
        let html = try PlacementRenderer().render(answer())
        #expect(html.contains(#"<div class="clerkbridge clerkbridge-placement clerkbridge-placement--home""#))
        #expect(html.contains(#"<ul class="clerkbridge-grid" role="list">"#))

        let onSale = try card(html, 7)
        #expect(onSale.hasPrefix(#"<li class="clerkbridge-card clerkbridge-card--on-sale">"#), "\(onSale)")
        // A square frame's intrinsic size (no layout shift), the name as alt text, loaded lazily.
        #expect(onSale.contains(
            #"<img class="clerkbridge-image" src="https://cdn.example.com/7.jpg" alt="Trail &quot;Pro&quot; &lt;shoe&gt;" width="500" height="500" loading="lazy" decoding="async">"#))
        #expect(onSale.contains(#"<span class="clerkbridge-badge clerkbridge-badge--sale">Sale</span>"#))
        #expect(onSale.contains(#"<span class="clerkbridge-brand">Acme</span>"#))
        // One link a card (the name), carrying the click data.
        #expect(onSale.components(separatedBy: "<a ").count == 2)
        #expect(onSale.contains(#"<a class="clerkbridge-link" href="https://shop.example.com/trail/" data-clerkbridge-product="7""#))
        // 4.33 shows as four and a half stars, with the review count and a spoken label.
        #expect(onSale.contains(#"aria-label="Rated 4.33 out of 5 by 12 reviewers""#))
        #expect(onSale.contains(#"data-clerkbridge-stars="4.5""#) && onSale.contains("(12)"))
        // The sale price, then the list price struck through; both named for screen readers.
        #expect(onSale.contains(
            #"<span class="clerkbridge-sale-price"><span class="clerkbridge-visually-hidden">Sale price </span>$89.00</span> <s class="clerkbridge-list-price"><span class="clerkbridge-visually-hidden">Regular price </span>$120.00</s>"#))

        let soldOut = try card(html, 9)
        #expect(soldOut.hasPrefix(#"<li class="clerkbridge-card clerkbridge-card--out-of-stock">"#))
        #expect(soldOut.contains(#"<span class="clerkbridge-badge clerkbridge-badge--out-of-stock">Out of stock</span>"#))
        #expect(soldOut.contains(#"<span class="clerkbridge-price">$5.00</span>"#))
        #expect(!soldOut.contains("<img") && !soldOut.contains("clerkbridge-rating") && !soldOut.contains("<s "))
        #expect(!soldOut.contains("clerkbridge-badge--sale"))
    }

    @Test func starsAreTheRatingRoundedToAHalf() {
        let cases: [(Decimal, String?)] = [
            (0, nil), (Decimal(string: "0.2")!, nil), (Decimal(string: "0.25")!, "0.5"), (1, "1"),
            (Decimal(string: "3.74")!, "3.5"), (Decimal(string: "3.75")!, "4"), (Decimal(string: "4.33")!, "4.5"),
            (5, "5"), (7, "5"),
        ]
        for (rating, stars) in cases {
            #expect(ProductCard.stars(rating) == stars, "\(rating)")
        }
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
