import Foundation

/// An order (`GET /v2/orders/{id}`, reference §6.1): the fields the sale logger reads. Money and rates come as
/// strings with 4 decimals and are kept exact; dates are RFC 2822 strings.
public struct Order: Decodable, Sendable, Hashable {
    /// Order id.
    public var id: Int
    /// The customer who placed it; 0 for a guest.
    public var customerID: Int
    /// The channel it was placed on (BigCommerce falls back to 1 when absent).
    public var channelID: Int
    /// Status id: 0 Incomplete, 1 Pending, 2 Shipped, 3 Partially Shipped, 4 Refunded, 5 Cancelled, 6 Declined,
    /// 7 Awaiting Payment, 8 Awaiting Pickup, 9 Awaiting Shipment, 10 Completed, 11 Awaiting Fulfillment,
    /// 12 Manual Verification Required, 13 Disputed, 14 Partially Refunded.
    public var statusID: Int
    /// The status text (`status`), e.g. `Awaiting Fulfillment`.
    public var status: String
    /// When the order was created (`date_created`).
    public var dateCreated: Date
    /// When the order last changed (`date_modified`); nil when absent.
    public var dateModified: Date?
    /// The display currency the shopper saw (`currency_code`).
    public var currencyCode: String
    /// The transactional currency the order's amounts are in (`default_currency_code`); the display currency
    /// when absent.
    public var defaultCurrencyCode: String
    /// `currency_exchange_rate`: per the V2 spec, the rate between the store's default currency and the display
    /// currency (1 for orders created through the API). Informational: amounts are converted with the store's
    /// currency records.
    public var currencyExchangeRate: Decimal
    /// The shopper's locale (`customer_locale`), empty when absent.
    public var customerLocale: String
    /// The cart the order came from (`cart_id`, a UUID), when BigCommerce sends one. The V2 order schema
    /// (bigcommerce/api-specs `orders.v2.oas2.yml`) lists it as an optional read-only string "if applicable";
    /// whether every storefront checkout fills it is UNCONFIRMED.
    public var cartID: String?
    /// Billing email (`billing_address.email`), empty when absent.
    public var billingEmail: String
    /// Billing first name.
    public var billingFirstName: String
    /// Billing last name.
    public var billingLastName: String
    /// Whether the order was archived (`is_deleted`).
    public var isDeleted: Bool

    /// Creates an order record (tests, simulators).
    public init(
        id: Int, customerID: Int, channelID: Int, statusID: Int, status: String, dateCreated: Date,
        dateModified: Date?, currencyCode: String, defaultCurrencyCode: String, currencyExchangeRate: Decimal,
        customerLocale: String, cartID: String?, billingEmail: String, billingFirstName: String,
        billingLastName: String, isDeleted: Bool
    ) {
        self.id = id
        self.customerID = customerID
        self.channelID = channelID
        self.statusID = statusID
        self.status = status
        self.dateCreated = dateCreated
        self.dateModified = dateModified
        self.currencyCode = currencyCode
        self.defaultCurrencyCode = defaultCurrencyCode
        self.currencyExchangeRate = currencyExchangeRate
        self.customerLocale = customerLocale
        self.cartID = cartID
        self.billingEmail = billingEmail
        self.billingFirstName = billingFirstName
        self.billingLastName = billingLastName
        self.isDeleted = isDeleted
    }

    private enum CodingKeys: String, CodingKey {
        case id, status
        case customerID = "customer_id"
        case channelID = "channel_id"
        case statusID = "status_id"
        case dateCreated = "date_created"
        case dateModified = "date_modified"
        case currencyCode = "currency_code"
        case defaultCurrencyCode = "default_currency_code"
        case currencyExchangeRate = "currency_exchange_rate"
        case customerLocale = "customer_locale"
        case cartID = "cart_id"
        case billingAddress = "billing_address"
        case isDeleted = "is_deleted"
    }

    private enum AddressKeys: String, CodingKey {
        case email
        case firstName = "first_name"
        case lastName = "last_name"
    }

    /// Decodes a V2 order leniently: ids as numbers or strings, money as strings or numbers, absent optional
    /// fields defaulted; a missing id, status or creation date still fails.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        customerID = try c.lenientInt(.customerID, default: 0)
        channelID = try c.lenientInt(.channelID, default: 1)
        statusID = try c.lenientInt(.statusID)
        status = try c.string(.status)
        dateCreated = try c.date(.dateCreated)
        dateModified = try c.dateIfPresent(.dateModified)
        currencyCode = try c.string(.currencyCode).uppercased()
        let transactional = try c.string(.defaultCurrencyCode).uppercased()
        defaultCurrencyCode = transactional.isEmpty ? currencyCode : transactional
        currencyExchangeRate = try c.money(.currencyExchangeRate, default: 1)
        customerLocale = try c.string(.customerLocale)
        let cart = try c.decodeIfPresent(String.self, forKey: .cartID)
        cartID = cart?.isEmpty == false ? cart : nil
        if c.contains(.billingAddress), try !c.decodeNil(forKey: .billingAddress) {
            let address = try c.nestedContainer(keyedBy: AddressKeys.self, forKey: .billingAddress)
            billingEmail = try address.string(.email)
            billingFirstName = try address.string(.firstName)
            billingLastName = try address.string(.lastName)
        } else {
            billingEmail = ""
            billingFirstName = ""
            billingLastName = ""
        }
        isDeleted = try c.bool(.isDeleted, default: false)
    }
}
