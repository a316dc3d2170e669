import Reliability
import StorefrontRegistry
import SyncStore

/// The products of an order a thank-you page names (`post_purchase`'s `order`): the sales ledger's when the
/// sale is logged, otherwise BigCommerce's, since the page loads before the order webhook has been handled.
///
/// BigCommerce reads share the store's API quota with the sync, so they are governed here: each order is read
/// once and kept for `foundTTL` (an unknown one for `missingTTL`), concurrent requests for one order share one
/// read, at most `lookupsPerMinute` reads start in a minute, and a read slower than `timeout` is abandoned. An
/// order placed on another storefront's channel is not this storefront's to describe.
public final class PlacedOrders: Sendable {
    /// What became of a lookup.
    public enum Lookup: Sendable, Hashable {
        /// The order's products.
        case found(OrderContext)
        /// BigCommerce has no such order, or it was placed on another channel.
        case notOnStorefront
    }

    private struct OrderBudgetSpent: Error {}

    private let ledger: (any SalesLedger)?
    private let source: (any PlacedOrderSource)?
    private let orders = AnswerCache<Int, PlacedOrder?>(capacity: 10_000)
    private let budget: ClientRateLimiter
    private let timeout: Duration
    private let foundTTL: Duration
    private let missingTTL: Duration

    /// Creates a lookup over `ledger` and `source` (either may be absent: then that place is not looked in).
    public init(
        ledger: (any SalesLedger)?, source: (any PlacedOrderSource)?, lookupsPerMinute: Int = 120,
        timeout: Duration = .seconds(2), foundTTL: Duration = .seconds(300), missingTTL: Duration = .seconds(30)
    ) {
        self.ledger = ledger
        self.source = source
        self.budget = ClientRateLimiter(rate: Double(max(lookupsPerMinute, 1)) / 60, burst: Double(max(lookupsPerMinute / 4, 1)))
        self.timeout = timeout
        self.foundTTL = foundTTL
        self.missingTTL = missingTTL
    }

    /// The products of order `id` for a page of `storefront`.
    /// - Throws: the sales ledger's error (BigCommerce failures are ``OrderContext/unreadable``, not errors).
    public func products(ofOrder id: Int, storefront: ResolvedStorefront) async throws -> Lookup {
        if let sale = try await ledger?.loggedSale(storefront: storefront.name, orderID: id) {
            return .found(.products(Self.distinct(sale.lines.map(\.productID))))
        }
        guard let source else { return .found(.unreadable) }
        let (budget, timeout, foundTTL, missingTTL) = (budget, timeout, foundTTL, missingTTL)
        let order: PlacedOrder?
        do {
            order = try await orders.answer(for: id, ttl: { $0 == nil ? missingTTL : foundTTL }) {
                guard budget.admit("orders") == nil else { throw OrderBudgetSpent() }
                return try await RetryPolicy(maxAttempts: 1).run(attemptTimeout: timeout) {
                    try await source.placedOrder(id: id)
                }
            }.value
        } catch {
            return .found(.unreadable)
        }
        guard let order, order.channelID == storefront.channelID else { return .notOnStorefront }
        return .found(.products(order.productIDs))
    }

    /// `ids` in first-seen order, each once.
    static func distinct(_ ids: [Int]) -> [Int] {
        var seen = Set<Int>()
        return ids.filter { seen.insert($0).inserted }
    }
}
