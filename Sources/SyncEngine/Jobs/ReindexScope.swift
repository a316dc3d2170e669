/// Which storefronts a reindex job covers.
public enum ReindexScope: Sendable, Hashable, CustomStringConvertible {
    /// Every storefront.
    case all
    /// The storefront with this name.
    case storefront(String)

    /// `*` for all, else the storefront's name: the job's entity.
    public var description: String {
        switch self {
        case .all: "*"
        case .storefront(let name): name
        }
    }
}
