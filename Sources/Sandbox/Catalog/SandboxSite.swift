/// The site of a channel (`/v3/channels/{id}/site`).
public struct SandboxSite: Sendable, Hashable {
    /// One typed URL of a site.
    public struct SiteURL: Sendable, Hashable {
        /// Absolute URL as the merchant typed it.
        public var url: String
        /// `primary`, `canonical` or `checkout`.
        public var type: String

        /// Creates a site URL.
        public init(url: String, type: String) {
            self.url = url
            self.type = type
        }
    }

    /// Site id.
    public var id: Int
    /// Channel id.
    public var channelID: Int
    /// The site's `url` field.
    public var url: String
    /// Typed URLs.
    public var urls: [SiteURL]

    /// Creates a site.
    public init(id: Int, channelID: Int, url: String, urls: [SiteURL]) {
        self.id = id
        self.channelID = channelID
        self.url = url
        self.urls = urls
    }
}
