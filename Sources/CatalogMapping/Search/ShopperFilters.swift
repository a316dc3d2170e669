import Foundation

/// The filter parameters of `GET /v1/search` (contract.md) turned into one Clerk filter (mapping.md §7).
///
/// | parameter | clause per value |
/// |---|---|
/// | `brand` | `brand = "…"` |
/// | `category` | `categories contains <id>` (a positive integer: the category itself, not its subcategories) |
/// | `option_<name>` | `option_<normalised name> contains "…"` (a list of labels) |
/// | `cf_<name>` | `cf_<normalised name> = "…"` |
/// | `price_min`, `price_max` | `price >= <n>`, `price <= <n>` |
/// | `rating_min` | `rating >= <n>` |
/// | `in_stock=true` | `in_stock = true` (`false` adds nothing) |
///
/// Repeated values of one filter are alternatives (`or`, duplicates dropped); different filters all apply
/// (`and`), in the order of the table, `option_` and `cf_` attributes by name. `option_`/`cf_` names are
/// normalised as mapping.md §6 names the attributes, so `option_Shoe Width (EU)` filters
/// `option_shoe_width_eu`, and two parameters that normalise alike are one filter. Empty values are ignored
/// (a form's blank field).
///
/// `cf_<name>` uses `=` because a custom field is a string attribute; when two custom fields of a product
/// normalise alike mapping.md stores a list instead, and whether Clerk's `=` matches an element of a list is
/// UNCONFIRMED.
public enum ShopperFilters {
    /// The longest value (and parameter name) accepted, in Unicode scalars.
    public static let maxValueLength = 256
    /// The most values accepted for one filter.
    public static let maxValuesPerFilter = 50
    /// The most different filters accepted in one search.
    public static let maxFilters = 32
    /// The longest number accepted for `price_min`, `price_max` and `rating_min`, in characters (Decimal keeps
    /// 38 significant digits, so every accepted number is exact).
    public static let maxNumberLength = 32

    /// Whether `name` is one of contract.md's search filter parameters (so a caller can split them from `q`,
    /// `page`, `sort` and the rest).
    public static func isFilterParameter(_ name: String) -> Bool {
        kind(of: name) != nil
    }

    /// The `option_` and `cf_` attributes of `document`: what an `option_<name>` or `cf_<name>` filter can find.
    public static func filterableAttributes(of document: ClerkDocument) -> [String] {
        document.attributes.keys.filter { $0.hasPrefix("option_") || $0.hasPrefix("cf_") }
    }

    /// The Clerk filter for the search filter parameters `parameters` (name → values in the order given).
    ///
    /// With `catalogAttributes` (the `option_`/`cf_` attributes the storefront's catalog has), an option or
    /// custom-field filter on an attribute not among them is refused, naming it and listing those there are;
    /// without, any such filter is sent.
    /// - Returns: `nil` when no parameter restricts anything.
    /// - Throws: `ShopperFilterError` naming the parameter at fault.
    public static func filter(
        from parameters: [String: [String]], catalogAttributes: Set<String>? = nil
    ) throws(ShopperFilterError) -> ClerkFilter? {
        var textFilters: [ClerkFilterAttribute: TextFilter] = [:]
        var categoryIDs: [Int] = []
        var priceMin: Decimal?
        var priceMax: Decimal?
        var ratingMin: Decimal?
        var inStock = false

        for name in parameters.keys.sorted() {
            let values = parameters[name] ?? []
            guard name.unicodeScalars.count <= maxValueLength else {
                throw .valueTooLong(parameter: name, limit: maxValueLength)
            }
            guard let kind = kind(of: name) else {
                throw .unknownParameter(name)
            }
            let given = values.filter { !$0.isEmpty }
            guard given.count <= maxValuesPerFilter else {
                throw .tooManyValues(parameter: name, limit: maxValuesPerFilter)
            }
            for value in given where value.unicodeScalars.count > maxValueLength {
                throw .valueTooLong(parameter: name, limit: maxValueLength)
            }
            switch kind {
            case .brand, .option, .customField:
                guard !given.isEmpty else {
                    continue
                }
                let attribute: ClerkFilterAttribute?
                switch kind {
                case .option(let rawName):
                    attribute = .option(rawName)
                case .customField(let rawName):
                    attribute = .customField(rawName)
                default:
                    attribute = ClerkFilterAttribute("brand")
                }
                guard let attribute else {
                    throw .unusableName(parameter: name)
                }
                if let catalogAttributes, kind != .brand, !catalogAttributes.contains(attribute.name) {
                    let prefix = attribute.name.hasPrefix("option_") ? "option_" : "cf_"
                    throw .notInCatalog(parameter: name, attribute: attribute.name, known: catalogAttributes.filter { $0.hasPrefix(prefix) }.sorted())
                }
                var filter = textFilters[attribute] ?? TextFilter(parameter: name, kind: kind, values: [])
                for value in given where !filter.values.contains(value) {
                    filter.values.append(value)
                }
                guard filter.values.count <= maxValuesPerFilter else {
                    throw .tooManyValues(parameter: filter.parameter, limit: maxValuesPerFilter)
                }
                textFilters[attribute] = filter
            case .category:
                for value in given {
                    let id = try categoryID(value, parameter: name)
                    if !categoryIDs.contains(id) {
                        categoryIDs.append(id)
                    }
                }
            case .priceMin:
                if let value = try single(given, parameter: name) {
                    priceMin = try number(value, parameter: name)
                }
            case .priceMax:
                if let value = try single(given, parameter: name) {
                    priceMax = try number(value, parameter: name)
                }
            case .ratingMin:
                if let value = try single(given, parameter: name) {
                    ratingMin = try number(value, parameter: name)
                }
            case .inStock:
                if let value = try single(given, parameter: name) {
                    switch value {
                    case "true":
                        inStock = true
                    case "false":
                        inStock = false
                    default:
                        throw .notABoolean(parameter: name, value: value)
                    }
                }
            }
        }

        if let priceMin, let priceMax, priceMin > priceMax {
            throw .emptyPriceRange
        }
        let scalarCount = [!categoryIDs.isEmpty, priceMin != nil, priceMax != nil, ratingMin != nil, inStock].filter { $0 }.count
        guard textFilters.count + scalarCount <= maxFilters else {
            throw .tooManyFilters(limit: maxFilters)
        }

        var clauses: [ClerkFilter] = []
        let byName = textFilters.sorted { $0.key.name < $1.key.name }
        func appendText(where matches: (Kind) -> Bool) {
            for (attribute, filter) in byName where matches(filter.kind) {
                let alternatives = filter.values.map { value -> ClerkFilter in
                    if case .option = filter.kind {
                        return .contains(attribute, .string(value))
                    }
                    return .equals(attribute, .string(value))
                }
                if let clause = ClerkFilter.any(of: alternatives) {
                    clauses.append(clause)
                }
            }
        }
        appendText { $0 == .brand }
        let categories = ClerkFilterAttribute("categories")!
        if let clause = ClerkFilter.any(of: categoryIDs.map { .contains(categories, .integer($0)) }) {
            clauses.append(clause)
        }
        appendText { if case .option = $0 { true } else { false } }
        appendText { if case .customField = $0 { true } else { false } }
        let price = ClerkFilterAttribute("price")!
        if let priceMin {
            clauses.append(.compare(price, .greaterOrEqual, .number(priceMin)))
        }
        if let priceMax {
            clauses.append(.compare(price, .lessOrEqual, .number(priceMax)))
        }
        if let ratingMin {
            clauses.append(.compare(ClerkFilterAttribute("rating")!, .greaterOrEqual, .number(ratingMin)))
        }
        if inStock {
            clauses.append(.equals(ClerkFilterAttribute("in_stock")!, .bool(true)))
        }
        return ClerkFilter.all(of: clauses)
    }

    private enum Kind: Equatable {
        case brand, category, priceMin, priceMax, ratingMin, inStock
        case option(String)
        case customField(String)
    }

    private struct TextFilter {
        var parameter: String
        var kind: Kind
        var values: [String]
    }

    private static func kind(of name: String) -> Kind? {
        switch name {
        case "brand": return .brand
        case "category": return .category
        case "price_min": return .priceMin
        case "price_max": return .priceMax
        case "rating_min": return .ratingMin
        case "in_stock": return .inStock
        default:
            // By scalars, not Characters: `option_` followed by a combining mark is one Character `_\u{301}`.
            for (prefix, make) in [("option_", Kind.option), ("cf_", Kind.customField)] where name.unicodeScalars.starts(with: prefix.unicodeScalars) {
                return make(String(String.UnicodeScalarView(name.unicodeScalars.dropFirst(prefix.unicodeScalars.count))))
            }
            return nil
        }
    }

    /// The one distinct value of a single-valued parameter, `nil` when none was given.
    private static func single(_ values: [String], parameter: String) throws(ShopperFilterError) -> String? {
        guard let first = values.first else {
            return nil
        }
        guard values.allSatisfy({ $0 == first }) else {
            throw .repeated(parameter: parameter)
        }
        return first
    }

    /// A category id: ASCII digits only, a positive `Int`.
    private static func categoryID(_ value: String, parameter: String) throws(ShopperFilterError) -> Int {
        guard value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let id = Int(value), id > 0 else {
            throw .notACategoryID(parameter: parameter, value: value)
        }
        return id
    }

    /// A non-negative decimal `digits[.digits]`, read from its digits (never through `Double`).
    private static func number(_ value: String, parameter: String) throws(ShopperFilterError) -> Decimal {
        let bytes = Array(value.utf8)
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard bytes.count <= maxNumberLength,
              (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }),
              let number = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")),
              number.isFinite
        else {
            throw .notANumber(parameter: parameter, value: value)
        }
        return number
    }
}
