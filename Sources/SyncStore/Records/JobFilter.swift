/// Which jobs the dashboard lists: every condition given must hold.
public struct JobFilter: Sendable, Hashable {
    /// The jobs' state; nil: any.
    public var state: JobState?
    /// The jobs' kind; nil: any.
    public var kind: JobKind?
    /// The jobs' storefront (`""`: store-wide work); nil: any.
    public var storefront: String?

    /// Creates a filter; without arguments it matches every job.
    public init(state: JobState? = nil, kind: JobKind? = nil, storefront: String? = nil) {
        self.state = state
        self.kind = kind
        self.storefront = storefront
    }
}
