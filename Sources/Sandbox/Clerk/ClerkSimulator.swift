import Foundation
import Hummingbird
import JSONSupport
import Synchronization

/// The Clerk.io v2 API simulator: the catalog (`/v2/products` and `/v2/categories` with POST (upsert), PATCH
/// (partial update), DELETE and GET), orders (`/v2/orders`, see `ClerkSimulator+Orders.swift`), customers, audiences
/// and privacy (`/v2/customers`, `/v2/audiences/emails`, `/v2/privacy/forget`, see `ClerkSimulator+Shoppers.swift`), the tracking
/// endpoints (`/v2/log/*`, see `ClerkSimulator+Log.swift`), recommendations (`/v2/recommendations/*`, see
/// `ClerkSimulator+Recommendations.swift`) and search (`/v2/search/*`, see `ClerkSimulator+Search.swift`),
/// validating like the real API and answering with its envelopes.
final class ClerkSimulator: Sendable {
    let storage: ClerkStorage
    let faults: ClerkFaults
    let maxBodyBytes: Int
    let errorSequence = Mutex(0)

    init(storage: ClerkStorage, faults: ClerkFaults, maxBodyBytes: Int) {
        self.storage = storage
        self.faults = faults
        self.maxBodyBytes = maxBodyBytes
    }

    /// A Clerk error envelope with its HTTP status.
    struct ClerkFailure: Error {
        var status: Int
        var type: String
        var message: String
    }

    static func parsing(_ message: String) -> ClerkFailure {
        ClerkFailure(status: 400, type: "ParsingError", message: message)
    }

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        let settings = faults.settings
        let isWrite = request.method != .get && !request.uri.path.hasPrefix("/v2/log/")
            && !request.uri.path.hasPrefix("/v2/search/") && !request.uri.path.hasPrefix("/v2/recommendations/")
        faults.record {
            $0.totalRequests += 1
            if isWrite { $0.writeRequests += 1 }
        }
        if settings.latency > .zero {
            try await Task.sleep(for: settings.latency)
        }
        if settings.down {
            faults.record { $0.errors += 1 }
            return .text(.serviceUnavailable, "<html><body><h1>503 Service Unavailable</h1></body></html>")
        }
        var body: [UInt8] = []
        var request = request
        for try await buffer in request.body {
            body.append(contentsOf: buffer.readableBytesView)
            if body.count > maxBodyBytes {
                faults.record { $0.errors += 1 }
                return .text(.contentTooLarge, "<html><body><h1>413 Request Entity Too Large</h1></body></html>")
            }
        }
        request.body = .init(buffer: ByteBuffer())
        do {
            if faults.roll(settings.serverErrorRate) {
                throw ClerkFailure(status: 500, type: "InternalError", message: "An internal error occurred. Please retry later.")
            }
            return try handle(request, body: body, settings: settings)
        } catch let failure as ClerkFailure {
            faults.record { $0.errors += 1 }
            return errorResponse(failure)
        }
    }

    func errorResponse(_ failure: ClerkFailure) -> Response {
        let id = errorSequence.withLock {
            $0 += 1
            return $0
        }
        var writer = JSONWriter(capacity: 256)
        writer.openObject()
        writer.field("status", "error")
        writer.field("type", failure.type)
        writer.field("message", failure.message)
        writer.field("moreInfo", "http://help.clerk.io/error/\(id)")
        writer.field("id", id)
        writer.closeObject()
        return .json(.init(code: failure.status), writer.bytes)
    }

    static let okBody = Array(#"{"status":"ok"}"#.utf8)

    func handle(_ request: Request, body: [UInt8], settings: ClerkFaultSettings) throws -> Response {
        let path = request.uri.path.split(separator: "/").map(String.init)
        if path.count >= 3, path[0] == "v2", path[1] == "log" {
            return try handleLog(request, path: path.dropFirst().joined(separator: "/"), body: body)
        }
        if path == ["v2", "orders"] {
            return try handleOrders(request, body: body)
        }
        if path == ["v2", "customers"] {
            return try handleCustomers(request, body: body)
        }
        if path == ["v2", "audiences", "emails"] {
            return try handleAudienceEmails(request)
        }
        if path == ["v2", "privacy", "forget"] {
            return try handleForget(request, body: body)
        }
        if path.count >= 3, path[0] == "v2", path[1] == "recommendations" {
            return try handleRecommendations(request, name: path.dropFirst(2).joined(separator: "/"), body: body)
        }
        if path.count == 3, path[0] == "v2", path[1] == "search" {
            return try handleSearch(request, name: path[2], body: body)
        }
        guard path.count == 2, path[0] == "v2", let collection = ClerkStorage.Collection(rawValue: path[1]) else {
            throw ClerkFailure(status: 404, type: "LogicalError", message: "Unknown endpoint \(request.uri.path).")
        }
        let listName = collection.rawValue
        let query = QueryParameters(request.uri.query)
        switch request.method {
        case .post, .patch:
            guard let root = JSONValue.parse(body), case .object = root else {
                throw Self.parsing("The request body is not a valid JSON object.")
            }
            let keys = try authenticate(key: root["key"].flatMap(Self.stringValue), privateKey: root["private_key"].flatMap(Self.stringValue))
            guard let list = root[listName] else { throw Self.parsing("Missing argument \(listName).") }
            guard case .array(let items) = list else { throw Self.parsing("Argument \(listName) must be a list.") }
            var documents: [(Int, JSONValue)] = []
            for item in items {
                documents.append((try validate(item, listName: listName), item))
            }
            if collection == .products, let rejected = documents.first(where: { settings.rejectedProductIDs.contains($0.0) }) {
                throw Self.parsing("Product \(rejected.0) could not be parsed.")
            }
            storage.upsert(publicKey: keys.publicKey, collection: collection, documents: documents, merge: request.method == .patch)
            faults.record {
                if collection == .products { $0.productsWritten += documents.count } else { $0.categoriesWritten += documents.count }
            }
            return .json(.ok, Self.okBody)
        case .delete:
            let keys = try authenticate(key: query["key"], privateKey: query["private_key"])
            let ids = try idList(query[listName], listName: listName)
            storage.delete(publicKey: keys.publicKey, collection: collection, ids: ids)
            faults.record {
                if collection == .products { $0.productsDeleted += ids.count } else { $0.categoriesDeleted += ids.count }
            }
            return .json(.ok, Self.okBody)
        case .get:
            let keys = try authenticate(key: query["key"], privateKey: query["private_key"])
            let ids = try idList(query[listName], listName: listName)
            // UNCONFIRMED response shape: {"status":"ok","<collection>":[stored documents]} (the published spec gives none).
            var writer = JSONWriter(capacity: 4096)
            writer.openObject()
            writer.field("status", "ok")
            writer.key(listName)
            writer.openArray()
            for document in storage.fetch(publicKey: keys.publicKey, collection: collection, ids: ids) {
                document.write(to: &writer)
            }
            writer.closeArray()
            writer.closeObject()
            return .json(.ok, writer.bytes)
        default:
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
    }

    static func stringValue(_ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// Unknown public key → 401; wrong or missing private key → `AuthenticationError` under HTTP 200, as Clerk does.
    func authenticate(key: String?, privateKey: String?) throws -> SandboxClerkStore {
        guard let key, !key.isEmpty else { throw Self.parsing("Missing argument key.") }
        guard let keys = storage.keys(publicKey: key) else {
            throw ClerkFailure(status: 401, type: "AuthenticationError", message: "Invalid API key.")
        }
        guard let privateKey, privateKey == keys.privateKey else {
            throw ClerkFailure(status: 200, type: "AuthenticationError", message: "Invalid private key.")
        }
        return keys
    }

    func idList(_ text: String?, listName: String) throws -> [Int] {
        guard let text else { throw Self.parsing("Missing argument \(listName).") }
        guard let value = JSONValue.parse(Array(text.utf8)), case .array(let items) = value else {
            throw Self.parsing("Argument \(listName) must be a JSON-encoded list.")
        }
        return try items.map {
            guard let id = $0.intValue else { throw Self.parsing("Invalid id in \(listName).") }
            return id
        }
    }

    func validate(_ item: JSONValue, listName: String) throws -> Int {
        guard case .object(let fields) = item else { throw Self.parsing("Every element of \(listName) must be an object.") }
        guard let idValue = item["id"] else { throw Self.parsing("An element of \(listName) has no id.") }
        guard let id = idValue.intValue else { throw Self.parsing("Invalid id \(String(decoding: idValue.encoded(), as: UTF8.self)) in \(listName).") }
        for field in fields {
            guard !field.key.isEmpty, field.key.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95 }) else {
                throw Self.parsing("Invalid attribute name \"\(field.key)\" in \(listName) \(id): only A-Z, a-z, 0-9 and _ are allowed.")
            }
            if field.value.containsNull {
                throw Self.parsing("Attribute \(field.key) of \(listName) \(id) is null; omit it instead.")
            }
        }
        return id
    }
}
