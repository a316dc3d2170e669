import Foundation
import JSONSupport
import Sandbox
import Testing

/// Clerk's filter language in the simulator: every operator, `and`/`or` precedence and parentheses, quoting,
/// list attributes, unknown attributes and syntax errors.
@Suite("Clerk filter evaluator")
struct ClerkFilterEvaluatorTests {
    static let shoe: JSONValue = [
        "id": 1, "name": "Trail \"Shoe\"", "brand": "Acme", "price": .number("59.99"), "stock": 3, "on_sale": true,
        "categories": [12, 34], "tags": ["Outlet", "Trail"], "sku": "100",
    ]

    func matches(_ filter: String, _ document: JSONValue = shoe, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> Bool
    {
        try ClerkFilterEvaluator(filter).matches(document)
    }

    @Test(arguments: [
        ("brand = 'Acme'", true), ("brand = \"Acme\"", true), ("brand = 'acme'", false), ("brand != 'Acme'", false),
        ("brand != 'Bolt'", true), ("price > 59.98", true), ("price > 59.99", false), ("price >= 59.99", true),
        ("price < 60", true), ("price <= 59.989", false), ("stock = 3", true), ("stock > -1", true),
        ("on_sale = true", true), ("on_sale = false", false), ("on_sale != false", true),
        ("categories in [12, 99]", true), ("categories in [99]", false), ("categories not in [99]", true),
        ("categories not in [34]", false), ("categories = 34", true), ("categories contains 12", true),
        ("tags contains 'Outlet'", true), ("tags contains 'outlet'", false), ("name contains '\"Shoe\"'", true),
        ("brand in ['Bolt', 'Acme']", true), ("brand not in ['Bolt']", true), ("brand in []", false),
        ("sku = 100", true), ("sku > 99", true), ("name = 'Trail \\\"Shoe\\\"'", true),
        ("name = \"Trail \\\"Shoe\\\"\"", true),
    ])
    func singleConditions(filter: String, expected: Bool) throws {
        #expect(try matches(filter) == expected, "\(filter)")
    }

    @Test func andBindsTighterThanOrAndParenthesesGroup() throws {
        #expect(try matches("brand = 'Bolt' and price > 100 or on_sale = true"))
        #expect(try !matches("brand = 'Bolt' and (price > 100 or on_sale = true)"))
        #expect(try matches("on_sale = false or (categories not in [99] and price <= 200)"))
        #expect(try !matches("on_sale = false or (categories not in [12] and price <= 200)"))
        #expect(try matches("((brand = 'Acme')) AND tags contains 'Trail'"))
    }

    @Test func unknownAttributesMatchNothing() throws {
        for filter in [
            "colour = 'red'", "colour != 'red'", "colour not in ['red']", "colour contains 'x'", "colour < 3",
        ] {
            #expect(try !matches(filter), "\(filter)")
        }
        #expect(try matches("colour = 'red' or brand = 'Acme'"))
    }

    @Test(arguments: [
        "", "brand", "brand =", "brand = Acme", "= 'Acme'", "brand == 'Acme'", "brand = 'Acme", "price > 1.2.3",
        "brand in 'Acme'", "brand in ['Acme'", "brand not 'Acme'", "(brand = 'Acme'", "brand = 'Acme')",
        "brand = 'Acme' and", "brand = 'Acme' brand = 'Bolt'", "brand ! 'Acme'", "brand = 'Acme' & price > 1",
        "and = 1",
    ])
    func syntaxErrorsThrow(filter: String) {
        #expect(throws: ClerkFilterEvaluator.SyntaxError.self, "\(filter)") { try ClerkFilterEvaluator(filter) }
    }
}
