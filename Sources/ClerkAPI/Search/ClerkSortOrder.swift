/// The direction of `orderby` (`order`): Clerk's default is ascending.
public enum ClerkSortOrder: String, Sendable, Hashable, CaseIterable {
    /// Smallest first (`asc`).
    case ascending = "asc"
    /// Largest first (`desc`).
    case descending = "desc"
}
