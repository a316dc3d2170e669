import CatalogMapping
import Foundation
import Testing

/// mapping.md §6: attribute names, plain text, omitted values, value types.
@Suite struct NamesAndValuesTests {
    typealias F = Fixtures

    @Test func attributeNamesFromTheContract() {
        #expect(AttributeName.normalize("Size") == "size")
        #expect(AttributeName.normalize("Shoe Width (EU)") == "shoe_width_eu")
        #expect(AttributeName.normalize("Côté") == "cote")
    }

    @Test func attributeNamesCollapseRunsAndSkipEmpty() {
        #expect(AttributeName.normalize("  --Max.  Load__kg--") == "max_load_kg")
        #expect(AttributeName.normalize("ﬁber Größe") == "fiber_gro_e")
        #expect(AttributeName.normalize("!!!") == nil)
        #expect(AttributeName.normalize("") == nil)
        #expect(AttributeName.normalize("Цвет") == nil)
    }

    @Test func plainTextFromTheContract() {
        #expect(PlainText.fromHTML("<p>Soft&nbsp;cotton</p><p>Blue</p>") == "Soft cotton Blue")
    }

    @Test func bareLessThanStaysText() {
        #expect(PlainText.fromHTML("a < b and 1<2, <3") == "a < b and 1<2, <3")
        #expect(PlainText.fromHTML("Blue<br>Red") == "Blue Red")
    }

    @Test func commentsAndDeclarationsAreTags() {
        #expect(PlainText.fromHTML("<!DOCTYPE html><!-- a > b -->Hi<?php x ?>there") == "Hi there")
    }

    @Test func entitiesAreDecodedAfterTags() {
        let html = "&lt;b&gt; &amp; &quot;x&quot; &apos;&copy;&reg;&trade;&hellip;&mdash;&ndash;&lsquo;&rsquo;&ldquo;&rdquo;&euro;&pound;"
        #expect(PlainText.fromHTML(html) == "<b> & \"x\" '©®™…—–‘’“”€£")
        #expect(PlainText.fromHTML("&#123;&#x263A;&#X263a;&unknown; &amp") == "{☺☺&unknown; &amp")
        #expect(PlainText.fromHTML("&#x1F;") == "\u{1F}")
    }

    @Test func unicodeWhitespaceRunsCollapseAndTrim() {
        #expect(PlainText.fromHTML("\n\t a\u{00A0}\u{2003} \r\nb&nbsp;&#160;c \u{3000}") == "a b c")
        #expect(PlainText.fromHTML("   ") == "")
    }

    @Test func emptyValuesAreOmitted() throws {
        var product = F.product()
        product.description = ""
        product.condition = ""
        product.categories = []
        let attributes = try F.attributes(product)
        #expect(attributes["description"] == nil)
        #expect(attributes["condition"] == nil)
        #expect(attributes["categories"] == nil)
        #expect(attributes["category_names"] == nil)
        let document = ClerkDocument(id: 1, attributes: ["a": .string(""), "b": .list([]), "c": .list([.string("")])])
        #expect(document.attributes == ["id": .int(1), "c": .list([.string("")])])
    }

    @Test func integersAndBooleansKeepTheirTypes() throws {
        guard case .listed(let document) = ProductMapper.map(F.product(), in: F.context()) else {
            Issue.record("not listed")
            return
        }
        let json = String(decoding: document.canonicalJSON, as: UTF8.self)
        #expect(json.contains("\"review_count\":3,"))
        #expect(json.contains("\"is_featured\":true,"))
        #expect(json.contains("\"price\":18,"))
        #expect(json.contains("\"rating\":4.67,"))
        #expect(json.contains("\"categories\":[10,11],"))
    }
}
