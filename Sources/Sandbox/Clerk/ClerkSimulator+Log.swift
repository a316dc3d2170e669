import Foundation
import Hummingbird
import JSONSupport

/// Tracking endpoints (`/v2/log/*`): GET with query parameters or POST with a JSON body, answered with
/// `{"status":"ok"}` and recorded in `ClerkStorage` once accepted.
extension ClerkSimulator {
    /// Handles `/v2/<path>` where `path` starts with `log/`.
    func handleLog(_ request: Request, path: String, body: [UInt8]) throws -> Response {
        guard let endpoint = ClerkLogEndpoint.byPath[path] else {
            throw ClerkFailure(status: 404, type: "LogicalError", message: "Unknown endpoint /v2/\(path).")
        }
        var arguments: [String: JSONValue] = [:]
        switch request.method {
        case .get:
            for (name, text) in QueryParameters(request.uri.query).values {
                arguments[name] = endpoint.value(fromQuery: text, name: name)
            }
        case .post:
            guard case .object(let fields)? = JSONValue.parse(body) else {
                throw Self.parsing("The request body is not a valid JSON object.")
            }
            for field in fields { arguments[field.key] = field.value }
        default:
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }

        let key = arguments.removeValue(forKey: "key")?.stringValue
        let privateKey = arguments.removeValue(forKey: "private_key")?.stringValue
        let store = endpoint.needsPrivateKey
            ? try authenticate(key: key, privateKey: privateKey)
            : try authenticatePublic(key: key)
        if let problem = endpoint.problem(in: arguments) { throw Self.parsing(problem) }
        if let visitor = arguments["visitor"]?.stringValue, faults.settings.rejectedVisitors.contains(visitor) {
            throw Self.parsing("Invalid argument visitor: refused by the sandbox.")
        }

        let parameters = arguments.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        if path == "log/sale" { storage.recordSale(publicKey: store.publicKey, arguments: arguments, at: Date()) }
        storage.record(
            ClerkLogCall(
                endpoint: path, method: request.method.rawValue, publicKey: store.publicKey,
                parameters: .object(parameters), receivedAt: Date()))
        faults.record { $0.logCalls += 1 }
        return .json(.ok, Self.okBody)
    }

    /// Public-key calls: missing key → `ParsingError`, unknown key → 401 `AuthenticationError`.
    func authenticatePublic(key: String?) throws -> SandboxClerkStore {
        guard let key, !key.isEmpty else { throw Self.parsing("Missing argument key.") }
        guard let store = storage.keys(publicKey: key) else {
            throw ClerkFailure(status: 401, type: "AuthenticationError", message: "Invalid API key.")
        }
        return store
    }
}
