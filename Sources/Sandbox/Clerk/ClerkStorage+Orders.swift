import Foundation
import JSONSupport

/// Orders of the simulated Clerk stores: created or replaced by `log/sale` and `POST /v2/orders`, updated by
/// `PATCH /v2/orders`, read by `GET /v2/orders`.
extension ClerkStorage {
    /// The orders of the store with `publicKey`, by id (as text), as compact JSON bytes.
    public func orders(publicKey: String) -> [String: [UInt8]] {
        stores.withLock { $0[publicKey]?.orders ?? [:] }.mapValues { $0.encoded() }
    }

    /// One order of the store with `publicKey`, or nil.
    public func order(publicKey: String, id: String) -> JSONValue? {
        stores.withLock { $0[publicKey]?.orders[id] }
    }

    /// An order id as text: a number's digits or the string itself.
    static func orderKey(_ value: JSONValue?) -> String? {
        switch value {
        case .number(let text)?: Int(text).map(String.init)
        case .string(let text)? where !text.isEmpty: text
        default: nil
        }
    }

    /// Creates or replaces the order a `log/sale` call describes: `{id, products, customer?, email?, visitor?,
    /// time, status: "CONFIRMED"}`. UNCONFIRMED: that Clerk keeps `log/sale` orders as order documents with a
    /// status is an inference from clerk-api.md §2.6 (orders are upserted by id, `status` is an order attribute).
    func recordSale(publicKey: String, arguments: [String: JSONValue], at date: Date) {
        guard let id = Self.orderKey(arguments["sale"]) else { return }
        var fields: [(key: String, value: JSONValue)] = [("id", .string(id))]
        for name in ["products", "customer", "email", "visitor"] {
            if let value = arguments[name] { fields.append((name, value)) }
        }
        fields.append(("time", .int(Int(date.timeIntervalSince1970))))
        fields.append(("status", .string("CONFIRMED")))
        upsertOrders(publicKey: publicKey, [(id, .object(fields))], merge: false)
    }

    /// Upserts orders (`merge`: only the given attributes change).
    func upsertOrders(publicKey: String, _ orders: [(String, JSONValue)], merge: Bool) {
        stores.withLock { stores in
            guard var store = stores.removeValue(forKey: publicKey) else { return }
            for (id, document) in orders {
                if merge, case .object(var existing)? = store.orders[id], case .object(let changes) = document {
                    for change in changes {
                        if let index = existing.firstIndex(where: { $0.key == change.key }) {
                            existing[index].value = change.value
                        } else {
                            existing.append(change)
                        }
                    }
                    store.orders[id] = .object(existing)
                } else {
                    store.orders[id] = document
                }
            }
            stores[publicKey] = store
        }
    }

    /// The ids among `ids` the store with `publicKey` does not hold.
    func missingOrders(publicKey: String, ids: [String]) -> [String] {
        stores.withLock { stores in ids.filter { stores[publicKey]?.orders[$0] == nil } }
    }
}
