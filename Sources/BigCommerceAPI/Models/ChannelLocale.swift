/// One locale of a channel (GraphQL Admin `store.locales`): at most five per storefront.
public struct ChannelLocale: Decodable, Sendable, Hashable {
    /// The locale code as BigCommerce spells it (`en`, `de`, `en-US`).
    public var code: String
    /// `ACTIVE` or `INACTIVE`.
    public var status: String
    /// Whether it is the channel's default locale (which holds no translations).
    public var isDefault: Bool

    /// Creates a locale.
    public init(code: String, status: String = "ACTIVE", isDefault: Bool) {
        self.code = code
        self.status = status
        self.isDefault = isDefault
    }

    private enum CodingKeys: String, CodingKey {
        case code, status, isDefault
    }

    /// Decodes a locale; a missing status reads as `ACTIVE`, a missing `isDefault` as false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "ACTIVE"
        isDefault = try c.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
    }
}
