import CatalogMapping
import Foundation
import Reliability
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Checks each market as its shoppers see it (`clerkbridge validate`): asks every configured placement, a search
/// with a query and one with a filter, and an email block, through the same services `serve` answers with, then
/// holds every product served — and every product Clerk answered that could not be shown — against BigCommerce
/// read now (`CatalogExpectation`): listed on the storefront's channel and shown, its price-list price in the
/// storefront's currency, its page on the storefront's base URL, its name in the storefront's language.
///
/// The page context (a product, its category and brand, a word of its name) comes from the storefront's own
/// catalog mirror; a storefront whose mirror is empty (never reindexed) fails its placement checks saying so.
public struct MarketValidator: Sendable {
    /// The services that answer shoppers.
    public struct Services: Sendable {
        /// Placements.
        public var recommendations: RecommendationService
        /// Search.
        public var search: SearchService
        /// Email blocks.
        public var emailBlocks: EmailBlockService

        /// The services.
        public init(recommendations: RecommendationService, search: SearchService, emailBlocks: EmailBlockService) {
            self.recommendations = recommendations
            self.search = search
            self.emailBlocks = emailBlocks
        }
    }

    /// The visitor the checks ask as: letters and digits, never a real shopper's.
    static let visitor = "clerkbridgevalidate"
    /// The email the email block is asked for (a reserved domain: no shopper has it).
    static let email = "validate@clerkbridge.invalid"

    private let services: Services
    private let placements: [Placement]
    private let expectation: CatalogExpectation
    private let catalog: any CatalogLedger & CatalogMirror
    private let budgets: ClerkBudgets

    /// A validator of `placements` over `services`, against BigCommerce through `expectation`, taking page
    /// context from `catalog`; an answer slower than its route's budget in `budgets` (what `serve` gives Clerk)
    /// is a problem.
    public init(
        services: Services, placements: [Placement], expectation: CatalogExpectation,
        catalog: any CatalogLedger & CatalogMirror, budgets: ClerkBudgets
    ) {
        self.services = services
        self.placements = placements
        self.expectation = expectation
        self.catalog = catalog
        self.budgets = budgets
    }

    /// Validates `storefronts`, one after another.
    /// - Throws: BigCommerce or store read failures (a market that answers badly is a failed check, not an error).
    public func validate(_ storefronts: [ResolvedStorefront]) async throws -> MarketReport {
        var markets: [MarketReport.Market] = []
        for storefront in storefronts {
            markets.append(try await validate(storefront))
        }
        return MarketReport(storefronts: markets)
    }

    private func validate(_ storefront: ResolvedStorefront) async throws -> MarketReport.Market {
        var checks: [MarketReport.Check] = []
        var served = ServedProducts()
        var waits: [Wait] = []
        let sample = try await PageSample.take(from: catalog, storefront: storefront.name)

        for placement in placements {
            let check = MarketCheck.placement(placement.name)
            guard let sample else {
                checks.append(.init(check, ok: false, detail: "the storefront's catalog mirror is empty: run clerkbridge reindex"))
                continue
            }
            do {
                let answer = try await services.recommendations.recommend(
                    placement, context: sample.context(for: placement.kind, visitor: Self.visitor), storefront: storefront)
                waits.append(Wait(check: check, took: answer.clerkWait, budget: budgets.placements))
                served.add(answer.items.map(\.card), from: check, unshown: answer.unshown)
                switch (answer.api, answer.items.isEmpty) {
                case (nil, _):
                    checks.append(.init(check, ok: false, detail: "Clerk did not answer within \(Self.milliseconds(budgets.placements)): the best sellers were served instead"))
                case (_, true):
                    checks.append(.init(check, ok: false, detail: "no products to show"))
                default:
                    checks.append(.init(check, ok: true, detail: "\(answer.items.count) products (\(answer.source.rawValue))"))
                }
            } catch {
                checks.append(.init(check, ok: false, detail: "failed: \(error)"))
            }
        }

        if let sample {
            checks.append(await searchCheck(.search, SearchRequest(query: sample.word, limit: 12, visitor: Self.visitor), storefront, &served, &waits))
            if let brand = sample.brand {
                var check = await searchCheck(
                    .searchFilter, SearchRequest(limit: 12, filters: ["brand": [brand]], visitor: Self.visitor), storefront, &served, &waits)
                let others = served.cards(from: .searchFilter).filter { $0.brand != brand }.map(\.id)
                if check.ok, !others.isEmpty {
                    check = .init(.searchFilter, ok: false, detail: "brand \(brand) answered products of other brands: \(Self.list(others))")
                }
                checks.append(check)
            } else {
                checks.append(.init(.searchFilter, ok: true, detail: "no product of the storefront has a brand to filter by"))
            }
        } else {
            checks.append(.init(.search, ok: false, detail: "the storefront's catalog mirror is empty: run clerkbridge reindex"))
        }

        do {
            let started = ContinuousClock.now
            let block = try await services.emailBlocks.block(.recommended, email: Self.email, storefront: storefront, limit: 4)
            waits.append(Wait(check: .emailBlock, took: ContinuousClock.now - started, budget: budgets.emailBlocks))
            served.add(block.items, from: .emailBlock, unshown: [])
            checks.append(.init(.emailBlock, ok: !block.items.isEmpty,
                                detail: block.items.isEmpty ? "no products to show" : "\(block.items.count) products (\(block.source.rawValue))"))
        } catch {
            checks.append(.init(.emailBlock, ok: false, detail: "failed: \(error)"))
        }

        let expected = try await expectation.documents(ids: served.allIDs, in: [storefront])[storefront.name] ?? [:]
        checks += ProductChecks(storefront: storefront, expected: expected).checks(served)
        let slow = waits.filter { $0.took > $0.budget }
        let slowest = waits.max { $0.took < $1.took }
        checks.append(.init(
            .clerkLatency, ok: slow.isEmpty,
            detail: slow.isEmpty
                ? slowest.map { "slowest: \($0)" } ?? "no Clerk calls"
                : slow.map(\.description).joined(separator: "; ")))
        return MarketReport.Market(
            name: storefront.name, currency: storefront.currency.code, locale: storefront.locale, checks: checks)
    }

    private func searchCheck(
        _ check: MarketCheck, _ request: SearchRequest, _ storefront: ResolvedStorefront, _ served: inout ServedProducts,
        _ waits: inout [Wait]
    ) async -> MarketReport.Check {
        do {
            let started = ContinuousClock.now
            let results = try await services.search.search(request, storefront: storefront)
            waits.append(Wait(check: check, took: ContinuousClock.now - started, budget: budgets.search))
            served.add(results.items, from: check, unshown: results.unshown)
            let what = request.query.map { "q=\($0)" } ?? request.filters.map { "\($0.key)=\($0.value.joined(separator: ","))" }.joined()
            return .init(check, ok: !results.items.isEmpty,
                         detail: results.items.isEmpty ? "\(what) found nothing" : "\(what): \(results.total) products")
        } catch {
            return .init(check, ok: false, detail: "failed: \(error)")
        }
    }

    /// How long one answer took against its route's budget.
    struct Wait: CustomStringConvertible {
        var check: MarketCheck
        var took: Duration
        var budget: Duration

        var description: String {
            "\(check.name) in \(MarketValidator.milliseconds(took)) (budget \(MarketValidator.milliseconds(budget)))"
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        "\(Int((duration.timeInterval * 1_000).rounded())) ms"
    }

    static func list(_ ids: [Int]) -> String {
        ids.prefix(10).map(String.init).joined(separator: ", ") + (ids.count > 10 ? " and \(ids.count - 10) more" : "")
    }
}
