import Foundation
import HTTPTypes
import Hummingbird
import JSONSupport

/// The GraphQL Admin API (`POST /stores/{hash}/graphql`, reference §4): the channel locales query and the
/// Translations API's product list, answered as BigCommerce documents them — selected fields only, at most 50
/// results a request, opaque base64 cursors (`{"id":N}`), `pageInfo`, an `x-bc-graphql-complexity` header, and
/// errors as HTTP 200 with `errors`.
///
/// Sandbox choices where BigCommerce's behaviour is UNCONFIRMED: a Stencil channel's locales are an empty list and
/// its translations an error; a query by `resourceIds` answers every existing product asked for (untranslated
/// fields carry the original, as the docs say), while a list without ids holds only products with a translation.
extension BigCommerceSimulator {
    /// Largest `first` of a translations page.
    static let maximumTranslationsPage = 50
    /// Complexity above which BigCommerce refuses a query.
    static let maximumComplexity = 10_000

    /// An error answered in `errors` (with HTTP 200).
    struct GraphQLFailure: Error {
        var message: String
        var path: [String] = []
    }

    func graphQL(_ body: [UInt8]) -> Response {
        guard let request = JSONValue.parse(body), let query = request["query"]?.stringValue else {
            return graphQLErrors([GraphQLFailure(message: "No query string was present")], data: false)
        }
        let document: GraphQLDocument
        do {
            document = try GraphQLParser.parse(query)
        } catch {
            return graphQLErrors([GraphQLFailure(message: error.message)], data: false)
        }
        guard document.operation == "query" else {
            return graphQLErrors([GraphQLFailure(message: "the sandbox answers queries only, not \(document.operation)s")], data: false)
        }
        let complexity = document.selections.reduce(0) { $0 + Self.complexity(of: $1) }
        var headers = HTTPFields()
        headers[HTTPField.Name("x-bc-graphql-complexity")!] = String(complexity)
        headers[HTTPField.Name("x-bc-graphql-operation-type")!] = "query"
        guard complexity <= Self.maximumComplexity else {
            return graphQLErrors(
                [GraphQLFailure(message: "Query complexity of \(complexity) exceeds the maximum of \(Self.maximumComplexity)")],
                data: false, headers: headers)
        }
        do {
            var members: [(key: String, value: JSONValue)] = []
            for field in document.selections {
                guard field.name == "store" else { throw Self.unknownField(field.name, on: "Query") }
                members.append((field.alias, try storeField(field)))
            }
            let answer: JSONValue = .object([("data", .object(members))])
            return .json(.ok, answer.encoded(), headers: headers)
        } catch let failure as GraphQLFailure {
            return graphQLErrors([failure], data: true, headers: headers)
        } catch {
            return graphQLErrors([GraphQLFailure(message: "\(error)")], data: true, headers: headers)
        }
    }

    private func graphQLErrors(_ failures: [GraphQLFailure], data: Bool, headers: HTTPFields = [:]) -> Response {
        let errors: [JSONValue] = failures.map { failure in
            var members: [(key: String, value: JSONValue)] = [("message", .string(failure.message))]
            if !failure.path.isEmpty { members.append(("path", .array(failure.path.map(JSONValue.string)))) }
            return .object(members)
        }
        var top: [(key: String, value: JSONValue)] = []
        if data { top.append(("data", .null)) }
        top.append(("errors", .array(errors)))
        return .json(.ok, JSONValue.object(top).encoded(), headers: headers)
    }

    static func unknownField(_ name: String, on type: String) -> GraphQLFailure {
        GraphQLFailure(message: "Field '\(name)' doesn't exist on type '\(type)'")
    }

    /// Connections cost their page size times what each node selects; other fields one each.
    static func complexity(of field: GraphQLField) -> Int {
        let inner = field.selections.reduce(0) { $0 + complexity(of: $1) }
        if case .int(let first)? = field.arguments["first"] { return 1 + max(first, 1) * max(inner, 1) }
        return 1 + inner
    }

    // MARK: store { … }

    private func storeField(_ field: GraphQLField) throws -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for child in field.selections {
            switch child.name {
            case "__typename": members.append((child.alias, "Store"))
            case "locales": members.append((child.alias, try locales(child)))
            case "translations": members.append((child.alias, try translations(child)))
            default: throw Self.unknownField(child.name, on: "Store")
            }
        }
        return .object(members)
    }

    private func channelID(_ value: GraphQLInput?, path: [String]) throws -> Int {
        guard case .string(let text)? = value else {
            throw GraphQLFailure(message: "channelId is required", path: path)
        }
        let prefix = "bc/store/channel/"
        guard text.hasPrefix(prefix), let id = Int(text.dropFirst(prefix.count)) else {
            throw GraphQLFailure(message: "Invalid channelId \"\(text)\": expected bc/store/channel/{id}", path: path)
        }
        guard store.catalog.channels.contains(where: { $0.id == id }) else {
            throw GraphQLFailure(message: "Channel \(text) not found.", path: path)
        }
        return id
    }

    private func locales(_ field: GraphQLField) throws -> JSONValue {
        let channel = try channelID(field.arguments["input"]?["channelId"], path: ["store", field.alias])
        let nodes: [JSONValue] = try store.translations.locales(channelID: channel).map { locale in
            try Self.select(field.child("edges")?.child("node"), on: "Locale") { name in
                switch name {
                case "code": .string(locale.code)
                case "status": .string("ACTIVE")
                case "isDefault": .bool(locale.isDefault)
                default: nil
                }
            }
        }
        let edges: [JSONValue] = try nodes.map { node in
            try Self.select(field.child("edges"), on: "LocaleEdge") { $0 == "node" ? node : nil }
        }
        return try Self.select(field, on: "LocaleConnection") { $0 == "edges" ? .array(edges) : nil }
    }

    private func translations(_ field: GraphQLField) throws -> JSONValue {
        let path = ["store", field.alias]
        guard let filters = field.arguments["filters"] else {
            throw GraphQLFailure(message: "filters is required", path: path)
        }
        guard case .enumValue(let resourceType)? = filters["resourceType"] else {
            throw GraphQLFailure(message: "Invalid value for resourceType", path: path)
        }
        let channel = try channelID(filters["channelId"], path: path)
        guard case .string(let localeID)? = filters["localeId"], localeID.hasPrefix("bc/store/locale/") else {
            throw GraphQLFailure(message: "Invalid localeId: expected bc/store/locale/{code}", path: path)
        }
        let locale = String(localeID.dropFirst("bc/store/locale/".count))
        let locales = store.translations.locales(channelID: channel)
        guard !locales.isEmpty else {
            throw GraphQLFailure(message: "Translations are available for Catalyst channels only.", path: path)
        }
        guard locales.contains(where: { $0.code == locale }) else {
            throw GraphQLFailure(message: "Locale \(locale) is not available on channel bc/store/channel/\(channel).", path: path)
        }
        var first = Self.maximumTranslationsPage
        if let value = field.arguments["first"] {
            guard case .int(let asked) = value, (1...Self.maximumTranslationsPage).contains(asked) else {
                throw GraphQLFailure(message: "first must be between 1 and \(Self.maximumTranslationsPage)", path: path)
            }
            first = asked
        }
        var after = 0
        if let value = field.arguments["after"] {
            guard case .string(let cursor) = value, let id = Self.translationCursorID(cursor) else {
                throw GraphQLFailure(message: "Invalid cursor", path: path)
            }
            after = id
        }
        let isDefault = locales.first(where: { $0.code == locale })?.isDefault ?? false
        var products: [SandboxProduct] = []
        var hasNext = false
        if resourceType == "PRODUCTS" {
            if case .list(let ids)? = filters["resourceIds"] {
                var wanted: [Int] = []
                for value in ids {
                    guard case .string(let resource) = value, resource.hasPrefix("bc/store/product/"),
                        let id = Int(resource.dropFirst("bc/store/product/".count))
                    else { throw GraphQLFailure(message: "resourceId must be an integer for resourceType PRODUCTS", path: path) }
                    wanted.append(id)
                }
                let candidates = Set(wanted).filter { $0 > after }.sorted().lazy.compactMap { self.store.product(id: $0) }
                for product in candidates {
                    if products.count == first {
                        hasNext = true
                        break
                    }
                    products.append(product)
                }
            } else if !isDefault {
                (products, hasNext) = translatedProducts(channel: channel, locale: locale, after: after, first: first)
            }
        } else if !["CATEGORIES", "BRANDS", "PRODUCT_OPTIONS", "PRODUCT_CUSTOM_FIELDS", "PRODUCT_MODIFIERS",
                    "PRODUCT_MODIFIER_VALUES"].contains(resourceType) {
            throw GraphQLFailure(message: "Invalid value for resourceType", path: path)
        }
        let node = field.child("edges")?.child("node")
        let edges: [JSONValue] = try products.map { product in
            let cursor = Self.translationCursor(product.id)
            let nodeValue = try Self.select(node, on: "Translation") { name in
                switch name {
                case "resourceId": return .string("bc/store/product/\(product.id)")
                case "fields":
                    return .array(try SandboxTranslations.Field.allCases.map { translatable in
                        let original = translatable == .name ? product.name : product.description
                        let stored = isDefault ? nil : store.translations.translation(
                            channelID: channel, locale: locale, productID: product.id, field: translatable)
                        return try Self.select(node?.child("fields"), on: "TranslationField") { name in
                            switch name {
                            case "fieldName": .string(translatable.rawValue)
                            case "original": .string(original)
                            case "translation": .string(stored ?? original)
                            default: nil
                            }
                        }
                    })
                default: return nil
                }
            }
            return try Self.select(field.child("edges"), on: "TranslationEdge") { name in
                switch name {
                case "node": nodeValue
                case "cursor": .string(cursor)
                default: nil
                }
            }
        }
        return try Self.select(field, on: "TranslationConnection") { name in
            switch name {
            case "edges": return .array(edges)
            case "pageInfo":
                return try Self.select(field.child("pageInfo"), on: "PageInfo") { name in
                    switch name {
                    case "hasNextPage": .bool(hasNext)
                    case "hasPreviousPage": .bool(after > 0)
                    case "startCursor": products.first.map { .string(Self.translationCursor($0.id)) } ?? .null
                    case "endCursor": products.last.map { .string(Self.translationCursor($0.id)) } ?? .null
                    default: nil
                    }
                }
            default: return nil
            }
        }
    }

    /// Products after `after` holding a translation in the locale, in id order, at most `first`.
    private func translatedProducts(channel: Int, locale: String, after: Int, first: Int) -> ([SandboxProduct], Bool) {
        let catalog = store.catalog
        var edited = store.translations.editedProductIDs(channelID: channel, locale: locale).filter { $0 > after }.sorted()[...]
        var index = catalog.firstIndex(withIDGreaterThan: after)
        var result: [SandboxProduct] = []
        while true {
            let seededID = index < catalog.productCount ? catalog.productID(atIndex: index) : nil
            let next: Int
            switch (seededID, edited.first) {
            case (nil, nil): return (result, false)
            case (let seeded?, let edit?): next = min(seeded, edit)
            case (let seeded?, nil): next = seeded
            case (nil, let edit?): next = edit
            }
            if next == seededID { index += 1 }
            if next == edited.first { edited.removeFirst() }
            guard store.translations.hasTranslation(channelID: channel, locale: locale, productID: next),
                let product = store.product(id: next)
            else { continue }
            if result.count == first { return (result, true) }
            result.append(product)
        }
    }

    static func translationCursor(_ id: Int) -> String { Data("{\"id\":\(id)}".utf8).base64EncodedString() }

    static func translationCursorID(_ cursor: String) -> Int? {
        guard let data = Data(base64Encoded: cursor), let value = JSONValue.parse([UInt8](data)) else { return nil }
        return value["id"]?.intValue
    }

    /// The selected sub-fields of `field`, in selection order under their aliases; a name `resolve` does not know
    /// (and `__typename` apart) is an unknown field of `type`.
    static func select(
        _ field: GraphQLField?, on type: String, _ resolve: (String) throws -> JSONValue?
    ) throws -> JSONValue {
        guard let field else { return .object([]) }
        var members: [(key: String, value: JSONValue)] = []
        for child in field.selections {
            if child.name == "__typename" {
                members.append((child.alias, .string(type)))
                continue
            }
            guard let value = try resolve(child.name) else { throw unknownField(child.name, on: type) }
            members.append((child.alias, value))
        }
        return .object(members)
    }
}
