import Foundation
import JSONSupport

/// Customers (`/v2/customers`), audiences (`/v2/audiences/emails`) and privacy (`/v2/privacy/forget`) of the simulated
/// Clerk stores.
extension ClerkStorage {
    /// The customers of the store with `publicKey`, by id (as text), as compact JSON bytes.
    public func customers(publicKey: String) -> [String: [UInt8]] {
        stores.withLock { $0[publicKey]?.customers ?? [:] }.mapValues { $0.encoded() }
    }

    /// The customer documents of the store with `publicKey`, by id (as text).
    func customerDocuments(publicKey: String) -> [String: JSONValue] {
        stores.withLock { $0[publicKey]?.customers ?? [:] }
    }

    /// Replaces customers (`merge`: only the given attributes change).
    func upsertCustomers(publicKey: String, _ customers: [(String, JSONValue)], merge: Bool) {
        stores.withLock { stores in
            guard var store = stores.removeValue(forKey: publicKey) else { return }
            for (id, document) in customers {
                if merge, case .object(var existing)? = store.customers[id], case .object(let changes) = document {
                    for change in changes {
                        if let index = existing.firstIndex(where: { $0.key == change.key }) {
                            existing[index].value = change.value
                        } else {
                            existing.append(change)
                        }
                    }
                    store.customers[id] = .object(existing)
                } else {
                    store.customers[id] = document
                }
            }
            stores[publicKey] = store
        }
    }

    /// Removes customers by id (as text).
    func deleteCustomers(publicKey: String, ids: [String]) {
        stores.withLock { stores in
            for id in ids { stores[publicKey]?.customers[id] = nil }
        }
    }

    // MARK: Audiences

    /// Defines (or replaces) audience `id` of the store with `publicKey`.
    public func defineAudience(publicKey: String, id: String, rule: SandboxAudienceRule) {
        stores.withLock { $0[publicKey]?.audiences[id] = rule }
    }

    /// The members of audience `id`, as given to Clerk, de-duplicated case-insensitively and sorted; nil when the
    /// store has no such audience.
    public func audienceMembers(publicKey: String, id: String) -> [String]? {
        let snapshot: (rule: SandboxAudienceRule, orders: [String: JSONValue], customers: [String: JSONValue])? = stores.withLock { stores in
            guard let store = stores[publicKey], let rule = store.audiences[id] else { return nil }
            return (rule, store.orders, store.customers)
        }
        guard let snapshot else { return nil }
        let known = knownEmails(publicKey: publicKey, orders: snapshot.orders, customers: snapshot.customers)
        let members = evaluate(snapshot.rule, publicKey: publicKey, orders: snapshot.orders, customers: snapshot.customers, known: known)
        return members.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Lowercased, trimmed email → the email as Clerk was given it.
    private func evaluate(
        _ rule: SandboxAudienceRule, publicKey: String, orders: [String: JSONValue], customers: [String: JSONValue],
        known: [String: String]
    ) -> [String: String] {
        func named(_ emails: Set<String>) -> [String: String] {
            Dictionary(uniqueKeysWithValues: emails.map { ($0, known[$0] ?? $0) })
        }
        switch rule {
        case .boughtProduct(let product):
            var result: [String: String] = [:]
            for order in orders.values {
                guard let email = order["email"]?.stringValue, case .array(let lines)? = order["products"] else { continue }
                let ids = lines.compactMap { $0["id"]?.intValue ?? $0.intValue }
                if product.map(ids.contains) ?? !ids.isEmpty { result[Self.normalize(email)] = result[Self.normalize(email)] ?? email }
            }
            return result
        case .viewedProduct(let product):
            return named(trails.withLock { $0.emailsThatViewed(product: product, publicKey: publicKey) })
        case .viewedCategory(let category):
            return named(trails.withLock { $0.emailsThatViewed(category: category, publicKey: publicKey) })
        case .abandonedCart:
            return named(trails.withLock { $0.emailsWithAbandonedCarts(publicKey: publicKey) })
        case .subscribedCustomers:
            var result: [String: String] = [:]
            for customer in customers.values {
                guard case .bool(true)? = customer["subscribed"], let email = customer["email"]?.stringValue else { continue }
                result[Self.normalize(email)] = email
            }
            return result
        case .emails(let emails):
            var result: [String: String] = [:]
            for email in emails where result[Self.normalize(email)] == nil { result[Self.normalize(email)] = email }
            return result
        case .all(let rules):
            guard let first = rules.first else { return [:] }
            var result = evaluate(first, publicKey: publicKey, orders: orders, customers: customers, known: known)
            for rule in rules.dropFirst() {
                let other = evaluate(rule, publicKey: publicKey, orders: orders, customers: customers, known: known)
                result = result.filter { other[$0.key] != nil }
            }
            return result
        case .any(let rules):
            var result: [String: String] = [:]
            for rule in rules {
                result.merge(evaluate(rule, publicKey: publicKey, orders: orders, customers: customers, known: known)) { first, _ in first }
            }
            return result
        case .not(let rule):
            let excluded = evaluate(rule, publicKey: publicKey, orders: orders, customers: customers, known: known)
            return known.filter { excluded[$0.key] == nil }
        }
    }

    /// Every email the store knows (orders, customers, tracking calls), lowercased → as given.
    private func knownEmails(publicKey: String, orders: [String: JSONValue], customers: [String: JSONValue]) -> [String: String] {
        var known: [String: String] = [:]
        for email in trails.withLock({ $0.knownEmails(publicKey: publicKey) }) { known[email] = email }
        for document in Array(orders.values) + Array(customers.values) {
            guard let email = document["email"]?.stringValue, email.contains("@") else { continue }
            known[Self.normalize(email)] = email
        }
        return known
    }

    static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    // MARK: Privacy

    /// What `privacy/forget` erased.
    struct Forgotten {
        var customers = 0
        var orders = 0
    }

    /// Erases a shopper from the store with `publicKey` as the sandbox reads `privacy/forget` (UNCONFIRMED upstream):
    /// customer documents with the email (or id) go, orders with it lose their `email`, `customer` and `visitor`
    /// (they stay as anonymous sales), and the tracking trails of the email's (or the given) visitors are forgotten.
    func forget(publicKey: String, email: String?, customer: String?, visitor: String?) -> Forgotten {
        var forgotten = Forgotten()
        let normalized = email.map(Self.normalize)
        var visitors: Set<String> = visitor.map { [$0] } ?? []
        if let normalized { visitors.formUnion(trails.withLock { $0.visitors(of: normalized, publicKey: publicKey) }) }
        stores.withLock { stores in
            guard var store = stores.removeValue(forKey: publicKey) else { return }
            for (id, document) in store.customers {
                let byEmail = normalized != nil && document["email"]?.stringValue.map(Self.normalize) == normalized
                if byEmail || id == customer {
                    store.customers[id] = nil
                    forgotten.customers += 1
                }
            }
            for (id, document) in store.orders {
                guard case .object(let fields) = document else { continue }
                let byEmail = normalized != nil && document["email"]?.stringValue.map(Self.normalize) == normalized
                let byCustomer = customer != nil && ClerkStorage.orderKey(document["customer"]) == customer
                let byVisitor = document["visitor"]?.stringValue.map(visitors.contains) ?? false
                guard byEmail || byCustomer || byVisitor else { continue }
                store.orders[id] = .object(fields.filter { !["email", "customer", "visitor"].contains($0.key) })
                forgotten.orders += 1
            }
            stores[publicKey] = store
        }
        trails.withLock { trails in
            if let normalized { trails.forget(email: normalized, publicKey: publicKey) }
            for visitor in visitors { trails.forget(visitor: visitor, publicKey: publicKey) }
        }
        return forgotten
    }
}
