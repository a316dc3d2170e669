/// What a job is about: at most one pending job exists per key (see ``JobQueue``).
public struct JobKey: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What the job does.
    public var kind: JobKind
    /// The storefront concerned, or `""` for store-wide work.
    public var storefront: String
    /// The entity the job is about, as text (e.g. a product id).
    public var entity: String

    /// Creates a key; `storefront` defaults to `""` (store-wide).
    public init(kind: JobKind, storefront: String = "", entity: String) {
        self.kind = kind
        self.storefront = storefront
        self.entity = entity
    }

    /// `kind/storefront/entity`, for logs.
    public var description: String {
        "\(kind)/\(storefront.isEmpty ? "*" : storefront)/\(entity)"
    }
}
