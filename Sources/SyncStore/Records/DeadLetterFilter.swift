/// Which dead letters the dashboard lists or acts on: every condition given must hold.
public struct DeadLetterFilter: Sendable, Hashable {
    /// Whose letters.
    public enum Scope: Sendable, Hashable {
        /// Letters of store-wide work (no storefront).
        case storeWide
        /// Letters of the storefront with this name.
        case storefront(String)
    }

    /// Whose letters; nil: everyone's.
    public var scope: Scope?
    /// The letters' kind exactly (`product_push`, `product.sync`, `event`, …); nil: any.
    public var kind: String?
    /// Text found, ignoring ASCII case, in the entity id, the kind or the error; nil or empty: any.
    public var text: String?
    /// Whether resolved letters are included.
    public var includeResolved: Bool

    /// Creates a filter; without arguments it matches every open letter.
    public init(scope: Scope? = nil, kind: String? = nil, text: String? = nil, includeResolved: Bool = false) {
        self.scope = scope
        self.kind = kind
        self.text = text
        self.includeResolved = includeResolved
    }
}
