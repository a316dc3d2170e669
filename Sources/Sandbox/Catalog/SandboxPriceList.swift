/// One price list (`/v3/pricelists`).
public struct SandboxPriceList: Sendable, Hashable {
    /// Price list id.
    public var id: Int
    /// Name.
    public var name: String
    /// Whether the list is active.
    public var active: Bool

    /// Creates a price list.
    public init(id: Int, name: String, active: Bool) {
        self.id = id
        self.name = name
        self.active = active
    }
}
