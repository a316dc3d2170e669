import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import StorefrontRegistry
import SyncStore

/// Logs BigCommerce orders to Clerk from the server side (mapping.md §4): `log/sale` once per order and
/// storefront when it qualifies, then `CANCELLED` or `RETURNED` and `log/returned` as BigCommerce records
/// cancellations and refunds.
///
/// Only BigCommerce's own record is trusted: the order and its lines are read with the Orders API each time;
/// a storefront purchase report only tells which visitor bought (``ShopperAttribution``). Every step is
/// checked against the ``SalesLedger`` and recorded right after Clerk accepted it, so duplicated or reordered
/// webhooks send nothing twice (a crash between Clerk's answer and the record can repeat one call).
public final class SaleLogger: Sendable {
    /// Order statuses that are not (or no longer) a sale: 0 Incomplete, 5 Cancelled, 6 Declined.
    public static let nonSaleStatuses: Set<Int> = [0, 5, 6]
    /// 5 Cancelled.
    static let cancelledStatus = 5
    /// 4 Refunded.
    static let refundedStatus = 4

    let client: BigCommerceClient
    let clerk: ClerkClient
    let targets: [ResolvedStorefront]
    let catalog: CatalogCache
    let ledger: any SalesLedger
    let attribution: any ShopperAttribution
    let logger: Logger

    /// Creates a sale logger for the storefronts of `sync`, reading orders with its BigCommerce client and
    /// currencies from its cached catalog.
    public init(
        sync: DeltaSync, clerk: ClerkClient, ledger: any SalesLedger, attribution: any ShopperAttribution,
        logger: Logger
    ) {
        self.client = sync.reader.client
        self.clerk = clerk
        self.targets = sync.targets
        self.catalog = sync.catalog
        self.ledger = ledger
        self.attribution = attribution
        self.logger = logger
    }

    /// Brings order `orderID`'s sale in Clerk up to date with BigCommerce.
    ///
    /// - Parameters:
    ///   - payload: what the job carried (its source decides what an unknown order means; its cart id helps
    ///     find the visitor).
    ///   - attributionWait: how long after the order's creation a sale without a known visitor waits for one.
    ///   - now: the current time.
    /// - Returns: what was done; with ``SaleOutcome/waitUntil`` set, nothing was sent and the job should run
    ///   again then.
    /// - Throws: ``SaleLoggerError/orderNotFound(orderID:reportedBy:)`` for a purchase event or `order/created` webhook
    ///   BigCommerce cannot (yet) confirm,
    ///   ``SaleLoggerError/unknownCurrency(orderID:currency:)``, BigCommerce read failures,
    ///   ``ClerkWriterError`` when Clerk is unavailable or refuses the keys, and `ClerkError` when Clerk refuses
    ///   a call.
    public func sync(
        orderID: Int, payload: OrderSyncPayload, attributionWait: Duration, now: Date
    ) async throws -> SaleOutcome {
        var metadata: Logger.Metadata = ["order": "\(orderID)"]
        guard let order = try await client.order(id: orderID) else {
            // A purchase report is unconfirmed until BigCommerce knows the order; an order that was just created
            // is read again in case the read lags the webhook. Other webhooks of an unknown order mean it is gone.
            if payload.source == .purchaseEvent || payload.scope?.hasSuffix("/order/created") == true {
                throw SaleLoggerError.orderNotFound(orderID: orderID, reportedBy: payload.scope ?? "the storefront's purchase report")
            }
            logger.debug("Order unknown to BigCommerce; nothing to log", metadata: metadata)
            return SaleOutcome(reason: .unknownOrder)
        }
        guard let target = Self.storefront(for: order, among: targets) else {
            logger.notice("No storefront for the order's channel; its sale is not logged", metadata: [
                "order": "\(orderID)", "channel": "\(order.channelID)",
            ])
            return SaleOutcome(reason: .noStorefront(channelID: order.channelID))
        }
        let name = target.name
        metadata["storefront"] = "\(name)"
        var outcome = SaleOutcome(storefront: name)
        var logged = try await ledger.loggedSale(storefront: name, orderID: orderID)
        if logged == nil, Self.nonSaleStatuses.contains(order.statusID) {
            outcome.reason = .notQualifying(statusID: order.statusID)
            return outcome
        }
        let lines = try await client.orderProducts(orderID: orderID).filter(Self.isSaleLine)

        if logged == nil, lines.isEmpty {
            outcome.reason = .noSaleLines
            return outcome
        }
        if logged == nil {
            let buyer = try await attribution.buyer(orderID: orderID, cartID: payload.cartID ?? order.cartID, customerID: order.customerID)
            if buyer == nil {
                let until = order.dateCreated.addingTimeInterval(attributionWait.timeInterval)
                if now < until {
                    outcome.waitUntil = until
                    return outcome
                }
            }
            let catalog = try await catalog.current()
            let sale = try lines.map { line in
                SaleLine(
                    productID: line.productID, quantity: line.quantity,
                    price: try Self.unitPrice(
                        line, order: order, currency: target.storefront.currency, catalog: catalog))
            }
            let visitor = buyer?.visitor
            try await clerkCall {
                try await clerk.logSale(
                    orderID: String(orderID), products: sale, visitor: visitor,
                    customerID: order.customerID > 0 ? String(order.customerID) : nil,
                    email: order.billingEmail.isEmpty ? nil : order.billingEmail, keys: target.clerkKeys)
            }
            let recorded = sale.map { LoggedSaleLine(productID: $0.productID, quantity: $0.quantity, price: $0.price) }
            try await ledger.recordSale(
                storefront: name, orderID: orderID, visitor: visitor, lines: recorded, at: Date())
            logged = LoggedSale(storefront: name, orderID: orderID, loggedAt: Date(), visitor: visitor, lines: recorded)
            outcome.loggedSale = true
            outcome.visitor = visitor
            metadata["visitor_evidence"] = "\(buyer?.evidence.rawValue ?? "none")"
            logger.info("Sale logged to Clerk", metadata: metadata)
        }
        guard let logged else { return outcome }

        if order.statusID == Self.cancelledStatus {
            if logged.clerkStatus != ClerkOrderStatus.cancelled.rawValue {
                try await setStatus(.cancelled, orderID: orderID, target: target)
                outcome.statusSet = ClerkOrderStatus.cancelled.rawValue
                logger.info("Cancelled sale marked in Clerk", metadata: metadata)
            }
        } else {
            for line in lines {
                let reported = logged.returned[line.id] ?? 0
                let refunded = min(line.quantityRefunded, line.quantity)
                guard refunded > reported else { continue }
                try await clerkCall {
                    try await clerk.logReturned(
                        productID: line.productID, orderID: String(orderID), quantity: refunded - reported,
                        keys: target.clerkKeys)
                }
                try await ledger.recordReturned(
                    storefront: name, orderID: orderID, lineID: line.id, quantity: refunded, at: Date())
                outcome.returnedUnits += refunded - reported
            }
            let fullyRefunded = order.statusID == Self.refundedStatus
                || (!lines.isEmpty && lines.allSatisfy { $0.quantityRefunded >= $0.quantity })
            if fullyRefunded, logged.clerkStatus != ClerkOrderStatus.returned.rawValue {
                try await setStatus(.returned, orderID: orderID, target: target)
                outcome.statusSet = ClerkOrderStatus.returned.rawValue
            }
            if outcome.returnedUnits > 0 || outcome.statusSet != nil {
                logger.info("Returns reported to Clerk", metadata: metadata.merging([
                    "units": "\(outcome.returnedUnits)", "status": "\(outcome.statusSet ?? "-")",
                ]) { a, _ in a })
            }
        }
        if !outcome.loggedSale, outcome.statusSet == nil, outcome.returnedUnits == 0 { outcome.reason = .upToDate }
        return outcome
    }

    private func setStatus(_ status: ClerkOrderStatus, orderID: Int, target: ResolvedStorefront) async throws {
        try await clerkCall {
            try await clerk.updateOrderStatus(orderID: String(orderID), status: status, keys: target.clerkKeys)
        }
        try await ledger.recordSaleStatus(
            storefront: target.name, orderID: orderID, status: status.rawValue, at: Date())
    }

    /// Runs a Clerk call; Clerk being unreachable becomes ``ClerkWriterError/unavailable(_:)`` and refused keys
    /// ``ClerkWriterError/authentication(_:)``, as for catalog writes, so the worker waits out outages.
    private func clerkCall(_ call: () async throws -> Void) async throws {
        do {
            try await call()
        } catch let error as ClerkError {
            if error.kind == .authentication { throw ClerkWriterError.authentication(error) }
            if error.retryability.mayRetry { throw ClerkWriterError.unavailable(error) }
            throw error
        }
    }

    // MARK: Rules (mapping.md §4, §5)

    /// The storefront an order belongs to: among the storefronts of its channel, the one showing its display
    /// currency (and, when several do, the one whose locale is the order's `customer_locale`); failing that,
    /// the first storefront declared for the channel; nil when the channel has none.
    public static func storefront(for order: Order, among targets: [ResolvedStorefront]) -> ResolvedStorefront? {
        let channel = targets.filter { $0.storefront.channelID == order.channelID }
        let inCurrency = channel.filter { $0.storefront.currency.uppercased() == order.currencyCode.uppercased() }
        if inCurrency.count > 1, let byLocale = inCurrency.first(where: {
            $0.storefront.locale.lowercased() == order.customerLocale.lowercased()
        }) {
            return byLocale
        }
        return inCurrency.first ?? channel.first
    }

    /// Whether an order line is a sale line: a top-level catalog product (not a gift certificate or custom
    /// product, whose `product_id` is 0, nor a product inside a bundle) with units.
    public static func isSaleLine(_ line: OrderProduct) -> Bool {
        line.productID > 0 && line.type != "giftcertificate" && !line.isBundledProduct
            && line.parentOrderProductID == nil && line.quantity > 0
    }

    /// The unit price the shopper paid for `line`, tax included, after line discounts
    /// (`discounted_total_inc_tax / quantity`, else `price_inc_tax`), converted from the order's transactional
    /// currency to `currency` through the store's exchange rates and rounded to its decimal places, half away
    /// from zero.
    public static func unitPrice(
        _ line: OrderProduct, order: Order, currency: String, catalog: StoreCatalog
    ) throws -> Decimal {
        let paid = line.discountedTotalIncTax.map { $0 / Decimal(line.quantity) } ?? line.priceIncTax
        return try convert(paid, from: order.defaultCurrencyCode, to: currency, orderID: order.id, catalog: catalog)
    }

    /// `amount` in currency `from` expressed in `to`: divided by `from`'s exchange rate (back to the store's
    /// default currency), multiplied by `to`'s, rounded to `to`'s decimal places (no price lists).
    static func convert(
        _ amount: Decimal, from: String, to: String, orderID: Int, catalog: StoreCatalog
    ) throws -> Decimal {
        let source = from.uppercased()
        let target = to.uppercased()
        func currency(_ code: String) -> SourceCurrency? {
            catalog.currencies[code] ?? (catalog.storeCurrency.code == code ? catalog.storeCurrency : nil)
        }
        guard let targetCurrency = currency(target) else {
            throw SaleLoggerError.unknownCurrency(orderID: orderID, currency: target)
        }
        if source == target { return Money.round(amount, places: targetCurrency.decimalPlaces) }
        guard let sourceCurrency = currency(source), sourceCurrency.exchangeRate > 0 else {
            throw SaleLoggerError.unknownCurrency(orderID: orderID, currency: source)
        }
        let sourceRate = sourceCurrency.code == catalog.storeCurrency.code ? Decimal(1) : sourceCurrency.exchangeRate
        let targetRate = targetCurrency.code == catalog.storeCurrency.code ? Decimal(1) : targetCurrency.exchangeRate
        return Money.round(amount / sourceRate * targetRate, places: targetCurrency.decimalPlaces)
    }
}
