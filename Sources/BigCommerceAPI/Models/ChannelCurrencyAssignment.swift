/// A channel's currencies (`/v3/channels/{id}/currency-assignments`).
public struct ChannelCurrencyAssignment: Decodable, Sendable, Hashable {
    /// Channel id.
    public var channelID: Int
    /// Enabled currency codes.
    public var enabledCurrencies: [String]
    /// The channel's default currency code.
    public var defaultCurrency: String

    private enum CodingKeys: String, CodingKey {
        case channelID = "channel_id"
        case enabledCurrencies = "enabled_currencies"
        case defaultCurrency = "default_currency"
    }

    /// Decodes `{channel_id, enabled_currencies, default_currency}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channelID = try c.lenientInt(.channelID, default: 0)
        enabledCurrencies = try c.decodeIfPresent([String].self, forKey: .enabledCurrencies) ?? []
        defaultCurrency = try c.decode(String.self, forKey: .defaultCurrency)
    }
}
