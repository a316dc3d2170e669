import CatalogMapping
import Foundation
import Testing

/// clerk-api.md §6.3: the typed filter expression and its rendering.
@Suite struct ClerkFilterTests {
    typealias F = Fixtures

    static func attribute(_ name: String) -> ClerkFilterAttribute {
        ClerkFilterAttribute(name)!
    }

    let brand = attribute("brand")
    let price = attribute("price")
    let categories = attribute("categories")

    @Test func attributeNamesAreLimitedToTheAlphabet() {
        #expect(ClerkFilterAttribute("option_size")?.name == "option_size")
        #expect(ClerkFilterAttribute("Price2")?.name == "Price2")
        #expect(ClerkFilterAttribute("") == nil)
        #expect(ClerkFilterAttribute("brand name") == nil)
        #expect(ClerkFilterAttribute("brand=\"x\"") == nil)
        #expect(ClerkFilterAttribute("côté") == nil)
        #expect(ClerkFilterAttribute("and") == nil)
        #expect(ClerkFilterAttribute("NOT") == nil)
        #expect(ClerkFilterAttribute("contains") == nil)
    }

    @Test func shopperNamedAttributesAreNormalisedAsTheMappingNamesThem() {
        #expect(ClerkFilterAttribute.option("Shoe Width (EU)")?.name == "option_shoe_width_eu")
        #expect(ClerkFilterAttribute.option("Côté")?.name == "option_cote")
        #expect(ClerkFilterAttribute.customField("Max. Load\" or 1=1")?.name == "cf_max_load_or_1_1")
        #expect(ClerkFilterAttribute.option("Цвет") == nil)
        #expect(ClerkFilterAttribute.customField("") == nil)
    }

    @Test func clausesRenderWithEveryOperator() {
        #expect(ClerkFilter.equals(brand, .string("Acme")).rendered == #"brand = "Acme""#)
        let operators = ClerkFilterOperator.allCases.map { ClerkFilter.compare(price, $0, .number(F.d("19.99"))).rendered }
        #expect(operators == ["price = 19.99", "price != 19.99", "price > 19.99", "price < 19.99", "price >= 19.99", "price <= 19.99"])
        #expect(ClerkFilter.isIn(categories, [.integer(12), .integer(34)]).rendered == "categories in [12, 34]")
        #expect(ClerkFilter.isNotIn(brand, [.string("A"), .string("B")]).rendered == #"brand not in ["A", "B"]"#)
        #expect(ClerkFilter.contains(Self.attribute("option_size"), .string("L")).rendered == #"option_size contains "L""#)
        #expect(ClerkFilter.equals(Self.attribute("in_stock"), .bool(true)).rendered == "in_stock = true")
        #expect(ClerkFilter.equals(Self.attribute("on_sale"), .bool(false)).rendered == "on_sale = false")
    }

    @Test func numbersAreWrittenFromDecimalDigits() {
        func rendered(_ number: Decimal) -> String {
            ClerkFilterValue.number(number).rendered
        }
        #expect(rendered(F.d("0.1")) == "0.1")
        #expect(rendered(F.d("19.990")) == "19.99")
        #expect(rendered(F.d("100")) == "100")
        #expect(rendered(F.d("12345678901234567890.123456789")) == "12345678901234567890.123456789")
        #expect(rendered(F.d("-2.5")) == "-2.5")
        #expect(rendered(0) == "0")
        #expect(ClerkFilterValue.integer(42).rendered == "42")
        #expect(rendered(.nan) == #""NaN""#)
    }

    @Test func stringsAreQuotedAndEscaped() {
        #expect(ClerkFilter.quote("Acme") == #""Acme""#)
        #expect(ClerkFilter.quote(#"6" "Pro""#) == #""6\" \"Pro\"""#)
        #expect(ClerkFilter.quote(#"C:\dir\"#) == #""C:\\dir\\""#)
        #expect(ClerkFilter.quote("a\nb\t\u{0}c\u{7F}\u{85}d") == #""abcd""#)
        #expect(ClerkFilter.quote("') or (1 = 1") == #""') or (1 = 1""#)
        #expect(ClerkFilter.quote("Größe 😀 e\u{301}") == "\"Größe 😀 e\u{301}\"")
        #expect(ClerkFilter.quote("") == #""""#)
    }

    @Test func orGroupsAreAlwaysParenthesised() {
        let acme = ClerkFilter.equals(brand, .string("Acme"))
        let zed = ClerkFilter.equals(brand, .string("Zed"))
        let cheap = ClerkFilter.compare(price, .lessOrEqual, .number(50))
        let either = ClerkFilter.any(of: [acme, zed])!
        #expect(either.rendered == #"(brand = "Acme" or brand = "Zed")"#)
        #expect(ClerkFilter.all(of: [either, cheap])!.rendered == #"(brand = "Acme" or brand = "Zed") and price <= 50"#)
        let both = ClerkFilter.all(of: [acme, cheap])!
        #expect(both.rendered == #"brand = "Acme" and price <= 50"#)
        #expect(ClerkFilter.any(of: [both, zed])!.rendered == #"((brand = "Acme" and price <= 50) or brand = "Zed")"#)
    }

    @Test func groupsFlattenAndCollapse() {
        let a = ClerkFilter.equals(brand, .string("A"))
        let b = ClerkFilter.equals(brand, .string("B"))
        let c = ClerkFilter.equals(brand, .string("C"))
        #expect(ClerkFilter.all(of: []) == nil)
        #expect(ClerkFilter.any(of: []) == nil)
        #expect(ClerkFilter.all(of: [a]) == a)
        #expect(ClerkFilter.any(of: [a]) == a)
        #expect(ClerkFilter.all(of: [a, ClerkFilter.all(of: [b, c])!])!.expression == .and([a, b, c]))
        #expect(ClerkFilter.any(of: [ClerkFilter.any(of: [a, b])!, c])!.expression == .or([a, b, c]))
        #expect(ClerkFilter.any(of: [a, b, c])!.rendered == #"(brand = "A" or brand = "B" or brand = "C")"#)
    }

    @Test func theTestParserReadsBackWhatIsRendered() throws {
        let filter = ClerkFilter.all(of: [
            ClerkFilter.any(of: [.equals(brand, .string(#"a "b" \c"#)), .isNotIn(categories, [.integer(3), .integer(4)])])!,
            .compare(price, .greater, .number(F.d("-0.5"))),
            .isIn(brand, []),
        ])!
        #expect(try ClerkFilterParser.parse(filter.rendered) == filter)
    }

    @Test func theTestParserRejectsWhatIsNotTheGrammar() {
        for text in [
            #"brand = "a" or brand = "b" and price > 1"#,
            #"brand = "a"#,
            #"brand = "a\nb""#,
            "brand = Acme",
            "price > 1x",
            "(price > 1",
            "price in [1, 2",
            #"brand = "a" price > 1"#,
        ] {
            #expect(throws: (any Error).self, "\(text)") { try ClerkFilterParser.parse(text) }
        }
    }
}
