import Foundation
import JSONSupport
import Sandbox
import StorefrontRegistry

/// What Clerk must hold for the sandbox store's orders and customers, derived from the sandbox's records with the
/// rules of mapping.md §4 (written out here again, independently of the code under test).
enum ExpectedShoppers {
    /// The order documents per storefront name, by order id, for the orders created in `since...until`.
    static func orders(
        in store: SandboxStore, targets: [ResolvedStorefront], since: Date, until: Date? = nil
    ) -> [String: [String: JSONValue]] {
        let rates = Dictionary(uniqueKeysWithValues: store.catalog.currencies.map { ($0.code, $0) })
        var result: [String: [String: JSONValue]] = [:]
        for order in store.orders() where order.dateCreated >= since && (until.map { order.dateCreated <= $0 } ?? true) {
            let channel = targets.filter { $0.channelID == order.channelID }
            let inCurrency = channel.filter { $0.storefront.currency == order.currencyCode }
            let target = (inCurrency.count > 1 ? inCurrency.first { $0.locale == order.customerLocale } : nil) ?? inCurrency.first ?? channel.first
            guard let target, ![0, 6].contains(order.statusID) else { continue }
            let lines = order.lines.filter {
                $0.productID > 0 && $0.type != "giftcertificate" && !$0.isBundledProduct && $0.parentOrderProductID == nil && $0.quantity > 0
            }
            guard !lines.isEmpty else { continue }
            var fields: [(key: String, value: JSONValue)] = []
            if order.customerID > 0 { fields.append(("customer", .string(String(order.customerID)))) }
            if !order.billingEmail.isEmpty { fields.append(("email", .string(order.billingEmail))) }
            fields.append(("id", .string(String(order.id))))
            fields.append(("products", .array(lines.map { line in
                var price = line.discountedTotalIncTax / Decimal(line.quantity)
                if order.defaultCurrencyCode != target.storefront.currency {
                    price = price / (rates[order.defaultCurrencyCode]?.exchangeRate ?? 1) * (rates[target.storefront.currency]?.exchangeRate ?? 1)
                }
                return .object([("id", .int(line.productID)), ("price", .number(round(price, 2).description)), ("quantity", .int(line.quantity))])
            })))
            if order.statusID == 5 { fields.append(("status", "CANCELLED")) }
            if order.statusID == 4 { fields.append(("status", "RETURNED")) }
            fields.append(("time", .int(Int(order.dateCreated.timeIntervalSince1970))))
            result[target.name, default: [:]][String(order.id)] = .object(fields)
        }
        return result
    }

    /// The customer documents per storefront name, by customer id.
    static func customers(in store: SandboxStore, targets: [ResolvedStorefront]) -> [String: [Int: JSONValue]] {
        let subscribers = store.subscribers()
        var result: [String: [Int: JSONValue]] = [:]
        for target in targets { result[target.name] = [:] }
        for customer in store.customers() {
            let email = customer.email.trimmingCharacters(in: .whitespaces)
            guard !email.isEmpty else { continue }
            for target in targets {
                let allowed = customer.channelIDs.map { $0.contains(target.channelID) } ?? store.allowsGlobalLogins(channelID: target.channelID)
                guard allowed else { continue }
                let subscribed = subscribers.contains {
                    $0.email.trimmingCharacters(in: .whitespaces).lowercased() == email.lowercased()
                        && ($0.channelID == nil || $0.channelID == target.channelID)
                        && ($0.consents.map { $0.contains("marketing_newsletter") } ?? true)
                }
                let name = [customer.firstName, customer.lastName].filter { !$0.isEmpty }.joined(separator: " ")
                var fields: [(key: String, value: JSONValue)] = [
                    ("customer_group", .int(customer.customerGroupID)), ("customerid", .int(customer.id)), ("email", .string(email)),
                    ("id", .int(customer.id)),
                ]
                if !name.isEmpty { fields.append(("name", .string(name))) }
                fields.append(("subscribed", .bool(subscribed)))
                result[target.name]?[customer.id] = .object(fields)
            }
        }
        return result
    }

    /// Every difference between `want` and `have` documents (JSON compared by value: numbers by their decimal value).
    static func differences<ID: Hashable & Comparable>(_ want: [ID: JSONValue], _ have: [ID: [UInt8]], label: String) -> [String] {
        var found: [String] = []
        for id in Set(want.keys).union(have.keys).sorted() {
            switch (want[id], have[id].flatMap { JSONValue.parse($0) }) {
            case (.some, nil): found.append("\(label) \(id) missing")
            case (nil, .some): found.append("\(label) \(id) unexpected")
            case (let want?, let have?):
                if !same(want, have) { found.append("\(label) \(id): want \(String(decoding: want.encoded(), as: UTF8.self)), have \(String(decoding: have.encoded(), as: UTF8.self))") }
            case (nil, nil): break
            }
        }
        return found
    }

    static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            let bByKey = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
            return a.count == b.count && a.allSatisfy { field in bByKey[field.key].map { same(field.value, $0) } ?? false }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy(same)
        case (.number(let a), .number(let b)):
            return Decimal(string: a) == Decimal(string: b)
        default:
            return left == right
        }
    }

    static func round(_ value: Decimal, _ places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }
}
