import Foundation

/// What one run of ``SaleLogger/sync(orderID:payload:attributionWait:now:)`` did.
public struct SaleOutcome: Sendable, Equatable {
    /// Why nothing (more) was sent, when nothing was.
    public enum Reason: Sendable, Equatable {
        /// BigCommerce does not know the order (a webhook for a deleted or test order).
        case unknownOrder
        /// No storefront is declared for the order's channel.
        case noStorefront(channelID: Int)
        /// The order is Incomplete, Cancelled or Declined and was never logged.
        case notQualifying(statusID: Int)
        /// The order has no sold catalog line (only gift certificates or custom products): nothing to log.
        case noSaleLines
        /// Clerk already has everything.
        case upToDate
    }

    /// The storefront the order belongs to, when one was chosen.
    public var storefront: String?
    /// The job should run again at this time, without counting an attempt: no visitor is known for the order
    /// yet and it is younger than the attribution wait.
    public var waitUntil: Date?
    /// `log/sale` was sent (and accepted) in this run.
    public var loggedSale = false
    /// The visitor the sale was logged with, in this run.
    public var visitor: String?
    /// The Clerk status set in this run (`CANCELLED` or `RETURNED`).
    public var statusSet: String?
    /// Units reported through `log/returned` in this run.
    public var returnedUnits = 0
    /// Why nothing was sent, if so.
    public var reason: Reason?

    /// Creates an outcome.
    public init(
        storefront: String? = nil, waitUntil: Date? = nil, loggedSale: Bool = false, visitor: String? = nil,
        statusSet: String? = nil, returnedUnits: Int = 0, reason: Reason? = nil
    ) {
        self.storefront = storefront
        self.waitUntil = waitUntil
        self.loggedSale = loggedSale
        self.visitor = visitor
        self.statusSet = statusSet
        self.returnedUnits = returnedUnits
        self.reason = reason
    }
}
