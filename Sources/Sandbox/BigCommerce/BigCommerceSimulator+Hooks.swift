import Foundation
import Hummingbird
import JSONSupport

/// `/v3/hooks` and `/v3/hooks/admin`: webhook subscriptions of the sandbox store (reference §5.1).
extension BigCommerceSimulator {
    static let maxHookBodyBytes = 1 << 20

    static func collectBody(_ request: Request) async throws -> [UInt8] {
        var body: [UInt8] = []
        for try await buffer in request.body {
            body.append(contentsOf: buffer.readableBytesView)
            if body.count > maxHookBodyBytes {
                throw Failure(status: 413, title: "The request body is too large.")
            }
        }
        return body
    }

    func hooks(_ rest: [String], method: HTTPRequest.Method, query: QueryParameters, body: [UInt8]) throws -> Response {
        switch (rest.dropFirst(2).first, method) {
        case (nil, .get):
            return try listHooks(query)
        case (nil, .post):
            let request = try hookRequest(body)
            guard let scope = request.scope, !scope.isEmpty else {
                throw Failure(status: 422, title: "The field 'scope' is required.", errors: ["scope": "is required"])
            }
            guard let destination = request.destination, !destination.isEmpty else {
                throw Failure(status: 422, title: "The field 'destination' is required.", errors: ["destination": "is required"])
            }
            let hook = try unprocessable { () throws(SandboxHookError) in
                try webhooks.createHook(scope: scope, destination: destination, isActive: request.isActive ?? true, headers: request.headers)
            }
            return single { $0.hook(hook, withStatus: false) }
        case ("admin", .get) where rest.count == 3:
            return hooksAdmin()
        case ("admin", .put) where rest.count == 3:
            guard let root = JSONValue.parse(body), case .object = root else { throw Self.invalidJSON }
            let invalid = Failure(status: 422, title: "The field 'emails' must be a list of strings.", errors: ["emails": "must be a list of strings"])
            guard case .array(let items) = root["emails"] ?? .array([]) else { throw invalid }
            let emails = items.compactMap(\.stringValue)
            guard emails.count == items.count else { throw invalid }
            webhooks.notificationEmails = emails
            return hooksAdmin()
        case (let idText?, _) where rest.count == 3:
            guard let id = Int(idText), let current = webhooks.hook(id: id) else {
                throw Failure(status: 404, title: "The requested hook was not found.")
            }
            switch method {
            case .get:
                return single { $0.hook(current, withStatus: false) }
            case .put:
                let request = try hookRequest(body)
                let hook = try unprocessable { () throws(SandboxHookError) in
                    try webhooks.updateHook(
                        id: id, scope: request.scope, destination: request.destination, isActive: request.isActive,
                        headers: request.headers)
                }
                guard let hook else { throw Failure(status: 404, title: "The requested hook was not found.") }
                return single { $0.hook(hook, withStatus: false) }
            case .delete:
                guard let deleted = webhooks.deleteHook(id: id) else {
                    throw Failure(status: 404, title: "The requested hook was not found.")
                }
                return single { $0.hook(deleted, withStatus: false) }
            default:
                throw Failure(status: 405, title: "Method not allowed.")
            }
        case (nil, _), ("admin", _):
            throw Failure(status: 405, title: "Method not allowed.")
        default:
            throw Failure(status: 404, title: "The requested resource was not found.")
        }
    }

    func listHooks(_ query: QueryParameters) throws -> Response {
        var hooks = webhooks.hooks()
        if let text = query["is_active"] {
            guard let active = ["true": true, "1": true, "false": false, "0": false][text] else {
                throw Failure(status: 422, title: "The filter(s): is_active are not valid.", errors: ["is_active": "must be true or false"])
            }
            hooks = hooks.filter { $0.isActive == active }
        }
        if let scope = query["scope"] { hooks = hooks.filter { $0.scope == scope } }
        if let destination = query["destination"] { hooks = hooks.filter { $0.destination == destination } }
        return try paginated(hooks, query: query) { $0.hook($1, withStatus: false) }
    }

    func hooksAdmin() -> Response {
        let hooks = webhooks.hooks()
        let emails = webhooks.notificationEmails
        let blocked = webhooks.blockedDomains()
        return single { writer in
            writer.openObject()
            writer.field("emails", emails)
            writer.key("hooks_list")
            writer.openArray()
            for hook in hooks { writer.hook(hook, withStatus: true) }
            writer.closeArray()
            writer.key("blocked_domains")
            writer.openArray()
            for domain in blocked {
                writer.openObject()
                writer.field("destination", domain.destination)
                writer.field("time_left", domain.timeLeft)
                writer.key("reasons")
                writer.openArray()
                for reason in domain.reasons {
                    writer.openObject()
                    writer.field("failure_description", reason.failureDescription)
                    writer.field("count", reason.count)
                    writer.field("timestamp", reason.timestamp)
                    writer.closeObject()
                }
                writer.closeArray()
                writer.closeObject()
            }
            writer.closeArray()
            writer.closeObject()
        }
    }

    /// The members of a `POST`/`PUT /v3/hooks` body; absent members are nil.
    struct HookRequest {
        var scope: String?
        var destination: String?
        var isActive: Bool?
        var headers: [String: String]?
    }

    static let invalidJSON = Failure(status: 400, title: "The request body is not a valid JSON object.")

    func hookRequest(_ body: [UInt8]) throws -> HookRequest {
        guard let root = JSONValue.parse(body), case .object = root else { throw Self.invalidJSON }
        var request = HookRequest()
        for name in ["scope", "destination"] {
            switch root[name] {
            case nil, .null?: continue
            case .string(let text)?: if name == "scope" { request.scope = text } else { request.destination = text }
            default: throw Failure(status: 422, title: "The field '\(name)' must be a string.", errors: [name: "must be a string"])
            }
        }
        switch root["is_active"] {
        case nil, .null?: break
        case .bool(let flag)?: request.isActive = flag
        default: throw Failure(status: 422, title: "The field 'is_active' must be a boolean.", errors: ["is_active": "must be a boolean"])
        }
        switch root["headers"] {
        case nil, .null?: break
        case .object(let fields)?:
            var headers: [String: String] = [:]
            for field in fields {
                switch field.value {
                case .string(let text): headers[field.key] = text
                case .number(let text): headers[field.key] = text
                case .bool(let flag): headers[field.key] = String(flag)
                default: throw Failure(status: 422, title: "Header values must be strings.", errors: ["headers": "values must be strings"])
                }
            }
            request.headers = headers
        default: throw Failure(status: 422, title: "The field 'headers' must be an object.", errors: ["headers": "must be an object"])
        }
        return request
    }

    /// Runs a hook change, answering its ``SandboxHookError`` as a 422.
    func unprocessable<T>(_ change: () throws(SandboxHookError) -> T) throws -> T {
        do {
            return try change()
        } catch {
            throw Failure(status: 422, title: "The hook is not valid: \(error.message).", errors: [error.field: error.message])
        }
    }
}

extension JSONWriter {
    /// A hook as `/v3/hooks` renders it; `withStatus` adds `status` as `hooks_list` of `/v3/hooks/admin` does.
    mutating func hook(_ hook: SandboxHook, withStatus: Bool) {
        openObject()
        field("id", hook.id)
        field("client_id", hook.clientID)
        field("store_hash", hook.storeHash)
        field("scope", hook.scope)
        field("destination", hook.destination)
        field("is_active", hook.isActive)
        key("headers")
        if let headers = hook.headers {
            openObject()
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) { field(name, value) }
            closeObject()
        } else {
            null()
        }
        field("created_at", hook.createdAt)
        field("updated_at", hook.updatedAt)
        if withStatus { field("status", hook.status) }
        closeObject()
    }
}
