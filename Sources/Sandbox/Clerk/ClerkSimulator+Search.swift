import Foundation
import Hummingbird

/// `search/search` (public key): a plain stand-in for Clerk's search, enough to record a shopper's search with
/// its visitor and labels. Matches products whose `name` contains the query (case-insensitive), ordered by id,
/// with `offset`/`limit`; answers `{"status","count","hits","result","facets","no_exact_match"}` as the
/// reference shows. Every accepted call is recorded in the call log like the `log/*` calls.
extension ClerkSimulator {
    /// Handles `/v2/search/search`.
    func handleSearch(_ request: Request, body: [UInt8]) throws -> Response {
        var arguments: [String: JSONValue] = [:]
        switch request.method {
        case .get:
            for (name, text) in QueryParameters(request.uri.query).values {
                switch name {
                case "limit", "offset": arguments[name] = Int(text).map(JSONValue.int) ?? .string(text)
                case "labels": arguments[name] = JSONValue.parse(Array(text.utf8)) ?? .string(text)
                default: arguments[name] = .string(text)
                }
            }
        case .post:
            guard case .object(let fields)? = JSONValue.parse(body) else {
                throw Self.parsing("The request body is not a valid JSON object.")
            }
            for field in fields { arguments[field.key] = field.value }
        default:
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
        let store = try authenticatePublic(key: arguments.removeValue(forKey: "key")?.stringValue)
        guard let query = arguments["query"]?.stringValue else { throw Self.parsing("Missing argument query.") }
        guard let limitValue = arguments["limit"] else { throw Self.parsing("Missing argument limit.") }
        guard case .number = limitValue, let limit = limitValue.intValue, limit >= 1 else {
            throw Self.parsing("Invalid argument limit: must be an integer ≥ 1.")
        }
        var offset = 0
        if let value = arguments["offset"] {
            guard case .number = value, let number = value.intValue, number >= 0 else {
                throw Self.parsing("Invalid argument offset: must be an integer ≥ 0.")
            }
            offset = number
        }
        if let visitor = arguments["visitor"],
            let problem = ClerkLogEndpoint.problem(in: visitor, kind: .visitor)
        {
            throw Self.parsing("Invalid argument visitor: \(problem).")
        }
        if let labels = arguments["labels"], let problem = ClerkLogEndpoint.problem(in: labels, kind: .labels) {
            throw Self.parsing("Invalid argument labels: \(problem).")
        }

        let matches = storage.productIDs(publicKey: store.publicKey, nameContaining: query.lowercased())
        let page = matches.dropFirst(offset).prefix(limit)

        let parameters = arguments.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        storage.record(
            ClerkLogCall(
                endpoint: "search/search", method: request.method.rawValue, publicKey: store.publicKey,
                parameters: .object(parameters), receivedAt: Date()))
        faults.record { $0.logCalls += 1 }

        var writer = JSONWriter(capacity: 64 + 8 * page.count)
        writer.openObject()
        writer.field("status", "ok")
        writer.field("count", page.count)
        writer.field("hits", matches.count)
        writer.field("result", Array(page))
        writer.key("facets")
        writer.openObject()
        writer.closeObject()
        writer.field("no_exact_match", matches.isEmpty)
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }
}
