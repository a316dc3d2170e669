import Reliability

/// Refuses to remove a large share of a storefront's documents in one go: one wrong setting or a mistaken bulk
/// edit in BigCommerce must not empty a live search index.
///
/// Removing more than `maxFraction` of what a storefront holds, and more than ``floor`` documents (so a small
/// catalog can still lose a few products), is refused unless the operator allowed it (`--allow-mass-removal`).
public struct RemovalGuard: Sendable, Hashable {
    /// Removals of at most this many documents are always allowed.
    public static let floor = 10

    /// The largest share of a storefront's documents one run may remove (`sync.max_removal_fraction`).
    public var maxFraction: Double
    /// Whether the operator allowed any removal (`--allow-mass-removal`).
    public var allowMassRemoval: Bool

    /// Creates a guard; the default allows 20 %.
    public init(maxFraction: Double = 0.2, allowMassRemoval: Bool = false) {
        self.maxFraction = maxFraction
        self.allowMassRemoval = allowMassRemoval
    }

    /// Checks removing `count` of the `held` documents of `storefront`.
    /// - Throws: ``MassRemovalRefused`` when that is too many.
    public func check(removing count: Int, of held: Int, storefront: String) throws(MassRemovalRefused) {
        guard !allowMassRemoval, count > Self.floor, Double(count) > maxFraction * Double(held) else { return }
        throw MassRemovalRefused(storefront: storefront, removing: count, held: held, maxFraction: maxFraction)
    }
}

/// A removal the ``RemovalGuard`` refused: nothing was removed.
public struct MassRemovalRefused: RetryClassified, Sendable, Hashable, CustomStringConvertible {
    /// The storefront whose Clerk store it concerns.
    public var storefront: String
    /// How many product documents would have been removed.
    public var removing: Int
    /// How many the storefront holds.
    public var held: Int
    /// The share allowed.
    public var maxFraction: Double

    /// It stays refused until the operator allows it.
    public var retryability: Retryability { .permanent }

    /// clerkbridge's own decision.
    public var dependency: Dependency? { nil }

    public var description: String {
        let share = held > 0 ? Int((100 * Double(removing) / Double(held)).rounded()) : 100
        return "storefront `\(storefront)`: would remove \(removing) of its \(held) product documents (\(share) %), "
            + "more than sync.max_removal_fraction allows (\(Int((maxFraction * 100).rounded())) %); nothing was removed. "
            + "Check the storefront's channel and the catalog in BigCommerce; if the removal is intended, run "
            + "`clerkbridge reindex --storefront \(storefront) --allow-mass-removal`"
    }
}
