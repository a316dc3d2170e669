import Foundation

/// What syncing one audience into its segment did (or, in a dry run, would do).
public struct AudienceReport: Sendable, Codable, Equatable {
    /// The audience.
    public var audience: AudienceMapping
    /// Whether nothing was written.
    public var dryRun: Bool
    /// Distinct member emails of the audience (trimmed, lowercased).
    public var members = 0
    /// Shopper profiles added to the segment (a profile already in it counts as added).
    public var added = 0
    /// Shopper profiles taken out of the segment.
    public var removed = 0
    /// Members with no BigCommerce customer on the storefront's channel (guests, newsletter-only addresses).
    public var skipped = 0
    /// Profiles that could not be created, added or removed.
    public var failed = 0
    /// Whether the segment was created by this sync.
    public var createdSegment = false
    /// Shopper profiles created for customers that had none.
    public var createdProfiles = 0
    /// Why the audience could not be synced at all, if so (its segment was left as it was).
    public var error: String?
    /// When it finished.
    public var finishedAt = Date()

    /// Whether it synced without failures.
    public var ok: Bool { error == nil && failed == 0 }

    /// An empty report.
    public init(audience: AudienceMapping, dryRun: Bool) {
        self.audience = audience
        self.dryRun = dryRun
    }
}
