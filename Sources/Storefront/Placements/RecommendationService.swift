import CatalogMapping
import ClerkAPI
import Foundation
import StorefrontRegistry
import SyncStore

/// Serves a placement: asks Clerk with the page's context within a latency budget, resolves the ids to cards from
/// the catalog mirror in Clerk's order, drops what cannot be shown and fills up from the storefront's best sellers;
/// when Clerk is slower than the budget or failing, answers from the best sellers alone and says so.
public final class RecommendationService: Sendable {
    private let clerk: ClerkClient
    private let resolver: CardResolver
    private let budget: Duration
    private let bestSellers: BestSellers
    /// What a shared answer depends on: the storefront, the placement (its labels, filter and stock rule), the
    /// limit and the whole plan (Clerk's call, the exclusions and where the fill-up comes from).
    private struct AnswerKey: Hashable, Sendable {
        var storefront: String
        var placement: String
        var limit: Int
        var plan: PlacementPlan
    }

    private let answers: AnswerCache<AnswerKey, Recommendations>
    private let answerTTL: (clerk: Duration, fallback: Duration)

    /// Creates a service; `budget` is how long Clerk may take before the fallback answers (default 300 ms).
    /// Answers that are the same for every shopper are kept `answerTTL` (30 s when Clerk answered, 5 s for the
    /// fallback, so a recovered Clerk is asked again soon); zero keeps nothing. `resolver` builds the cards.
    public init(
        clerk: ClerkClient, mirror: any CatalogMirror, budget: Duration = .milliseconds(300),
        bestSellerTTL: TimeInterval = 300,
        answerTTL: (clerk: Duration, fallback: Duration) = (.seconds(30), .seconds(5)), resolver: CardResolver? = nil
    ) {
        self.clerk = clerk
        self.resolver = resolver ?? CardResolver(mirror: mirror)
        self.budget = budget
        self.bestSellers = BestSellers(mirror: mirror, ttl: bestSellerTTL)
        self.answers = AnswerCache()
        self.answerTTL = answerTTL
    }

    /// The products of `placement` for `context` on `storefront`, at most `limit` (the placement's when nil).
    ///
    /// An answer that does not depend on the shopper (no visitor or customer in the Clerk call) is shared for a
    /// short while by every request with the same placement, context and limit. Clerk hears of the visitor whose
    /// request asked it; those served from the shared answer are not reported as having seen it (their clicks
    /// and purchases are).
    public func recommend(
        _ placement: Placement, context: PlacementContext, storefront: ResolvedStorefront, limit: Int? = nil
    ) async throws -> Recommendations {
        let plan = try PlacementPlan(placement: placement, context: context)
        let wanted = min(max(limit ?? placement.limit, 1), Placement.maxLimit)
        guard !plan.isPersonal, answerTTL.clerk > .zero else {
            return try await compute(placement, plan: plan, visitor: context.visitor, storefront: storefront, wanted: wanted)
        }
        let key = AnswerKey(storefront: storefront.name, placement: placement.name, limit: wanted, plan: plan)
        let ttl = answerTTL
        let started = ContinuousClock.now
        var (answer, kept) = try await answers.answer(for: key, ttl: { $0.api != nil ? ttl.clerk : ttl.fallback }) {
            try await self.compute(placement, plan: plan, visitor: context.visitor, storefront: storefront, wanted: wanted)
        }
        // A kept answer cost this request no Clerk time; one it waited for cost at most its own wait.
        answer.clerkWait = kept ? .zero : min(answer.clerkWait, ContinuousClock.now - started)
        return answer
    }

    private func compute(
        _ placement: Placement, plan: PlacementPlan, visitor: String?, storefront: ResolvedStorefront, wanted: Int
    ) async throws -> Recommendations {
        var clerkAnswered = true
        var ids: [Int] = []
        let asked = ContinuousClock.now
        do {
            ids = try await clerk.recommendations(
                plan.recommendation, limit: min(wanted * 2, 100), visitor: visitor, labels: placement.labels,
                filter: placement.filter, exclude: plan.exclude, timeout: budget, keys: storefront.clerkKeys)
        } catch {
            clerkAnswered = false
        }
        let clerkWait = ContinuousClock.now - asked
        let excluded = Set(plan.exclude)
        let resolved = try await resolver.cards(
            for: ids.filter { !excluded.contains($0) }, storefront: storefront.name, currency: storefront.currency,
            inStockOnly: placement.inStockOnly)
        var cards = Array(resolved.cards.prefix(wanted))
        let chosenByClerk = cards.count
        if cards.count < wanted {
            let have = Set(cards.map(\.id)).union(excluded)
            let fill = try await bestSellers.products(storefront: storefront.name, category: plan.fallbackCategory, count: wanted * 3)
                .filter { !have.contains($0) }
            let more = try await resolver.cards(
                for: fill, storefront: storefront.name, currency: storefront.currency, inStockOnly: placement.inStockOnly)
            cards += more.cards.prefix(wanted - cards.count)
        }
        var answer = Recommendations(
            storefront: storefront.name, placement: placement.name, labels: placement.labels,
            source: ProductSource(chosenByClerk: chosenByClerk, of: cards.count, clerkAnswered: clerkAnswered),
            currency: storefront.currency.code,
            items: cards.enumerated().map { position, card in
                Recommendations.Item(
                    card: card, position: position,
                    api: position < chosenByClerk ? plan.recommendation.endpoint : nil)
            },
            api: clerkAnswered ? plan.recommendation.endpoint : nil, personal: plan.isPersonal,
            clerkWait: clerkWait)
        answer.unshown = resolved.dropped
        return answer
    }
}
