import Foundation
import Hummingbird
import JSONSupport

/// Search (`/v2/search/*`, public key), a plain stand-in for Clerk's search (clerk-api.md §6):
///
/// Products stored with `index: false` are never matched, counted or suggested, as Clerk keeps them for its
/// algorithms only.
///
/// - `search/search`: products whose `name` contains the query (case-insensitive; empty matches all) and pass
///   `filter`, ordered by id or by `orderby` (any stored attribute; `order` `asc` by default or `desc`; products
///   without the attribute last), paged with `offset`/`limit`. Answers
///   `{"status","count","hits","result","facets","no_exact_match"}`; `hits` counts every match, `facets` has
///   for each requested attribute unit buckets `{type,name,value,count}` of its string/number/list values (most
///   frequent first; category ids named after the stored category) or, for `price`, range buckets
///   `{type,name,min,max,count}` 25 wide.
/// - `search/predictive`: the first matches like `search/search` (limit at most 10):
///   `{"status","query","hits","result","no_exact_match"}`.
/// - `search/categories`: stored categories whose `name` contains the query, by id (limit at most 10):
///   `{"status","result":[ids],"categories":[{id,name,url}]}`.
/// - `search/suggestions`: the distinct names of matching products, alphabetically (limit at most 10):
///   `{"status","result":[names]}`.
///
/// Every accepted call is recorded in the call log like the `log/*` calls; an unknown `search/*` endpoint is
/// the error envelope.
extension ClerkSimulator {
    /// Handles `/v2/search/<name>`.
    func handleSearch(_ request: Request, name: String, body: [UInt8]) throws -> Response {
        guard ["search", "predictive", "categories", "suggestions"].contains(name) else {
            throw ClerkFailure(status: 404, type: "LogicalError", message: "Unknown endpoint /v2/search/\(name).")
        }
        var arguments = try readArguments(request, body: body)
        let store = try authenticatePublic(key: arguments.removeValue(forKey: "key")?.stringValue)
        guard let query = arguments["query"]?.stringValue else { throw Self.parsing("Missing argument query.") }
        let limit = try Self.limit(arguments, maximum: name == "search" ? nil : 10)
        var offset = 0
        if let value = arguments["offset"] {
            guard case .number = value, let number = value.intValue, number >= 0 else {
                throw Self.parsing("Invalid argument offset: must be an integer ≥ 0.")
            }
            offset = number
        }
        try Self.checkTracking(arguments)
        let needle = query.lowercased()

        var writer = JSONWriter(capacity: 256)
        writer.openObject()
        writer.field("status", "ok")
        switch name {
        case "categories":
            let categories = storage.categoryDocuments(publicKey: store.publicKey)
            let found = categories.keys.sorted().filter { id in
                let name = categories[id]?["name"]?.stringValue?.lowercased() ?? ""
                return needle.isEmpty || name.contains(needle)
            }.prefix(limit)
            writer.field("result", Array(found))
            writer.key("categories")
            writer.openArray()
            for id in found {
                writer.openObject()
                writer.field("id", id)
                writer.field("name", categories[id]?["name"]?.stringValue ?? "")
                if let url = categories[id]?["url"]?.stringValue { writer.field("url", url) }
                writer.closeObject()
            }
            writer.closeArray()
        case "suggestions":
            let products = storage.productDocuments(publicKey: store.publicKey)
            let names = Set(
                products.values.compactMap { document -> String? in
                    guard ClerkStorage.isShown(document), let name = document["name"]?.stringValue else { return nil }
                    return needle.isEmpty || name.lowercased().contains(needle) ? name : nil
                })
            writer.field("result", Array(names.sorted().prefix(limit)))
        default:
            let filter = try Self.filter(arguments)
            let exclude = Set(try Self.ids(arguments["exclude"], name: "exclude") ?? [])
            var matches = storage.productIDs(publicKey: store.publicKey, nameContaining: needle)
            let products =
                filter != nil || arguments["orderby"] != nil || arguments["facets"] != nil
                ? storage.productDocuments(publicKey: store.publicKey) : [:]
            if let filter { matches = matches.filter { products[$0].map(filter.matches) ?? false } }
            if !exclude.isEmpty { matches = matches.filter { !exclude.contains($0) } }
            if let orderBy = arguments["orderby"] {
                guard let attribute = orderBy.stringValue else {
                    throw Self.parsing("Invalid argument orderby: must be a string.")
                }
                let descending: Bool
                switch arguments["order"]?.stringValue?.lowercased() {
                case nil, "asc": descending = false
                case "desc": descending = true
                default: throw Self.parsing("Invalid argument order: must be asc or desc.")
                }
                matches = Self.ordered(matches, by: attribute, descending: descending, in: products)
            }
            let page = Array(matches.dropFirst(name == "search" ? offset : 0).prefix(limit))
            if name == "predictive" { writer.field("query", query) } else { writer.field("count", page.count) }
            writer.field("hits", matches.count)
            writer.field("result", page)
            if name == "search" {
                let facets = arguments["facets"] == nil ? [] : try Self.facetNames(arguments["facets"])
                writer.key("facets")
                writer.openObject()
                for attribute in facets {
                    writer.key(attribute)
                    writeFacet(attribute, of: matches, in: products, publicKey: store.publicKey, to: &writer)
                }
                writer.closeObject()
            }
            writer.field("no_exact_match", matches.isEmpty)
        }
        writer.closeObject()
        record("search/" + name, request: request, publicKey: store.publicKey, arguments: arguments)
        return .json(.ok, writer.bytes)
    }

    /// `ids` by `attribute`, products without it last in either direction, ties by id.
    static func ordered(_ ids: [Int], by attribute: String, descending: Bool, in products: [Int: JSONValue]) -> [Int] {
        ids.sorted { left, right in
            let (a, b) = (products[left]?[attribute], products[right]?[attribute])
            if (a == nil) != (b == nil) { return a != nil }
            switch ClerkSortKey.compare(a, b) {
            case .orderedAscending: return !descending
            case .orderedDescending: return descending
            case .orderedSame: return left < right
            }
        }
    }

    /// The attribute names of `facets`: a list of strings.
    static func facetNames(_ value: JSONValue?) throws -> [String] {
        guard case .array(let items)? = value else {
            throw parsing("Invalid argument facets: must be a list of attribute names.")
        }
        return try items.map {
            guard let name = $0.stringValue else {
                throw parsing("Invalid argument facets: must be a list of attribute names.")
            }
            return name
        }
    }

    /// Writes the buckets of one facet over `ids`: ranges for `price`, unit buckets otherwise.
    func writeFacet(
        _ attribute: String, of ids: [Int], in products: [Int: JSONValue], publicKey: String,
        to writer: inout JSONWriter
    ) {
        writer.openArray()
        if attribute == "price" {
            var buckets: [Int: Int] = [:]
            for id in ids {
                guard case .number(let text)? = products[id]?["price"], let price = ClerkSortKey.decimal(text) else {
                    continue
                }
                var lower = price / 25
                var floored = Decimal()
                NSDecimalRound(&floored, &lower, 0, .down)
                buckets[NSDecimalNumber(decimal: floored).intValue * 25, default: 0] += 1
            }
            for lower in buckets.keys.sorted() {
                writer.openObject()
                writer.field("type", "range")
                writer.field("name", "\(lower) - \(lower + 24)")
                writer.field("min", Decimal(lower))
                writer.field("max", Decimal(lower + 24) + Decimal(string: "0.99")!)
                writer.field("count", buckets[lower]!)
                writer.closeObject()
            }
        } else {
            var counts: [String: (value: JSONValue, count: Int)] = [:]
            for id in ids {
                guard let value = products[id]?[attribute] else { continue }
                let values: [JSONValue] = if case .array(let items) = value { items } else { [value] }
                for item in Set(values.map { String(decoding: $0.encoded(), as: UTF8.self) }) {
                    guard let parsed = JSONValue.parse(Array(item.utf8)) else { continue }
                    switch parsed {
                    case .string, .number, .bool: counts[item, default: (parsed, 0)].count += 1
                    default: continue
                    }
                }
            }
            let categories = attribute == "categories" ? storage.categoryDocuments(publicKey: publicKey) : [:]
            let sorted = counts.sorted {
                $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
            }
            for (_, entry) in sorted {
                writer.openObject()
                writer.field("type", "unit")
                let name =
                    entry.value.intValue.flatMap { categories[$0]?["name"]?.stringValue }
                    ?? entry.value.stringValue ?? String(decoding: entry.value.encoded(), as: UTF8.self)
                writer.field("name", name)
                writer.key("value")
                entry.value.write(to: &writer)
                writer.field("count", entry.count)
                writer.closeObject()
            }
        }
        writer.closeArray()
    }
}
