/// A channel's site (`/v3/channels/{id}/site`).
public struct Site: Decodable, Sendable, Hashable {
    /// Site id (1000 for channel 1).
    public var id: Int
    /// The site's URL as the merchant typed it.
    public var url: String
    /// Channel id.
    public var channelID: Int
    /// The site's URLs by type (`primary`, `canonical`, `checkout`).
    public var urls: [SiteURL]

    private enum CodingKeys: String, CodingKey {
        case id, url, urls
        case channelID = "channel_id"
    }

    /// Decodes `{id, url, channel_id, urls}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id, default: 0)
        url = try c.string(.url)
        channelID = try c.lenientInt(.channelID, default: 0)
        urls = try c.list(SiteURL.self, .urls)
    }
}
