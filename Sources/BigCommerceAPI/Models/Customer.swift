import Foundation

/// A registered customer (`GET /v3/customers`, reference §6.2): the fields Clerk's customer documents and the
/// audience sync read.
public struct Customer: Decodable, Sendable, Hashable {
    /// Customer id.
    public var id: Int
    /// Email address as BigCommerce holds it.
    public var email: String
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// The customer group; 0 for none.
    public var customerGroupID: Int
    /// The channels the customer may log in to; nil when the account is global (every channel that allows global
    /// logins, by default channel 1 only).
    public var channelIDs: [Int]?
    /// The channel the account was created on, when sent.
    public var originChannelID: Int?
    /// When the account last changed, when sent.
    public var dateModified: Date?
    /// The shopper profile (a UUID) of customer segmentation, when asked for (`include=shopper_profile_id`, beta)
    /// and the customer has one.
    public var shopperProfileID: String?

    /// Creates a customer (tests, simulators).
    public init(
        id: Int, email: String, firstName: String = "", lastName: String = "", customerGroupID: Int = 0,
        channelIDs: [Int]? = nil, originChannelID: Int? = nil, dateModified: Date? = nil, shopperProfileID: String? = nil
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.customerGroupID = customerGroupID
        self.channelIDs = channelIDs
        self.originChannelID = originChannelID
        self.dateModified = dateModified
        self.shopperProfileID = shopperProfileID
    }

    private enum CodingKeys: String, CodingKey {
        case id, email
        case firstName = "first_name"
        case lastName = "last_name"
        case customerGroupID = "customer_group_id"
        case channelIDs = "channel_ids"
        case originChannelID = "origin_channel_id"
        case dateModified = "date_modified"
        case shopperProfileID = "shopper_profile_id"
    }

    /// Decodes leniently: ids as numbers or strings, absent names empty, `channel_ids` null meaning global.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        email = try c.string(.email)
        firstName = try c.string(.firstName)
        lastName = try c.string(.lastName)
        customerGroupID = try c.lenientInt(.customerGroupID, default: 0)
        if c.contains(.channelIDs), try !c.decodeNil(forKey: .channelIDs) {
            channelIDs = try c.lenientInts(.channelIDs)
        } else {
            channelIDs = nil
        }
        originChannelID = try c.lenientIntIfPresent(.originChannelID)
        dateModified = try c.dateIfPresent(.dateModified)
        let profile = try c.decodeIfPresent(String.self, forKey: .shopperProfileID)
        shopperProfileID = profile?.isEmpty == false ? profile : nil
    }

    /// The email as clerkbridge compares it: trimmed and lowercased (mapping.md §8).
    public var normalizedEmail: String { Self.normalize(email) }

    /// `email` trimmed and lowercased.
    public static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// A page of `GET /v3/customers` read by cursor: the customers and where the next page starts.
public struct CustomerPage: Sendable, Hashable {
    /// The customers of the page, in BigCommerce's order.
    public var customers: [Customer]
    /// The cursor to pass as `after` for the next page; nil on the last page.
    public var nextCursor: String?
    /// How many customers the store has (`meta.pagination.total`), when BigCommerce says.
    public var total: Int?

    /// Creates a page.
    public init(customers: [Customer], nextCursor: String?, total: Int?) {
        self.customers = customers
        self.nextCursor = nextCursor
        self.total = total
    }
}
