/// A price-list assignment (`/v3/pricelists/assignments`).
public struct PriceListAssignment: Decodable, Sendable, Hashable {
    /// Assignment id.
    public var id: Int
    /// Assigned price list.
    public var priceListID: Int
    /// Customer group, `nil` (or 0) for none.
    public var customerGroupID: Int?
    /// Channel, `nil` for none.
    public var channelID: Int?

    private enum CodingKeys: String, CodingKey {
        case id
        case priceListID = "price_list_id"
        case customerGroupID = "customer_group_id"
        case channelID = "channel_id"
    }

    /// Decodes `{id, price_list_id, customer_group_id, channel_id}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        priceListID = try c.lenientInt(.priceListID)
        customerGroupID = try c.lenientIntIfPresent(.customerGroupID)
        channelID = try c.lenientIntIfPresent(.channelID)
    }
}
