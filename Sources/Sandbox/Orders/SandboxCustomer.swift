import Foundation

/// A registered shopper of the sandbox store (`/v3/customers`; the fields orders and the current-customer JWT use
/// too).
public struct SandboxCustomer: Sendable, Hashable {
    /// Customer id (positive).
    public var id: Int
    /// Email address.
    public var email: String
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Customer group (0: none).
    public var customerGroupID: Int
    /// The channels the customer may log in to; nil for a global account (every channel that allows global logins).
    public var channelIDs: [Int]?
    /// The channel the account was created on.
    public var originChannelID: Int
    /// When it was created.
    public var dateCreated: Date
    /// When it last changed.
    public var dateModified: Date

    /// Creates a customer.
    public init(
        id: Int, email: String, firstName: String, lastName: String, customerGroupID: Int = 0, channelIDs: [Int]? = nil,
        originChannelID: Int = 1, dateCreated: Date = SandboxCustomer.joined, dateModified: Date = SandboxCustomer.joined
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.customerGroupID = customerGroupID
        self.channelIDs = channelIDs
        self.originChannelID = originChannelID
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }

    /// When the seeded customers joined: 2024-03-01T10:00:00Z, the catalog's epoch.
    public static let joined = Date(timeIntervalSince1970: 1_709_287_200)

    /// The seeded customers: ids 1–3, global accounts, one of them in customer group 2.
    public static let seeded: [SandboxCustomer] = [
        SandboxCustomer(id: 1, email: "ann@sandbox.example", firstName: "Ann", lastName: "Archer"),
        SandboxCustomer(id: 2, email: "ben@sandbox.example", firstName: "Ben", lastName: "Baker", customerGroupID: 2),
        SandboxCustomer(id: 3, email: "cleo@sandbox.example", firstName: "Cleo", lastName: "Cruz"),
    ]
}

/// A newsletter subscriber of the sandbox store (`/v3/customers/subscribers`).
public struct SandboxSubscriber: Sendable, Hashable {
    /// Subscriber id.
    public var id: Int
    /// Email address.
    public var email: String
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// `storefront`, `order` or `custom`.
    public var source: String
    /// The channel it signed up on; nil for none.
    public var channelID: Int?
    /// `marketing_newsletter`, `abandoned_cart`; nil writes a record without the `consents` member (an older record).
    public var consents: [String]?
    /// When it was created.
    public var dateCreated: Date
    /// When it last changed.
    public var dateModified: Date

    /// Creates a subscriber.
    public init(
        id: Int, email: String, firstName: String = "", lastName: String = "", source: String = "storefront",
        channelID: Int? = 1, consents: [String]? = ["marketing_newsletter"], dateCreated: Date = SandboxCustomer.joined,
        dateModified: Date = SandboxCustomer.joined
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.source = source
        self.channelID = channelID
        self.consents = consents
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }
}
