import Foundation
import Hummingbird
import JSONSupport

/// Customers (`/v2/customers`: POST adds or replaces, PATCH changes the given attributes, GET `?customers=[emails]`,
/// DELETE `?customers=[ids]`), audience members (`GET /v2/audiences/emails?id=`) and `privacy/forget` (GET or POST with
/// one of `email`, `customer`, `visitor`), all with the private key.
extension ClerkSimulator {
    func handleCustomers(_ request: Request, body: [UInt8]) throws -> Response {
        switch request.method {
        case .post, .patch:
            guard let root = JSONValue.parse(body), case .object = root else {
                throw Self.parsing("The request body is not a valid JSON object.")
            }
            let keys = try authenticate(
                key: root["key"].flatMap(Self.stringValue), privateKey: root["private_key"].flatMap(Self.stringValue))
            guard let list = root["customers"] else { throw Self.parsing("Missing argument customers.") }
            guard case .array(let items) = list else { throw Self.parsing("Argument customers must be a list.") }
            let stored = storage.customerDocuments(publicKey: keys.publicKey)
            var customers: [(String, JSONValue)] = []
            for item in items {
                guard case .object(let fields) = item else { throw Self.parsing("Every element of customers must be an object.") }
                guard let id = ClerkStorage.orderKey(item["id"]) else { throw Self.parsing("An element of customers has no id.") }
                for field in fields {
                    guard !field.key.isEmpty, field.key.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95 }) else {
                        throw Self.parsing("Invalid attribute name \"\(field.key)\" in customer \(id): only A-Z, a-z, 0-9 and _ are allowed.")
                    }
                }
                if item.containsNull { throw Self.parsing("Customer \(id) has a null attribute; omit it instead.") }
                if let email = item["email"], email.stringValue == nil { throw Self.parsing("The email of customer \(id) must be a string.") }
                if request.method == .patch, stored[id] == nil {
                    throw ClerkFailure(status: 400, type: "LogicalError", message: "Customer \(id) does not exist.")
                }
                // UNCONFIRMED: Clerk's newest documentation calls `email` and `customerid` immutable; the sandbox refuses
                // a change of either for a customer it holds, so the delete-then-create path is exercised.
                if let existing = stored[id] {
                    for name in ["email", "customerid"] {
                        if let old = existing[name], let new = item[name], old != new {
                            throw ClerkFailure(
                                status: 400, type: "LogicalError",
                                message: "The \(name) of customer \(id) cannot be changed; delete the customer and create it again.")
                        }
                    }
                }
                customers.append((id, ClerkSimulator.withStringID(item, id, keepNumber: true)))
            }
            storage.upsertCustomers(publicKey: keys.publicKey, customers, merge: request.method == .patch)
            faults.record { $0.customersWritten += customers.count }
            return .json(.ok, Self.okBody)
        case .get:
            let query = QueryParameters(request.uri.query)
            let keys = try authenticate(key: query["key"], privateKey: query["private_key"])
            guard let text = query["customers"] else { throw Self.parsing("Missing argument customers.") }
            guard case .array(let items)? = JSONValue.parse(Array(text.utf8)) else {
                throw Self.parsing("Argument customers must be a JSON-encoded list of emails.")
            }
            let emails = Set(try items.map {
                guard let email = $0.stringValue else { throw Self.parsing("Argument customers must list emails.") }
                return ClerkStorage.normalize(email)
            })
            // UNCONFIRMED response shape (the published example is empty): {"status":"ok","customers":[documents]}.
            var writer = JSONWriter(capacity: 1024)
            writer.openObject()
            writer.field("status", "ok")
            writer.key("customers")
            writer.openArray()
            for (_, document) in storage.customerDocuments(publicKey: keys.publicKey).sorted(by: { $0.key < $1.key })
            where document["email"]?.stringValue.map(ClerkStorage.normalize).map(emails.contains) == true {
                document.write(to: &writer)
            }
            writer.closeArray()
            writer.closeObject()
            return .json(.ok, writer.bytes)
        case .delete:
            let query = QueryParameters(request.uri.query)
            let keys = try authenticate(key: query["key"], privateKey: query["private_key"])
            guard let text = query["customers"] else { throw Self.parsing("Missing argument customers.") }
            guard case .array(let items)? = JSONValue.parse(Array(text.utf8)) else {
                throw Self.parsing("Argument customers must be a JSON-encoded list of ids.")
            }
            let ids = try items.map {
                guard let id = ClerkStorage.orderKey($0) else { throw Self.parsing("Invalid id in customers.") }
                return id
            }
            storage.deleteCustomers(publicKey: keys.publicKey, ids: ids)
            faults.record { $0.customersDeleted += ids.count }
            return .json(.ok, Self.okBody)
        default:
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
    }

    func handleAudienceEmails(_ request: Request) throws -> Response {
        guard request.method == .get else {
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
        let query = QueryParameters(request.uri.query)
        let keys = try authenticate(key: query["key"], privateKey: query["private_key"])
        guard let id = query["id"], !id.isEmpty else { throw Self.parsing("Missing argument id.") }
        if faults.settings.failingAudiences.contains(id) {
            throw ClerkFailure(status: 500, type: "InternalError", message: "An internal error occurred. Please retry later.")
        }
        // UNCONFIRMED: what an unknown audience answers; a LogicalError envelope is assumed.
        guard let members = storage.audienceMembers(publicKey: keys.publicKey, id: id) else {
            throw ClerkFailure(status: 400, type: "LogicalError", message: "Audience \(id) does not exist.")
        }
        faults.record { $0.audienceReads += 1 }
        var writer = JSONWriter(capacity: 32 * members.count + 64)
        writer.openObject()
        writer.field("status", "ok")
        writer.field("audiences", members)
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    func handleForget(_ request: Request, body: [UInt8]) throws -> Response {
        var arguments: [String: String] = [:]
        switch request.method {
        case .get:
            arguments = QueryParameters(request.uri.query).values
        case .post:
            guard case .object(let fields)? = JSONValue.parse(body) else { throw Self.parsing("The request body is not a valid JSON object.") }
            for field in fields { arguments[field.key] = field.value.stringValue ?? field.value.intValue.map(String.init) }
        default:
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
        let keys = try authenticate(key: arguments["key"], privateKey: arguments["private_key"])
        let given = ["email", "customer", "visitor"].filter { arguments[$0]?.isEmpty == false }
        guard given.count == 1 else { throw Self.parsing("Give exactly one of email, customer and visitor.") }
        _ = storage.forget(
            publicKey: keys.publicKey, email: arguments["email"], customer: arguments["customer"], visitor: arguments["visitor"])
        faults.record { $0.forgets += 1 }
        return .json(.ok, Self.okBody)
    }
}
