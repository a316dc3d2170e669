import Foundation
import Server
import Storefront
import SyncEngine
import Tracking

/// Wires what `serve` answers shoppers with: the placements' recommendations, search and the email blocks over
/// the catalog mirror.
enum StorefrontServing {
    /// Every shopper route `serve` answers, over `runtime`, for the storefronts `shops` learns; a merchant
    /// template that does not parse stops the start with its name.
    static func routes(runtime: Runtime, shops: ShopDirectory) throws -> [any ShopperRoute] {
        let cards = CardResolver(mirror: runtime.store)
        return [
            try recommendations(runtime: runtime, shops: shops, cards: cards),
            search(runtime: runtime, shops: shops, cards: cards),
            try emailBlocks(runtime: runtime, shops: shops, cards: cards),
        ]
    }

    /// `GET /v1/search` and `GET /v1/search/predictive` over `runtime`, with the store's filter settings read from
    /// BigCommerce and kept for `merchandisingTTL` seconds.
    static func search(
        runtime: Runtime, shops: ShopDirectory, merchandisingTTL: TimeInterval = 300,
        cards: CardResolver? = nil
    ) -> SearchEndpoint {
        let source = BigCommerceMerchandisingSource(client: runtime.bigCommerce, logger: runtime.logger)
        let merchandising = MerchandisingCache(source: source, ttl: merchandisingTTL)
        return SearchEndpoint(
            service: SearchService(
                clerk: runtime.clerk, mirror: runtime.store, merchandising: merchandising, resolver: cards),
            shops: shops)
    }

    /// `GET /v1/recommendations` over `runtime`, serving the storefronts `shops` learns.
    static func recommendations(
        runtime: Runtime, shops: ShopDirectory, cards: CardResolver? = nil
    ) throws -> RecommendationsEndpoint {
        let settings = runtime.settings
        return RecommendationsEndpoint(
            service: RecommendationService(
                clerk: runtime.clerk, mirror: runtime.store,
                answerTTL: (.seconds(settings.placementCacheSeconds), .seconds(min(settings.placementCacheSeconds, 5))),
                resolver: cards),
            shops: shops,
            placements: settings.placements,
            verifier: CustomerTokenVerifier(clientSecret: settings.clientSecret, storeHash: settings.bigCommerce.storeHash),
            sales: runtime.store,
            renderers: try configured { () throws(TemplateError) in
                try PlacementRenderers(sharedTemplate: settings.placementTemplate, templates: settings.placementTemplates)
            })
    }

    /// `GET /v1/email/blocks` over `runtime`.
    static func emailBlocks(runtime: Runtime, shops: ShopDirectory, cards: CardResolver? = nil) throws -> EmailBlocksEndpoint {
        let settings = runtime.settings
        return EmailBlocksEndpoint(
            service: EmailBlockService(
                clerk: runtime.clerk, mirror: runtime.store, carts: StoredAbandonedCarts(baskets: runtime.store),
                resolver: cards),
            shops: shops,
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

    /// Tells `shops` the storefronts of `targets` with their currencies' display settings from the store; when
    /// those cannot be read yet, the storefronts stay unknown (the route answers 503) and the next start retries.
    static func learn(_ targets: [StorefrontTarget], runtime: Runtime, into shops: ShopDirectory) async {
        do {
            let catalog = try await runtime.reader().storeCatalog()
            shops.replace(targets.map { target in
                Shop(
                    name: target.name,
                    currency: catalog.currencies[target.storefront.currency.uppercased()] ?? catalog.storeCurrency,
                    keys: target.clerkKeys, channelID: target.storefront.channelID,
                    baseURL: target.storefront.baseURL)
            })
        } catch {
            runtime.logger.warning(
                "The store's currencies could not be read; recommendations and search answer 503", metadata: ["error": "\(error)"])
        }
    }
}
