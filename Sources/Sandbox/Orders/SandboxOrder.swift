import Foundation

/// An order of the sandbox store (`/v2/orders`), with its lines.
public struct SandboxOrder: Sendable, Hashable {
    /// Order id.
    public var id: Int
    /// The customer; 0 for a guest.
    public var customerID: Int
    /// The channel it was placed on.
    public var channelID: Int
    /// Status id (see ``statusName(_:)``).
    public var statusID: Int
    /// When it was created.
    public var dateCreated: Date
    /// When it last changed.
    public var dateModified: Date
    /// Display currency (`currency_code`).
    public var currencyCode: String
    /// Transactional currency (`default_currency_code`): the lines' amounts are in it.
    public var defaultCurrencyCode: String
    /// `currency_exchange_rate`, as BigCommerce sends it.
    public var currencyExchangeRate: Decimal
    /// The shopper's locale.
    public var customerLocale: String
    /// The cart it came from (a UUID), or nil.
    public var cartID: String?
    /// Billing email.
    public var billingEmail: String
    /// Billing first name.
    public var billingFirstName: String
    /// Billing last name.
    public var billingLastName: String
    /// Whether it was archived.
    public var isDeleted: Bool
    /// Its lines, by id.
    public var lines: [SandboxOrderLine]

    /// Creates an order.
    public init(
        id: Int, customerID: Int, channelID: Int, statusID: Int, dateCreated: Date, dateModified: Date,
        currencyCode: String, defaultCurrencyCode: String, currencyExchangeRate: Decimal, customerLocale: String = "en",
        cartID: String?, billingEmail: String, billingFirstName: String = "", billingLastName: String = "",
        isDeleted: Bool = false, lines: [SandboxOrderLine]
    ) {
        self.id = id
        self.customerID = customerID
        self.channelID = channelID
        self.statusID = statusID
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
        self.lines = lines
    }

    /// Sum of the lines' `total_inc_tax` (the sandbox charges no tax or shipping).
    public var subtotal: Decimal { lines.reduce(0) { $0 + $1.totalIncTax } }

    /// Sum of the lines' discounts.
    public var discountAmount: Decimal { lines.reduce(0) { $0 + $1.discount } }

    /// The status text BigCommerce shows for `statusID` (reference §6.1).
    public static func statusName(_ statusID: Int) -> String {
        switch statusID {
        case 0: "Incomplete"
        case 1: "Pending"
        case 2: "Shipped"
        case 3: "Partially Shipped"
        case 4: "Refunded"
        case 5: "Cancelled"
        case 6: "Declined"
        case 7: "Awaiting Payment"
        case 8: "Awaiting Pickup"
        case 9: "Awaiting Shipment"
        case 10: "Completed"
        case 11: "Awaiting Fulfillment"
        case 12: "Manual Verification Required"
        case 13: "Disputed"
        case 14: "Partially Refunded"
        default: "Custom"
        }
    }
}
