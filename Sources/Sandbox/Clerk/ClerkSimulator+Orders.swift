import Foundation
import Hummingbird
import JSONSupport

/// `/v2/orders` (private key, clerk-api.md §2.1 and §2.6): `POST` adds or replaces orders, `PATCH` changes the
/// given attributes of orders the store holds, `GET ?orders=[ids]` reads them back.
extension ClerkSimulator {
    /// The order statuses Clerk accepts (clerk-api.md §2.6).
    static let orderStatuses: Set<String> = ["CONFIRMED", "SENT", "DELIVERED", "RETURNED", "CANCELLED"]

    func handleOrders(_ request: Request, body: [UInt8]) throws -> Response {
        switch request.method {
        case .post, .patch:
            guard let root = JSONValue.parse(body), case .object = root else {
                throw Self.parsing("The request body is not a valid JSON object.")
            }
            let keys = try authenticate(
                key: root["key"].flatMap(Self.stringValue), privateKey: root["private_key"].flatMap(Self.stringValue))
            guard let list = root["orders"] else { throw Self.parsing("Missing argument orders.") }
            guard case .array(let items) = list else { throw Self.parsing("Argument orders must be a list.") }
            var orders: [(String, JSONValue)] = []
            for item in items {
                guard case .object = item else { throw Self.parsing("Every element of orders must be an object.") }
                guard let id = ClerkStorage.orderKey(item["id"]) else { throw Self.parsing("An element of orders has no id.") }
                if let status = item["status"], !(status.stringValue.map(Self.orderStatuses.contains) ?? false) {
                    throw Self.parsing("Invalid status for order \(id): use CONFIRMED, SENT, DELIVERED, RETURNED or CANCELLED.")
                }
                if item.containsNull { throw Self.parsing("Order \(id) has a null attribute; omit it instead.") }
                if faults.settings.rejectedOrderIDs.contains(id) { throw Self.parsing("Order \(id) could not be parsed.") }
                orders.append((id, item))
            }
            let merge = request.method == .patch
            if merge {
                // UNCONFIRMED: the real API's answer to a PATCH of an order it does not hold is not documented;
                // the sandbox refuses it with a LogicalError envelope (HTTP 400) and changes nothing.
                if let missing = storage.missingOrders(publicKey: keys.publicKey, ids: orders.map(\.0)).first {
                    throw ClerkFailure(status: 400, type: "LogicalError", message: "Order \(missing) does not exist.")
                }
            }
            storage.upsertOrders(publicKey: keys.publicKey, orders.map { ($0.0, Self.withStringID($0.1, $0.0)) }, merge: merge)
            faults.record { $0.ordersWritten += orders.count }
            return .json(.ok, Self.okBody)
        case .get:
            let query = QueryParameters(request.uri.query)
            let keys = try authenticate(key: query["key"], privateKey: query["private_key"])
            guard let text = query["orders"] else { throw Self.parsing("Missing argument orders.") }
            guard case .array(let items)? = JSONValue.parse(Array(text.utf8)) else {
                throw Self.parsing("Argument orders must be a JSON-encoded list.")
            }
            let ids = try items.map {
                guard let id = ClerkStorage.orderKey($0) else { throw Self.parsing("Invalid id in orders.") }
                return id
            }
            var writer = JSONWriter(capacity: 1024)
            writer.openObject()
            writer.field("status", "ok")
            writer.key("orders")
            writer.openArray()
            for id in ids {
                storage.order(publicKey: keys.publicKey, id: id)?.write(to: &writer)
            }
            writer.closeArray()
            writer.closeObject()
            return .json(.ok, writer.bytes)
        default:
            throw ClerkFailure(status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
    }

    /// `document` with its `id` written as the text id it is stored under (`keepNumber`: a numeric id stays a number).
    static func withStringID(_ document: JSONValue, _ id: String, keepNumber: Bool = false) -> JSONValue {
        guard case .object(var fields) = document else { return document }
        if let index = fields.firstIndex(where: { $0.key == "id" }) {
            if keepNumber, case .number = fields[index].value { return document }
            fields[index].value = .string(id)
        }
        return .object(fields)
    }
}
