import Foundation

/// A newsletter subscriber (`GET /v3/customers/subscribers`): who signed up where and what they consented to.
public struct Subscriber: Decodable, Sendable, Hashable {
    /// The consent that makes a subscriber one who receives marketing email.
    public static let newsletterConsent = "marketing_newsletter"

    /// Subscriber id.
    public var id: Int
    /// Email address.
    public var email: String
    /// The channel of the subscription; nil when none is given.
    public var channelID: Int?
    /// The consents (`marketing_newsletter`, `abandoned_cart`); nil when the record has no `consents` member.
    public var consents: [String]?
    /// When the subscription last changed, when sent.
    public var dateModified: Date?

    /// Creates a subscriber (tests, simulators).
    public init(id: Int, email: String, channelID: Int? = nil, consents: [String]?, dateModified: Date? = nil) {
        self.id = id
        self.email = email
        self.channelID = channelID
        self.consents = consents
        self.dateModified = dateModified
    }

    private enum CodingKeys: String, CodingKey {
        case id, email, consents
        case channelID = "channel_id"
        case dateModified = "date_modified"
    }

    /// Decodes leniently; a `channel_id` of 0 or null means no channel, and an absent or null `consents` stays nil.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        email = try c.string(.email)
        let channel = try c.lenientIntIfPresent(.channelID)
        channelID = channel == 0 ? nil : channel
        if c.contains(.consents), try !c.decodeNil(forKey: .consents) {
            consents = try c.decode([String].self, forKey: .consents)
        } else {
            consents = nil
        }
        dateModified = try c.dateIfPresent(.dateModified)
    }

    /// Whether the subscription is one with newsletter consent: `consents` holds `marketing_newsletter`. A record
    /// without a `consents` member is read as subscribed (a legacy opt-in from before consents were recorded;
    /// UNCONFIRMED: BigCommerce documents no meaning for it).
    public var hasNewsletterConsent: Bool {
        consents.map { $0.contains(Self.newsletterConsent) } ?? true
    }
}
