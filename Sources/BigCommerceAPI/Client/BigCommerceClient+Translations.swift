import Foundation

/// The GraphQL Admin API: channel locales and product translations (reference §4; Translations API beta,
/// Catalyst channels only). Requests go through the same governor and error classification as REST calls.
extension BigCommerceClient {
    /// Largest `first` the Translations API serves.
    public static let maximumTranslationsPerRequest = 50

    /// The locales of `channelID` (`store.locales(input: {channelId})`), default first as BigCommerce lists them.
    /// - Throws: ``BigCommerceError/graphQL(endpoint:messages:)`` when BigCommerce answers with GraphQL errors
    ///   (whether a Stencil channel gets an error or an empty list is UNCONFIRMED).
    public func channelLocales(channelID: Int) async throws -> [ChannelLocale] {
        let query = """
            query { store { locales(input: {channelId: \(GraphQLText.string(GraphQLText.channelID(channelID)))}) \
            { edges { node { code status isDefault } } } } }
            """
        let data = try await graphQL(query, as: LocalesData.self)
        return data.store.locales.edges.map(\.node)
    }

    /// The name and description translations of `productIDs` in `locale` of `channelID`, for the products that
    /// have at least one (`store.translations(filters: {resourceType: PRODUCTS, …, resourceIds})`).
    ///
    /// Ids go at most 50 to a request, the requests side by side; each is paged with `first: pageSize` and `after:` the
    /// previous page's end cursor until `hasNextPage` is false or a page is empty. A field whose `translation` is null,
    /// empty or equal to its `original` is untranslated (BigCommerce answers the default text for those).
    public func productTranslations(
        channelID: Int, locale: String, productIDs: [Int], pageSize: Int = maximumTranslationsPerRequest
    ) async throws -> [ProductTranslation] {
        let first = min(max(pageSize, 1), Self.maximumTranslationsPerRequest)
        let ids = Array(Set(productIDs)).sorted()
        var result: [Int: ProductTranslation] = [:]
        try await withThrowingTaskGroup(of: [ProductTranslation].self) { group in
            for start in stride(from: 0, to: ids.count, by: Self.maximumTranslationsPerRequest) {
                let chunk = Array(ids[start..<min(start + Self.maximumTranslationsPerRequest, ids.count)])
                group.addTask { try await self.productTranslations(channelID: channelID, locale: locale, chunk: chunk, first: first) }
            }
            for try await translations in group {
                for translation in translations { result[translation.productID] = translation }
            }
        }
        return result.values.sorted { $0.productID < $1.productID }
    }

    /// The translations of one request's worth of ids (at most 50), page after page; the chunks of a call are read
    /// side by side.
    private func productTranslations(channelID: Int, locale: String, chunk: [Int], first: Int) async throws -> [ProductTranslation] {
        var result: [ProductTranslation] = []
        var after: String?
        while true {
            let query = Self.translationsQuery(channelID: channelID, locale: locale, productIDs: chunk, first: first, after: after)
            let page = try await graphQL(query, as: TranslationsData.self).store.translations
            result += page.edges.compactMap { Self.productTranslation($0.node) }
            guard page.pageInfo?.hasNextPage == true, !page.edges.isEmpty,
                let next = page.pageInfo?.endCursor ?? page.edges.last?.cursor, next != after
            else { return result }
            after = next
        }
    }

    /// The query text of one translations page (inline literals; see ``GraphQLText``).
    static func translationsQuery(channelID: Int, locale: String, productIDs: [Int], first: Int, after: String?) -> String {
        let ids = productIDs.map { GraphQLText.string(GraphQLText.productID($0)) }.joined(separator: ", ")
        let cursor = after.map { ", after: \(GraphQLText.string($0))" } ?? ""
        return """
            query { store { translations(filters: {resourceType: PRODUCTS, \
            channelId: \(GraphQLText.string(GraphQLText.channelID(channelID))), \
            localeId: \(GraphQLText.string(GraphQLText.localeID(locale))), resourceIds: [\(ids)]}, \
            first: \(first)\(cursor)) { edges { node { resourceId fields { fieldName original translation } } cursor } \
            pageInfo { hasNextPage endCursor } } } }
            """
    }

    /// A node's name and description translations; nil when it is not a product or has neither.
    static func productTranslation(_ node: TranslationsData.Node) -> ProductTranslation? {
        guard let id = GraphQLText.productID(of: node.resourceId) else { return nil }
        func translated(_ name: String) -> String? {
            guard let field = node.fields.first(where: { $0.fieldName == name }),
                let text = field.translation, !text.isEmpty, text != field.original
            else { return nil }
            return text
        }
        let name = translated("name")
        let description = translated("description")
        guard name != nil || description != nil else { return nil }
        return ProductTranslation(productID: id, name: name, description: description)
    }

    /// Sends `query` to `POST /stores/{hash}/graphql` and decodes `data`; GraphQL `errors` in a 200 fail the call.
    func graphQL<T: Decodable>(_ query: String, as type: T.Type) async throws -> T {
        let endpoint = Endpoint(.graphQLAdmin, "", method: "POST")
        let body = try JSONEncoder().encode(["query": query])
        let response = try await send(endpoint, json: [UInt8](body))
        guard response.hasContent else {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: "empty response body where a GraphQL answer was expected")
        }
        let answer = try decode(GraphQLResponse<T>.self, from: response.body, endpoint: endpoint)
        if let errors = answer.errors, !errors.isEmpty {
            throw BigCommerceError.graphQL(endpoint: endpoint.route, messages: errors.map { $0.message ?? "(no message)" })
        }
        guard let data = answer.data else {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: "GraphQL answer without \"data\"")
        }
        return data
    }
}

/// `data` of the channel locales query.
struct LocalesData: Decodable {
    var store: Store
    struct Store: Decodable { var locales: Connection }
    struct Connection: Decodable { var edges: [Edge] }
    struct Edge: Decodable { var node: ChannelLocale }
}

/// `data` of a translations page.
struct TranslationsData: Decodable {
    var store: Store
    struct Store: Decodable { var translations: Connection }
    struct Connection: Decodable {
        var edges: [Edge]
        var pageInfo: PageInfo?
    }
    struct Edge: Decodable {
        var node: Node
        var cursor: String?
    }
    struct Node: Decodable {
        var resourceId: String
        var fields: [Field]
    }
    struct Field: Decodable {
        var fieldName: String
        var original: String?
        var translation: String?
    }
    struct PageInfo: Decodable {
        var hasNextPage: Bool
        var endCursor: String?
    }
}
