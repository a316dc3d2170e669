import CatalogMapping
import Foundation
import Testing

/// Property: shopper strings used as filter values never change the structure of the rendered filter.
/// Each case is parsed back with `ClerkFilterParser` and must give exactly the intended tree, with each
/// value as the shopper sent it minus control characters (the documented escaping rule).
@Suite struct FilterEscapingPropertyTests {
    /// SplitMix64: a seeded generator, so a failing case reproduces from the seed and case number printed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seed: UInt64 = 0xC1E2_4B41_D6E5_0005
    static let cases = 2_000

    /// Pieces that look like filter syntax, escapes, unicode and control characters.
    static let pieces: [String] = [
        "\"", "\\", "\\\"", "\"\\", "'", "''", "[", "]", "(", ")", ",", " and ", " or ", "and", "or", "in", " not in ",
        "not", "=", "!=", ">=", "<=", "<", ">", " contains ", "true", "false", "null", "é", "e\u{301}", "😀", "👍🏽", "ß",
        "中文", "Ω", "\u{0}", "\n", "\t", "\r", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{2028}", "\u{FEFF}", "\u{200B}",
        "\u{202E}", "a", "Z", "1", "-", ".", " ", "brand = \"x\"", ")) or ((", "\\\\\"", "price >= 0", "\" or brand = \"",
        "%22", "&", "#", "*",
    ]

    static func randomString(_ generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...12, using: &generator) {
            if Int.random(in: 0..<5, using: &generator) == 0 {
                var scalar: Unicode.Scalar?
                while scalar == nil {
                    scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &generator))
                }
                text.unicodeScalars.append(scalar!)
            } else {
                text += pieces.randomElement(using: &generator)!
            }
        }
        return text
    }

    /// The value as it must come back: control characters (Cc) dropped.
    static func withoutControls(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    static func withoutControls(_ value: ClerkFilterValue) -> ClerkFilterValue {
        if case .string(let text) = value {
            return .string(withoutControls(text))
        }
        return value
    }

    /// The tree a rendered filter must parse back to: the same shape, strings without control characters.
    static func expectedAfterRendering(_ filter: ClerkFilter) -> ClerkFilter {
        switch filter.expression {
        case let .comparison(attribute, op, value):
            return .compare(attribute, op, withoutControls(value))
        case let .membership(attribute, negated, values):
            let kept = values.map(withoutControls)
            return negated ? .isNotIn(attribute, kept) : .isIn(attribute, kept)
        case let .contains(attribute, value):
            return .contains(attribute, withoutControls(value))
        case .and(let operands):
            return ClerkFilter.all(of: operands.map(expectedAfterRendering))!
        case .or(let operands):
            return ClerkFilter.any(of: operands.map(expectedAfterRendering))!
        }
    }

    static func deduplicated(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !seen.contains(value) {
            seen.append(value)
        }
        return seen
    }

    static func attribute(_ name: String) -> ClerkFilterAttribute {
        ClerkFilterAttribute(name)!
    }

    @Test func shopperValuesNeverChangeTheStructure() throws {
        var generator = SeededGenerator(state: Self.seed)
        var checked = 0
        for index in 0..<Self.cases {
            let brands = (0..<Int.random(in: 0...3, using: &generator)).map { _ in Self.randomString(&generator) }
            let categories = (0..<Int.random(in: 0...2, using: &generator)).map { _ in Int.random(in: 1...99_999, using: &generator) }
            let optionName = Self.randomString(&generator)
            let options = (0..<Int.random(in: 0...3, using: &generator)).map { _ in Self.randomString(&generator) }
            let fieldName = Self.randomString(&generator)
            let fields = (0..<Int.random(in: 0...2, using: &generator)).map { _ in Self.randomString(&generator) }
            let priceMin = Bool.random(using: &generator) ? "\(Int.random(in: 0...500, using: &generator)).\(Int.random(in: 10...99, using: &generator))" : nil

            var parameters: [String: [String]] = [
                "brand": brands,
                "category": categories.map(String.init),
                "option_" + optionName: options,
                "cf_" + fieldName: fields,
            ]
            if let priceMin {
                parameters["price_min"] = [priceMin]
            }

            // The intended tree, built from the contract's rules rather than read from the implementation.
            let optionAttribute = AttributeName.normalize(optionName).map { Self.attribute("option_" + $0) }
            let fieldAttribute = AttributeName.normalize(fieldName).map { Self.attribute("cf_" + $0) }
            let context = "seed \(Self.seed) case \(index): \(parameters.debugDescription)"
            if (optionAttribute == nil && !options.isEmpty) || (fieldAttribute == nil && !fields.isEmpty) {
                #expect(throws: ShopperFilterError.self, "\(context)") { try ShopperFilters.filter(from: parameters) }
                continue
            }
            var clauses: [ClerkFilter] = []
            if let clause = ClerkFilter.any(of: Self.deduplicated(brands).map { .equals(Self.attribute("brand"), .string($0)) }) {
                clauses.append(clause)
            }
            if let clause = ClerkFilter.any(of: Self.deduplicated(categories.map(String.init)).map {
                .contains(Self.attribute("categories"), .number(Decimal(string: $0)!))
            }) {
                clauses.append(clause)
            }
            if let optionAttribute, let clause = ClerkFilter.any(of: Self.deduplicated(options).map { .contains(optionAttribute, .string($0)) }) {
                clauses.append(clause)
            }
            if let fieldAttribute, let clause = ClerkFilter.any(of: Self.deduplicated(fields).map { .equals(fieldAttribute, .string($0)) }) {
                clauses.append(clause)
            }
            if let priceMin {
                clauses.append(.compare(Self.attribute("price"), .greaterOrEqual, .number(Decimal(string: priceMin, locale: Locale(identifier: "en_US_POSIX"))!)))
            }
            let intended = ClerkFilter.all(of: clauses)

            let filter = try ShopperFilters.filter(from: parameters)
            #expect(filter == intended, "\(context)")
            guard let filter, let intended else {
                continue
            }
            let rendered = filter.rendered
            let parsed = try? ClerkFilterParser.parse(rendered)
            #expect(parsed == Self.expectedAfterRendering(intended), "\(context) rendered \(rendered.debugDescription)")
            if parsed != Self.expectedAfterRendering(intended) {
                return
            }
            checked += 1
        }
        #expect(checked > Self.cases / 2)
    }

    static func randomValue(_ generator: inout SeededGenerator) -> ClerkFilterValue {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            let digits = "\(Bool.random(using: &generator) ? "-" : "")\(UInt32.random(in: 0...UInt32.max, using: &generator)).\(Int.random(in: 0...999_999, using: &generator))"
            return .number(Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))!)
        case 1:
            return .bool(Bool.random(using: &generator))
        default:
            return .string(randomString(&generator))
        }
    }

    static func randomTree(_ generator: inout SeededGenerator, depth: Int) -> ClerkFilter {
        let names = ["brand", "price", "categories", "option_size", "cf_material", "in_stock", "A_1"]
        let attribute = attribute(names.randomElement(using: &generator)!)
        let choice = Int.random(in: 0..<(depth > 0 ? 6 : 4), using: &generator)
        switch choice {
        case 0:
            return .compare(attribute, ClerkFilterOperator.allCases.randomElement(using: &generator)!, randomValue(&generator))
        case 1:
            let values = (0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(&generator) }
            return Bool.random(using: &generator) ? .isIn(attribute, values) : .isNotIn(attribute, values)
        case 2, 3:
            return .contains(attribute, randomValue(&generator))
        default:
            let operands = (0..<Int.random(in: 2...4, using: &generator)).map { _ in randomTree(&generator, depth: depth - 1) }
            return (choice == 4 ? ClerkFilter.all(of: operands) : ClerkFilter.any(of: operands))!
        }
    }

    @Test func randomTreesParseBackToThemselves() {
        var generator = SeededGenerator(state: Self.seed ^ 0xF11)
        var shapes: Set<String> = []
        for index in 0..<Self.cases {
            let tree = Self.randomTree(&generator, depth: 3)
            let rendered = tree.rendered
            let parsed = try? ClerkFilterParser.parse(rendered)
            let expected = Self.expectedAfterRendering(tree)
            #expect(parsed == expected, "seed \(Self.seed ^ 0xF11) case \(index): \(rendered.debugDescription)")
            if parsed != expected {
                return
            }
            switch tree.expression {
            case .and: shapes.insert("and")
            case .or: shapes.insert("or")
            case .comparison: shapes.insert("comparison")
            case .membership: shapes.insert("membership")
            case .contains: shapes.insert("contains")
            }
        }
        #expect(shapes.count == 5)
    }
}
