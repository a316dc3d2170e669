import Synchronization

/// The storefronts placements serve, learnt once the store's currencies are read (until then, nothing is served).
public final class ShopDirectory: Sendable {
    private let shops = Mutex<(names: [String], byName: [String: Shop])>(([], [:]))

    /// An empty directory.
    public init() {}

    /// Replaces the storefronts, in declaration order (the first is the default).
    public func replace(_ list: [Shop]) {
        shops.withLock {
            $0 = (list.map(\.name), Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Whether the storefronts are known yet.
    public var isReady: Bool { shops.withLock { !$0.names.isEmpty } }

    /// The storefront called `name`, or the default one when `name` is nil.
    public func shop(_ name: String?) -> Shop? {
        shops.withLock { state in
            guard let name = name ?? state.names.first else { return nil }
            return state.byName[name]
        }
    }
}
