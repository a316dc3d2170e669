import Foundation
import Server
import Storefront
import StorefrontRegistry
import SyncEngine
import Tracking

/// Wires what `serve` answers shoppers with: the placements' recommendations, search and the email blocks over
/// the catalog mirror.
enum StorefrontServing {
    /// Every shopper route `serve` answers, over `runtime`, for the storefronts of its registry; a merchant
    /// template that does not parse stops the start with its name. The first search of a channel waits
    /// `searchSettingsWait` for the store's filter settings and is answered without facets after it.
    static func routes(
        runtime: Runtime, budgets: ClerkBudgets = .production, searchSettingsWait: Duration = .seconds(2)
    ) throws -> [any ShopperRoute] {
        let cards = CardResolver(mirror: runtime.store)
        return [
            try recommendations(runtime: runtime, cards: cards, budget: budgets.placements),
            try search(runtime: runtime, cards: cards, budget: budgets.search, settingsWait: searchSettingsWait),
            try emailBlocks(runtime: runtime, cards: cards, budget: budgets.emailBlocks),
        ]
    }

    /// `GET /v1/search` and `GET /v1/search/predictive` over `runtime`, with the store's filter settings read from
    /// BigCommerce (a channel's first search waits `settingsWait` for them) and kept for `merchandisingTTL`
    /// seconds, and `format=html` from the search template.
    static func search(
        runtime: Runtime, merchandisingTTL: TimeInterval = 300, cards: CardResolver? = nil,
        budget: Duration = ClerkBudgets.production.search, settingsWait: Duration = .seconds(2)
    ) throws -> SearchEndpoint {
        SearchEndpoint(
            service: searchService(
                runtime: runtime, merchandisingTTL: merchandisingTTL, cards: cards, budget: budget, settingsWait: settingsWait),
            storefronts: runtime.storefronts,
            renderer: try configured { () throws(TemplateError) in
                try SearchResultsRenderer(templateText: runtime.settings.searchTemplate)
            })
    }

    /// The search service over `runtime`, with the store's filter settings read from BigCommerce (a channel's
    /// first search waits `settingsWait` for them) and kept for `merchandisingTTL` seconds.
    static func searchService(
        runtime: Runtime, merchandisingTTL: TimeInterval = 300, cards: CardResolver? = nil,
        budget: Duration = ClerkBudgets.production.search, settingsWait: Duration = .seconds(2)
    ) -> SearchService {
        let source = BigCommerceMerchandisingSource(client: runtime.bigCommerce, logger: runtime.logger)
        let merchandising = MerchandisingCache(source: source, ttl: merchandisingTTL, firstReadWait: settingsWait)
        return SearchService(
            clerk: runtime.clerk, mirror: runtime.store, merchandising: merchandising,
            budget: budget, resolver: cards, filterAttributes: CatalogFilterAttributes(markers: runtime.store))
    }

    /// The placements' service over `runtime`.
    static func recommendationService(
        runtime: Runtime, cards: CardResolver? = nil, budget: Duration = ClerkBudgets.production.placements
    ) -> RecommendationService {
        let seconds = runtime.settings.placementCacheSeconds
        return RecommendationService(
            clerk: runtime.clerk, mirror: runtime.store, budget: budget, answerTTL: (.seconds(seconds), .seconds(min(seconds, 5))),
            resolver: cards)
    }

    /// The email blocks' service over `runtime`.
    static func emailBlockService(
        runtime: Runtime, cards: CardResolver? = nil, budget: Duration = ClerkBudgets.production.emailBlocks
    ) -> EmailBlockService {
        EmailBlockService(
            clerk: runtime.clerk, mirror: runtime.store, carts: StoredAbandonedCarts(baskets: runtime.store),
            budget: budget, resolver: cards)
    }

    /// `GET /v1/recommendations` over `runtime`, serving the storefronts of its registry.
    static func recommendations(
        runtime: Runtime, cards: CardResolver? = nil, budget: Duration = ClerkBudgets.production.placements
    ) throws -> RecommendationsEndpoint {
        let settings = runtime.settings
        return RecommendationsEndpoint(
            service: recommendationService(runtime: runtime, cards: cards, budget: budget),
            storefronts: runtime.storefronts,
            placements: settings.placements,
            verifier: CustomerTokenVerifier(clientSecret: settings.clientSecret, storeHash: settings.bigCommerce.storeHash),
            orders: PlacedOrders(ledger: runtime.store, source: BigCommercePlacedOrders(client: runtime.bigCommerce)),
            renderers: try configured { () throws(TemplateError) in
                try PlacementRenderers(sharedTemplate: settings.placementTemplate, templates: settings.placementTemplates)
            })
    }

    /// `GET /v1/email/blocks` over `runtime`.
    static func emailBlocks(
        runtime: Runtime, cards: CardResolver? = nil, budget: Duration = ClerkBudgets.production.emailBlocks
    ) throws -> EmailBlocksEndpoint {
        let settings = runtime.settings
        return EmailBlocksEndpoint(
            service: emailBlockService(runtime: runtime, cards: cards, budget: budget),
            storefronts: runtime.storefronts,
            renderer: try configured { () throws(TemplateError) in try EmailBlockRenderer(templateText: settings.emailBlockTemplate) },
            accessToken: settings.emailBlocksToken)
    }

    /// `body`'s value, a template error turned into the configuration error `serve` stops with.
    private static func configured<Value>(_ body: () throws(TemplateError) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            throw ConfigurationError(error.description)
        }
    }
}
