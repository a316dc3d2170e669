import CatalogMapping
import ClerkAPI
import StorefrontRegistry

/// Storefront registries for the route tests.
enum TestStorefronts {
    static let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))
    static let keys = ClerkStoreKeys(publicKey: "pub", privateKey: "priv")

    /// A storefront `name` on `baseURL`, resolved in `currency`.
    static func resolved(
        _ name: String, baseURL: String, channelID: Int = 1, currency: SourceCurrency = usd, locale: String = "en",
        keys: ClerkStoreKeys = keys
    ) -> ResolvedStorefront {
        ResolvedStorefront(
            storefront: Storefront(name: name, channelID: channelID, currency: currency.code, locale: locale, baseURL: baseURL),
            clerkKeys: keys, currency: currency)
    }

    /// A registry of storefronts on `baseURLs`, already resolved (`main`, then `main-2`, …).
    static func registry(baseURLs: [String]) -> StorefrontRegistry {
        StorefrontRegistry(resolved: baseURLs.enumerated().map { index, url in
            resolved(index == 0 ? "main" : "main-\(index + 1)", baseURL: url)
        })
    }
}
