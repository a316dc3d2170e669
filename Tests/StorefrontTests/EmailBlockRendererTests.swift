import CatalogMapping
import Foundation
import StorefrontRegistry
import Testing

@testable import Storefront

/// Email blocks: tables and inline styles, absolute URLs only, UTM-tagged links, escaped values.
@Suite struct EmailBlockRendererTests {
    let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))

    func card(_ id: Int, _ fields: String) -> ProductCard {
        ProductCard(document: Array(#"{"id":\#(id),\#(fields)}"#.utf8), currency: usd)!
    }

    /// Every `href` and `src` value of `html`.
    func links(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    @Test func onlyAbsoluteTaggedLinksAndEscapedNames() throws {
        let cards = [
            card(1, #""name":"Trail <b>shoe</b> & co","url":"https://shop.example.com/trail/?color=red&utm_source=x","image":"https://cdn.example.com/1.jpg","price":89,"list_price":120,"on_sale":true,"brand":"Acme""#),
            card(2, #""name":"Relative","url":"/sock/","image":"/img/2.jpg","price":5"#),
            card(3, #""name":"Script","url":"javascript:alert(1)","price":1"#),
            card(4, #""name":"No image","url":"https://shop.example.com/hat/","price":12.5"#),
        ]
        let html = try EmailBlockRenderer().render(
            cards, campaign: .init(campaign: "abandoned_cart"), baseURL: "https://shop.example.com")
        let found = links(html)
        #expect(found.count == 7, "2 links for each of the 2 products with an image, 1 for the other, 2 images: \(found)")
        for link in found {
            let url = try #require(URL(string: link.replacingOccurrences(of: "&amp;", with: "&")))
            #expect(url.scheme == "https" && url.host != nil, "\(link)")
        }
        #expect(found.contains { $0.hasPrefix("https://shop.example.com/sock/?utm_source=clerk&amp;utm_medium=email&amp;utm_campaign=abandoned_cart") })
        #expect(found.contains("https://shop.example.com/img/2.jpg"))
        #expect(found.contains { $0.contains("color=red") && $0.contains("utm_source=clerk") && !$0.contains("utm_source=x") })
        #expect(!html.contains("javascript:") && !html.contains("<b>") && html.contains("Trail &lt;b&gt;shoe&lt;/b&gt; &amp; co"))
        #expect(html.contains("$89.00") && html.contains("<s style=") && html.contains("$120.00"))
        #expect(!html.contains("class=") && !html.contains("<script") && !html.contains("<style"))
        #expect(html.contains(#"<td width="50%""#), "two columns unless asked otherwise")
    }

    /// The cells of each row of `html` (`<td`s between `<tr>` and `</tr>`), as (width attribute, has a link).
    func rows(_ html: String) -> [[(width: String, product: Bool)]] {
        html.components(separatedBy: "<tr>").dropFirst().map { row in
            let row = row.components(separatedBy: "</tr>")[0]
            return row.components(separatedBy: "<td").dropFirst().map { cell in
                let width = cell.components(separatedBy: #"width=""#).dropFirst().first?.components(separatedBy: "\"").first ?? ""
                return (width, cell.contains("<a href="))
            }
        }
    }

    @Test func rowsHoldAtMostTheColumnsAskedForWithImagesAtAFixedWidth() throws {
        let cards = (1...12).map { card($0, #""name":"P\#($0)","url":"https://s.example.com/\#($0)","image":"https://cdn.example.com/\#($0).jpg","price":\#($0)"#) }
        let renderer = try EmailBlockRenderer()
        for (columns, width, image) in [(1, "100%", 260), (2, "50%", 260), (3, "33%", 176), (4, "25%", 126)] {
            let html = renderer.render(cards, campaign: .init(campaign: "x"), baseURL: "https://s.example.com", columns: columns)
            let found = rows(html)
            #expect(found.count == 2 * 12 / columns, "\(columns) columns: a row of images and one of names each")
            #expect(found.allSatisfy { $0.count == columns && $0.allSatisfy { $0.width == width && $0.product } })
            let images = html.components(separatedBy: "<img ").dropFirst()
            #expect(images.count == 12 && images.allSatisfy { $0.contains(#"width="\#(image)""#) && $0.contains("width:\(image)px") })
        }
        // A short last row keeps the others' widths with empty cells.
        let five = renderer.render(Array(cards.prefix(5)), campaign: .init(campaign: "x"), baseURL: "https://s.example.com", columns: 2)
        let found = rows(five)
        #expect(found.map(\.count) == [2, 2, 2, 2, 2, 2] && found.suffix(2).allSatisfy { $0.map(\.product) == [true, false] })
        #expect(found[5][1].width == "50%")
        // Email-safe: presentation tables, no classes, no CSS layout an email client drops.
        #expect(five.hasPrefix(#"<table role="presentation""#))
        for unsafe in ["class=", "display:flex", "display:grid", "<style", "<div"] {
            #expect(!five.contains(unsafe), "\(unsafe)")
        }
        // Out of range is clamped (the route refuses it first).
        #expect(rows(renderer.render(cards, campaign: .init(campaign: "x"), baseURL: "https://s.example.com", columns: 9)).first?.count == 4)
    }

    @Test func aMerchantTemplateReplacesTheDefaultAndABrokenOneIsNamed() throws {
        let renderer = try EmailBlockRenderer(templateText: "{{#items}}[{{position}}:{{name}}={{price}}]{{/items}}")
        let html = renderer.render(
            [card(1, #""name":"A","url":"https://s.example.com/a","price":1"#), card(2, #""name":"B","url":"https://s.example.com/b","price":2"#)],
            campaign: .init(campaign: "x"), baseURL: "https://s.example.com")
        #expect(html == "[0:A=$1.00][1:B=$2.00]")
        #expect(throws: EmailBlockRenderer.TemplateError.self) { try EmailBlockRenderer(templateText: "{{#items}}unclosed") }
    }
}
