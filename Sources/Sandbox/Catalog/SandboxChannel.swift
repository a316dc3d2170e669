/// One sales channel (`/v3/channels`), with its currency assignment.
public struct SandboxChannel: Sendable, Hashable {
    /// Channel id.
    public var id: Int
    /// Name.
    public var name: String
    /// `storefront`, `marketplace`, `marketing` or `pos`.
    public var type: String
    /// `stencil`, `catalyst`, ….
    public var platform: String
    /// `active`, `prelaunch`, ….
    public var status: String
    /// Default currency code (`/v3/channels/{id}/currency-assignments`).
    public var defaultCurrency: String
    /// Enabled currency codes.
    public var enabledCurrencies: [String]

    /// Creates a channel.
    public init(id: Int, name: String, type: String = "storefront", platform: String, status: String = "active", defaultCurrency: String, enabledCurrencies: [String]) {
        self.id = id
        self.name = name
        self.type = type
        self.platform = platform
        self.status = status
        self.defaultCurrency = defaultCurrency
        self.enabledCurrencies = enabledCurrencies
    }
}
