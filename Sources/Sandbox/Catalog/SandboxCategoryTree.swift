/// One category tree (`/v3/catalog/trees`); assigned to at most one channel.
public struct SandboxCategoryTree: Sendable, Hashable {
    /// Tree id.
    public var id: Int
    /// Tree name.
    public var name: String
    /// Channel ids (zero or one).
    public var channels: [Int]

    /// Creates a tree.
    public init(id: Int, name: String, channels: [Int]) {
        self.id = id
        self.name = name
        self.channels = channels
    }
}
