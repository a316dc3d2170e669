import Foundation

/// One request: HTTP method (GET unless said), API version, path below `/stores/{hash}/{version}/`, query items in order.
struct Endpoint: Sendable, CustomStringConvertible {
    var method: String
    var version: APIVersion
    var path: String
    var query: [(name: String, value: String)]

    init(_ version: APIVersion, _ path: String, query: [(name: String, value: String)] = [], method: String = "GET") {
        self.method = method
        self.version = version
        self.path = path
        self.query = query
    }

    /// `{apiURL}/stores/{storeHash}/{version}/{path}?{query}` with percent-encoded values (`…/graphql` for the
    /// GraphQL Admin API, whose path is empty).
    func url(for credentials: BigCommerceCredentials) -> String {
        var base = credentials.apiURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let hash = Self.encode(credentials.storeHash, allowed: Self.pathAllowed)
        let trimmedPath = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var url = "\(base)/stores/\(hash)/\(version.rawValue)"
        if !trimmedPath.isEmpty { url += "/" + trimmedPath }
        if !query.isEmpty { url += "?" + queryString }
        return url
    }

    /// The query string alone (keys keep `:`, values keep `,` and `:`).
    var queryString: String {
        query.map { Self.encode($0.name, allowed: Self.keyAllowed) + "=" + Self.encode($0.value, allowed: Self.valueAllowed) }
            .joined(separator: "&")
    }

    /// `GET /v3/catalog/products?…` — safe for logs and errors (holds no secret).
    var description: String {
        let target = route.dropFirst(method.count + 1)
        return query.isEmpty ? "\(method) \(target)" : "\(method) \(target)?\(queryString)"
    }

    /// The concurrency limit BigCommerce documents for this endpoint, if any.
    var concurrencyLimit: ConcurrencyLimit? {
        guard method == "GET", version == .v3 else { return nil }
        let parts = path.split(separator: "/")
        if parts.count == 3, parts[0] == "pricelists", parts[2] == "records" { return .priceListRecords }
        if parts.count == 4, parts[0] == "catalog", parts[1] == "trees", parts[3] == "categories" { return .categoryTree }
        return nil
    }

    /// `GET /v3/catalog/products` without the query.
    var route: String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return trimmed.isEmpty ? "\(method) /\(version.rawValue)" : "\(method) /\(version.rawValue)/\(trimmed)"
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    private static let pathAllowed = unreserved
    private static let keyAllowed = unreserved.union(CharacterSet(charactersIn: ":"))
    private static let valueAllowed = unreserved.union(CharacterSet(charactersIn: ",:"))

    private static func encode(_ text: String, allowed: CharacterSet) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
