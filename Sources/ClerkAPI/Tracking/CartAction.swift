/// What a basket tracking call reports: `log/cart/add`, `log/cart/remove` or `log/cart/update`.
public enum CartAction: String, Sendable, Hashable, CaseIterable {
    /// Products were added to the basket (`log/cart/add`).
    case add
    /// Products were removed from the basket (`log/cart/remove`).
    case remove
    /// The basket now holds exactly these products (`log/cart/update`, replaces the whole basket).
    case update

    /// The endpoint path below the API base, e.g. `log/cart/add`.
    public var path: String { "log/cart/\(rawValue)" }
}
