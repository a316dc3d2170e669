/// What the Clerk simulator remembers of each shopper from the tracking calls, kept as they arrive so the
/// `visitor/*` recommendations and the audiences do not rescan the call log: the products each visitor viewed or put
/// in a basket (with a running sequence, so several visitors' trails merge by recency), the categories each viewed,
/// each shopper's basket and last purchase, and the visitors each email was tied to by a call carrying both.
struct ShopperTrails: Sendable {
    /// Products a visitor touched, oldest first, with the sequence number of the call.
    private var touched: [String: [String: [(sequence: Int, product: Int)]]] = [:]
    /// Visitors per lowercased email, per store.
    private var visitorsByEmail: [String: [String: Set<String>]] = [:]
    /// Lowercased emails per visitor, per store.
    private var emailsByVisitor: [String: [String: Set<String>]] = [:]
    /// Products each visitor viewed (`log/product`), per store.
    private var viewedProducts: [String: [String: Set<Int>]] = [:]
    /// Categories each visitor viewed (`log/category`), per store.
    private var viewedCategories: [String: [String: Set<Int>]] = [:]
    /// Each shopper's basket (keyed by `visitor:` or `email:`) with the sequence of its last change, per store.
    private var baskets: [String: [String: (products: Set<Int>, sequence: Int)]] = [:]
    /// The sequence of each shopper's last `log/sale` (keyed like baskets), per store.
    private var lastSale: [String: [String: Int]] = [:]
    private var sequence = 0

    /// The most products kept per visitor.
    static let perVisitor = 500

    /// Takes in an accepted tracking call.
    mutating func record(_ call: ClerkLogCall) {
        let store = call.publicKey
        let visitor = call["visitor"]?.stringValue
        let email = call["email"]?.stringValue.flatMap { $0.contains("@") ? $0.lowercased() : nil }
        sequence += 1
        if let visitor, let email {
            visitorsByEmail[store, default: [:]][email, default: []].insert(visitor)
            emailsByVisitor[store, default: [:]][visitor, default: []].insert(email)
        }
        var shoppers: [String] = []
        if let visitor { shoppers.append("visitor:\(visitor)") }
        if let email { shoppers.append("email:\(email)") }
        switch call.endpoint {
        case "log/product":
            if let visitor, let id = call["product"]?.intValue { viewedProducts[store, default: [:]][visitor, default: []].insert(id) }
        case "log/category":
            if let visitor, let id = call["category"]?.intValue { viewedCategories[store, default: [:]][visitor, default: []].insert(id) }
        case "log/sale":
            for shopper in shoppers { lastSale[store, default: [:]][shopper] = sequence }
        case "log/cart/add", "log/cart/remove", "log/cart/update":
            var ids: [Int] = []
            if case .array(let lines)? = call["products"] { ids = lines.compactMap { $0["id"]?.intValue ?? $0.intValue } }
            for shopper in shoppers {
                var basket = baskets[store, default: [:]][shopper]?.products ?? []
                switch call.endpoint {
                case "log/cart/add": basket.formUnion(ids)
                case "log/cart/remove": basket.subtract(ids)
                default: basket = Set(ids)
                }
                baskets[store, default: [:]][shopper] = (basket, sequence)
            }
        default:
            break
        }
        guard let visitor else { return }
        var ids: [Int] = []
        if call.endpoint == "log/product", let id = call["product"]?.intValue {
            ids = [id]
        } else if call.endpoint.hasPrefix("log/cart/"), case .array(let lines)? = call["products"] {
            ids = lines.compactMap { $0["id"]?.intValue }
        }
        guard !ids.isEmpty else { return }
        var trail = touched[store, default: [:]][visitor, default: []]
        trail.append(contentsOf: ids.map { (sequence, $0) })
        if trail.count > Self.perVisitor { trail.removeFirst(trail.count - Self.perVisitor) }
        touched[store, default: [:]][visitor] = trail
    }

    /// The visitors calls tied to `email` in the store with `publicKey`.
    func visitors(of email: String, publicKey: String) -> Set<String> {
        visitorsByEmail[publicKey]?[email.lowercased()] ?? []
    }

    /// The lowercased emails calls tied to `visitors` in the store with `publicKey`.
    func emails(of visitors: Set<String>, publicKey: String) -> Set<String> {
        Set(visitors.flatMap { emailsByVisitor[publicKey]?[$0] ?? [] })
    }

    /// Every lowercased email a call named in the store with `publicKey`.
    func knownEmails(publicKey: String) -> Set<String> {
        Set((visitorsByEmail[publicKey] ?? [:]).keys).union(
            (baskets[publicKey] ?? [:]).keys.compactMap { $0.hasPrefix("email:") ? String($0.dropFirst(6)) : nil })
    }

    /// The products `visitors` touched in the store with `publicKey`, most recent first, each once.
    func history(of visitors: Set<String>, publicKey: String) -> [Int] {
        let merged = visitors.flatMap { touched[publicKey]?[$0] ?? [] }.sorted { $0.sequence > $1.sequence }
        var seen: Set<Int> = []
        return merged.compactMap { seen.insert($0.product).inserted ? $0.product : nil }
    }

    /// The lowercased emails whose visitors viewed `product` (any product when nil) in the store with `publicKey`.
    func emailsThatViewed(product: Int?, publicKey: String) -> Set<String> {
        emails(where: { visitor in
            guard let viewed = viewedProducts[publicKey]?[visitor] else { return false }
            return product.map(viewed.contains) ?? !viewed.isEmpty
        }, publicKey: publicKey)
    }

    /// The lowercased emails whose visitors viewed `category` in the store with `publicKey`.
    func emailsThatViewed(category: Int, publicKey: String) -> Set<String> {
        emails(where: { viewedCategories[publicKey]?[$0]?.contains(category) == true }, publicKey: publicKey)
    }

    /// The lowercased emails whose basket (their own, or one of their visitors') is not empty and changed after their
    /// last purchase, in the store with `publicKey`.
    func emailsWithAbandonedCarts(publicKey: String) -> Set<String> {
        var result: Set<String> = []
        for email in knownEmails(publicKey: publicKey) {
            let shoppers = ["email:\(email)"] + visitors(of: email, publicKey: publicKey).map { "visitor:\($0)" }
            let bought = shoppers.compactMap { lastSale[publicKey]?[$0] }.max() ?? -1
            let abandoned = shoppers.contains { shopper in
                guard let basket = baskets[publicKey]?[shopper] else { return false }
                return !basket.products.isEmpty && basket.sequence > bought
            }
            if abandoned { result.insert(email) }
        }
        return result
    }

    private func emails(where matches: (String) -> Bool, publicKey: String) -> Set<String> {
        var result: Set<String> = []
        for (visitor, emails) in emailsByVisitor[publicKey] ?? [:] where matches(visitor) { result.formUnion(emails) }
        return result
    }

    /// Forgets everything about `email` and the visitors tied to it, in the store with `publicKey`.
    mutating func forget(email: String, publicKey: String) {
        let email = email.lowercased()
        for visitor in visitors(of: email, publicKey: publicKey) { forget(visitor: visitor, publicKey: publicKey) }
        visitorsByEmail[publicKey]?[email] = nil
        baskets[publicKey]?["email:\(email)"] = nil
        lastSale[publicKey]?["email:\(email)"] = nil
    }

    /// Forgets everything about `visitor` in the store with `publicKey`.
    mutating func forget(visitor: String, publicKey: String) {
        touched[publicKey]?[visitor] = nil
        viewedProducts[publicKey]?[visitor] = nil
        viewedCategories[publicKey]?[visitor] = nil
        baskets[publicKey]?["visitor:\(visitor)"] = nil
        lastSale[publicKey]?["visitor:\(visitor)"] = nil
        for email in emailsByVisitor[publicKey]?[visitor] ?? [] { visitorsByEmail[publicKey]?[email]?.remove(visitor) }
        emailsByVisitor[publicKey]?[visitor] = nil
    }

    /// Forgets the store with `publicKey`, or every store when nil.
    mutating func clear(publicKey: String?) {
        if let publicKey {
            touched[publicKey] = nil
            visitorsByEmail[publicKey] = nil
            emailsByVisitor[publicKey] = nil
            viewedProducts[publicKey] = nil
            viewedCategories[publicKey] = nil
            baskets[publicKey] = nil
            lastSale[publicKey] = nil
        } else {
            self = ShopperTrails()
        }
    }
}
