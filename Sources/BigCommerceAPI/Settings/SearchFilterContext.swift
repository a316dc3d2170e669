/// Per-channel or per-category overrides of the storefront filters (`GET /v3/settings/search/filters/contexts`).
public struct SearchFilterContext: Decodable, Sendable, Hashable {
    /// Where the override applies.
    public struct Context: Decodable, Sendable, Hashable {
        /// The channel.
        public var channelID: Int?
        /// The category; nil for the channel as a whole.
        public var categoryID: Int?

        private enum CodingKeys: String, CodingKey {
            case channelID = "channel_id"
            case categoryID = "category_id"
        }

        /// Creates a context.
        public init(channelID: Int?, categoryID: Int?) {
            self.channelID = channelID
            self.categoryID = categoryID
        }

        /// Decodes ids as numbers or strings.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            channelID = try c.lenientIntIfPresent(.channelID)
            categoryID = try c.lenientIntIfPresent(.categoryID)
        }
    }

    /// Where it applies.
    public var context: Context
    /// The filters there, in storefront order.
    public var filters: [SearchFilterSetting]

    private enum CodingKeys: String, CodingKey {
        case context
        case filters = "data"
    }

    /// Creates an override.
    public init(context: Context, filters: [SearchFilterSetting]) {
        self.context = context
        self.filters = filters
    }
}
