/// How long each shopper route waits for Clerk before it answers without it.
public struct ClerkBudgets: Sendable, Hashable {
    /// A placement falls back to the best sellers after this.
    public var placements: Duration
    /// Search answers 503 after this.
    public var search: Duration
    /// An email block is fetched by a mail tool that can wait this long.
    public var emailBlocks: Duration

    /// Budgets; the defaults are what shoppers' pages can afford.
    public init(placements: Duration = .milliseconds(300), search: Duration = .seconds(1), emailBlocks: Duration = .seconds(2)) {
        self.placements = placements
        self.search = search
        self.emailBlocks = emailBlocks
    }

    /// What shoppers' pages can afford.
    public static let production = ClerkBudgets()
}
