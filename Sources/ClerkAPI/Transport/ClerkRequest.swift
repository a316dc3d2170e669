import JSONSupport

/// One Clerk API call before it is sent: method, path, query, optional JSON body, and the secret to keep out of
/// anything that is logged or stored.
struct ClerkRequest: Sendable {
    /// The HTTP methods the Clerk API uses.
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The HTTP method.
    var method: Method
    /// The path below the base URL, without a leading slash (e.g. `products`, `log/sale`).
    var path: String
    /// Query parameters in order, not yet percent-encoded.
    var query: [(name: String, value: String)]
    /// The JSON body, if any, with the position of the private key inside it.
    var body: RedactableBytes?
    /// The private key this request carries, if any, for redaction.
    var privateKey: String?

    /// A request whose parameters travel in the query string (GET, DELETE): `key`, then `private_key` when
    /// `includePrivateKey`, then `parameters` (list values must already be JSON-encoded).
    static func query(
        _ method: Method, path: String, keys: ClerkStoreKeys, includePrivateKey: Bool = true,
        parameters: [(name: String, value: String)]
    ) -> ClerkRequest {
        var query: [(name: String, value: String)] = [("key", keys.publicKey)]
        if includePrivateKey { query.append(("private_key", keys.privateKey)) }
        query.append(contentsOf: parameters)
        return ClerkRequest(
            method: method, path: path, query: query, body: nil,
            privateKey: includePrivateKey ? keys.privateKey : nil)
    }

    /// A request whose parameters travel in a JSON body (POST, PATCH): `key`, then `private_key` when
    /// `includePrivateKey`, then whatever `members` adds. `capacity` is a hint for the body size in bytes.
    static func json(
        _ method: Method, path: String, keys: ClerkStoreKeys, includePrivateKey: Bool = true, capacity: Int = 256,
        members: (inout JSONBodyBuilder) -> Void
    ) -> ClerkRequest {
        var builder = JSONBodyBuilder(capacity: capacity + 2 * (keys.publicKey.utf8.count + keys.privateKey.utf8.count) + 64)
        builder.addString("key", keys.publicKey)
        if includePrivateKey { builder.addString("private_key", keys.privateKey, isSecret: true) }
        members(&builder)
        return ClerkRequest(
            method: method, path: path, query: [], body: builder.finish(),
            privateKey: includePrivateKey ? keys.privateKey : nil)
    }

    /// `METHOD /path`, for logs and errors; never includes the query.
    var endpoint: String { "\(method.rawValue) /\(path)" }

    /// The absolute URL to call, below `base` (e.g. `https://api.clerk.io/v2`).
    func url(base: String) -> String {
        var url = base.hasSuffix("/") ? String(base.dropLast()) : base
        url += "/" + path
        if !query.isEmpty { url += "?" + QueryEncoding.queryString(query) }
        return url
    }

    /// What a dead letter keeps: the JSON body as sent, or the request line for query-only calls, with the
    /// private key's value replaced by `***`.
    var redactedPayload: [UInt8] {
        if let body { return body.redacted }
        var line = endpoint
        if !query.isEmpty {
            let items = query.map { item in
                item.name == "private_key" && privateKey != nil
                    ? "private_key=***"
                    : QueryEncoding.percentEncode(item.name) + "=" + QueryEncoding.percentEncode(item.value)
            }
            line += "?" + items.joined(separator: "&")
        }
        return Array(line.utf8)
    }

    /// `bytes` with every echo of the private key (plain, JSON-escaped or percent-encoded) replaced by `***`.
    func redacting(_ bytes: [UInt8]) -> [UInt8] {
        guard let privateKey, !privateKey.isEmpty else { return bytes }
        var result = bytes
        let forms = Set([
            Array(privateKey.utf8), JSONWriter.escaped(privateKey),
            Array(QueryEncoding.percentEncode(privateKey).utf8),
        ])
        for form in forms { result = Self.replacing(form, in: result) }
        return result
    }

    /// `text` with every echo of the private key replaced by `***`.
    func redacting(_ text: String) -> String {
        guard let privateKey, !privateKey.isEmpty else { return text }
        return String(decoding: redacting(Array(text.utf8)), as: UTF8.self)
    }

    private static func replacing(_ needle: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return haystack }
        let mask = Array("***".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            if haystack[index] == needle[0], index + needle.count <= haystack.count,
                haystack[index..<(index + needle.count)].elementsEqual(needle)
            {
                output.append(contentsOf: mask)
                index += needle.count
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return output
    }
}
