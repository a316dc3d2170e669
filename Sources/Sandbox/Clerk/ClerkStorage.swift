import Foundation
import JSONSupport
import Synchronization

/// What the simulated Clerk stores hold: per public key, products and categories by id, plus the tracking
/// calls received (thread-safe).
public final class ClerkStorage: Sendable {
    /// The entity collections of a Clerk store.
    public enum Collection: String, Sendable {
        /// `/v2/products`
        case products
        /// `/v2/categories`
        case categories
    }

    struct Store {
        var keys: SandboxClerkStore
        var products: [Int: JSONValue] = [:]
        var categories: [Int: JSONValue] = [:]
        /// Orders by id as text (from `log/sale` and `/v2/orders`).
        var orders: [String: JSONValue] = [:]
        /// Customers by id as text (`/v2/customers`).
        var customers: [String: JSONValue] = [:]
        /// Audience definitions by id.
        var audiences: [String: SandboxAudienceRule] = [:]

        subscript(_ collection: Collection) -> [Int: JSONValue] {
            get { collection == .products ? products : categories }
            set { if collection == .products { products = newValue } else { categories = newValue } }
        }

        /// Mutates one collection in place (the subscript would copy the whole collection per write).
        mutating func update<R>(_ collection: Collection, _ body: (inout [Int: JSONValue]) -> R) -> R {
            switch collection {
            case .products: body(&products)
            case .categories: body(&categories)
            }
        }
    }

    let stores: Mutex<[String: Store]>
    let log = Mutex<[ClerkLogCall]>([])
    let trails = Mutex(ShopperTrails())
    let observer = Mutex<(@Sendable (ClerkActivity) -> Void)?>(nil)

    /// How many tracking calls are kept; older ones are dropped in batches once 10% more have arrived.
    public static let logCapacity = 10_000

    /// Creates empty storage for `stores`.
    public init(stores: [SandboxClerkStore]) {
        self.stores = Mutex(Dictionary(stores.map { ($0.publicKey, Store(keys: $0)) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The configured stores, by name.
    public var configuredStores: [SandboxClerkStore] {
        stores.withLock { $0.values.map(\.keys) }.sorted { $0.name < $1.name }
    }

    func keys(publicKey: String) -> SandboxClerkStore? {
        stores.withLock { $0[publicKey]?.keys }
    }

    /// Stored products of the store with `publicKey`, as compact JSON bytes by id.
    public func products(publicKey: String) -> [Int: [UInt8]] {
        documents(publicKey: publicKey, collection: .products)
    }

    /// Stored categories of the store with `publicKey`, as compact JSON bytes by id.
    public func categories(publicKey: String) -> [Int: [UInt8]] {
        documents(publicKey: publicKey, collection: .categories)
    }

    /// One stored product of the store with `publicKey`, as compact JSON bytes, or nil.
    public func product(publicKey: String, id: Int) -> [UInt8]? {
        stores.withLock { $0[publicKey]?[.products][id] }?.encoded()
    }

    /// The ids of stored products shown to shoppers (`index` not false) whose `name` contains `needle`
    /// (lowercased; empty matches all), ascending.
    func productIDs(publicKey: String, nameContaining needle: String) -> [Int] {
        let products = stores.withLock { $0[publicKey]?.products ?? [:] }
        return products.compactMap { id, document -> Int? in
            guard Self.isShown(document), let name = document["name"]?.stringValue else { return nil }
            return needle.isEmpty || name.lowercased().contains(needle) ? id : nil
        }.sorted()
    }

    /// Whether Clerk shows `document` in results: a product sent with `index: false` is kept for the algorithms
    /// but never shown, counted or suggested (clerk-api.md §2.3).
    static func isShown(_ document: JSONValue) -> Bool {
        if case .bool(false)? = document["index"] { return false }
        return true
    }

    /// The stored product documents of the store with `publicKey`, by id (a copy-on-write snapshot).
    func productDocuments(publicKey: String) -> [Int: JSONValue] {
        stores.withLock { $0[publicKey]?.products ?? [:] }
    }

    /// The stored category documents of the store with `publicKey`, by id.
    func categoryDocuments(publicKey: String) -> [Int: JSONValue] {
        stores.withLock { $0[publicKey]?.categories ?? [:] }
    }

    /// The stored orders of the store with `publicKey`, by id.
    func orderDocuments(publicKey: String) -> [String: JSONValue] {
        stores.withLock { $0[publicKey]?.orders ?? [:] }
    }

    /// Stored documents of one collection as compact JSON bytes by id.
    public func documents(publicKey: String, collection: Collection) -> [Int: [UInt8]] {
        let documents = stores.withLock { $0[publicKey]?[collection] ?? [:] }
        return documents.mapValues { $0.encoded() }
    }

    /// Changes one attribute of a stored product, as if someone edited it in Clerk (`value` nil removes it).
    /// Returns false when the product is not stored.
    @discardableResult
    public func tamperProduct(publicKey: String, id: Int, attribute: String, value: (any Encodable & Sendable)?) -> Bool {
        var replacement: JSONValue?
        if let value {
            guard let data = try? JSONEncoder().encode(value), let parsed = JSONValue.parse(Array(data)) else { return false }
            replacement = parsed
        }
        return stores.withLock { stores in
            guard case .object(var fields)? = stores[publicKey]?.products[id] else { return false }
            if let replacement {
                if let index = fields.firstIndex(where: { $0.key == attribute }) {
                    fields[index].value = replacement
                } else {
                    fields.append((attribute, replacement))
                }
            } else {
                fields.removeAll { $0.key == attribute }
            }
            stores[publicKey]?.products[id] = .object(fields)
            return true
        }
    }

    /// Removes the products `ids` of the store with `publicKey`, as if someone deleted them in Clerk.
    public func removeProducts(publicKey: String, ids: [Int]) {
        stores.withLock { stores in
            for id in ids { stores[publicKey]?.products[id] = nil }
        }
    }

    /// Removes every stored document of the store with `publicKey`, or of every store when nil.
    public func clear(publicKey: String? = nil) {
        stores.withLock { stores in
            for key in stores.keys where publicKey == nil || key == publicKey {
                stores[key]?.products = [:]
                stores[key]?.categories = [:]
                stores[key]?.orders = [:]
                stores[key]?.customers = [:]
            }
        }
    }

    /// The tracking calls accepted for the store with `publicKey` (every store when nil), oldest first.
    public func logCalls(publicKey: String? = nil) -> [ClerkLogCall] {
        log.withLock { calls in calls.filter { publicKey == nil || $0.publicKey == publicKey } }
    }

    /// Forgets the tracking calls of the store with `publicKey`, or of every store when nil.
    public func clearLog(publicKey: String? = nil) {
        log.withLock { calls in
            if let publicKey { calls.removeAll { $0.publicKey == publicKey } } else { calls.removeAll() }
        }
        trails.withLock { $0.clear(publicKey: publicKey) }
    }

    /// Has `observer` told of every write, removal and recorded call from now on (replacing an earlier observer).
    /// It is called on the request's task, after the change.
    public func observe(_ observer: @escaping @Sendable (ClerkActivity) -> Void) {
        self.observer.withLock { $0 = observer }
    }

    private func report(_ publicKey: String, _ activity: (SandboxClerkStore) -> ClerkActivity) {
        guard let observer = observer.withLock({ $0 }), let store = keys(publicKey: publicKey) else { return }
        observer(activity(store))
    }

    func record(_ call: ClerkLogCall) {
        defer { report(call.publicKey) { .called(store: $0, call: call) } }
        trails.withLock { $0.record(call) }
        log.withLock { calls in
            calls.append(call)
            if calls.count > Self.logCapacity + Self.logCapacity / 10 {
                calls.removeFirst(calls.count - Self.logCapacity)
            }
        }
    }

    func upsert(publicKey: String, collection: Collection, documents: [(Int, JSONValue)], merge: Bool) {
        defer { report(publicKey) { .written(store: $0, collection: collection, documents: documents.map { (id: $0.0, document: $0.1) }) } }
        stores.withLock { stores in
            // Moved out and back so the collection is uniquely referenced and updated in place.
            guard var store = stores.removeValue(forKey: publicKey) else { return }
            store.update(collection) { stored in
                for (id, document) in documents {
                    if merge, case .object(var existing)? = stored[id], case .object(let changes) = document {
                        for change in changes {
                            if let index = existing.firstIndex(where: { $0.key == change.key }) {
                                existing[index].value = change.value
                            } else {
                                existing.append(change)
                            }
                        }
                        stored[id] = .object(existing)
                    } else {
                        stored[id] = document
                    }
                }
            }
            stores[publicKey] = store
        }
    }

    func delete(publicKey: String, collection: Collection, ids: [Int]) {
        defer { report(publicKey) { .removed(store: $0, collection: collection, ids: ids) } }
        stores.withLock { stores in
            guard var store = stores.removeValue(forKey: publicKey) else { return }
            store.update(collection) { stored in
                for id in ids { stored[id] = nil }
            }
            stores[publicKey] = store
        }
    }

    func fetch(publicKey: String, collection: Collection, ids: [Int]) -> [JSONValue] {
        stores.withLock { stores in ids.compactMap { stores[publicKey]?[collection][$0] } }
    }
}
