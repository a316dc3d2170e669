/// One configured audience (`audiences:` in the config): a Clerk audience of a storefront's Clerk store and the name
/// of the BigCommerce customer segment that mirrors it.
public struct AudienceMapping: Sendable, Hashable, Codable {
    /// The audience's id in Clerk.
    public var clerkAudienceID: String
    /// The storefront whose Clerk store holds the audience.
    public var storefront: String
    /// The BigCommerce segment's name.
    public var segment: String

    /// Creates a mapping.
    public init(clerkAudienceID: String, storefront: String, segment: String) {
        self.clerkAudienceID = clerkAudienceID
        self.storefront = storefront
        self.segment = segment
    }

    private enum CodingKeys: String, CodingKey {
        case storefront, segment
        case clerkAudienceID = "clerk_audience_id"
    }
}
