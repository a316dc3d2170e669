/// What the Clerk simulator remembers of each shopper from the tracking calls, kept as they arrive so the
/// `visitor/*` recommendations do not rescan the call log: the products each visitor viewed or put in a basket
/// (with a running sequence, so several visitors' trails merge by recency) and the visitors each email was
/// tied to by a call carrying both.
struct ShopperTrails: Sendable {
    /// Products a visitor touched, oldest first, with the sequence number of the call.
    private var touched: [String: [String: [(sequence: Int, product: Int)]]] = [:]
    /// Visitors per lowercased email, per store.
    private var visitorsByEmail: [String: [String: Set<String>]] = [:]
    private var sequence = 0

    /// The most products kept per visitor.
    static let perVisitor = 500

    /// Takes in an accepted tracking call.
    mutating func record(_ call: ClerkLogCall) {
        guard let visitor = call["visitor"]?.stringValue else { return }
        if let email = call["email"]?.stringValue, email.contains("@") {
            visitorsByEmail[call.publicKey, default: [:]][email.lowercased(), default: []].insert(visitor)
        }
        var ids: [Int] = []
        if call.endpoint == "log/product", let id = call["product"]?.intValue {
            ids = [id]
        } else if call.endpoint.hasPrefix("log/cart/"), case .array(let lines)? = call["products"] {
            ids = lines.compactMap { $0["id"]?.intValue }
        }
        guard !ids.isEmpty else { return }
        sequence += 1
        var trail = touched[call.publicKey, default: [:]][visitor, default: []]
        trail.append(contentsOf: ids.map { (sequence, $0) })
        if trail.count > Self.perVisitor { trail.removeFirst(trail.count - Self.perVisitor) }
        touched[call.publicKey, default: [:]][visitor] = trail
    }

    /// The visitors calls tied to `email` in the store with `publicKey`.
    func visitors(of email: String, publicKey: String) -> Set<String> {
        visitorsByEmail[publicKey]?[email.lowercased()] ?? []
    }

    /// The products `visitors` touched in the store with `publicKey`, most recent first, each once.
    func history(of visitors: Set<String>, publicKey: String) -> [Int] {
        let merged = visitors.flatMap { touched[publicKey]?[$0] ?? [] }.sorted { $0.sequence > $1.sequence }
        var seen: Set<Int> = []
        return merged.compactMap { seen.insert($0.product).inserted ? $0.product : nil }
    }

    /// Forgets the store with `publicKey`, or every store when nil.
    mutating func clear(publicKey: String?) {
        if let publicKey {
            touched[publicKey] = nil
            visitorsByEmail[publicKey] = nil
        } else {
            touched = [:]
            visitorsByEmail = [:]
        }
    }
}
