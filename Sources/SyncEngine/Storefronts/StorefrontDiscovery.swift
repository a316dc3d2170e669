import BigCommerceAPI
import CatalogMapping
import Reliability
import StorefrontRegistry

/// Resolves the declared storefronts against the store (mapping.md section 1): what the operator left out is
/// filled in from one read of the store, its currencies, and each channel's site and currency assignments.
public struct StorefrontDiscovery: Sendable {
    private let client: BigCommerceClient

    /// Creates a discovery over `client`.
    public init(client: BigCommerceClient) { self.client = client }

    /// Resolves every declared storefront; reads the store and its currencies once, and each channel's site and
    /// currencies once.
    public func resolve(_ declared: [DeclaredStorefront]) async throws -> [ResolvedStorefront] {
        let store = try await client.store()
        let currencies = Dictionary(
            try await client.currencies().map { (CatalogAdapter.currency($0).code, CatalogAdapter.currency($0)) },
            uniquingKeysWith: { first, _ in first })
        var sites: [Int: Site?] = [:]
        var assignments: [Int: ChannelCurrencyAssignment?] = [:]
        var resolved: [ResolvedStorefront] = []
        for settings in declared {
            let channel = settings.channelID ?? 1
            if settings.currency == nil, assignments[channel] == nil {
                assignments[channel] = .some(try await client.currencyAssignment(channelID: channel))
            }
            if settings.baseURL == nil, sites[channel] == nil {
                sites[channel] = .some(try await client.site(channelID: channel))
            }
            let code = (settings.currency ?? assignments[channel]??.defaultCurrency ?? store.currency).uppercased()
            guard let currency = currencies[code] else {
                throw StorefrontDiscoveryError.unknownCurrency(storefront: settings.name, currency: code)
            }
            let site = sites[channel] ?? nil
            var baseURL = settings.baseURL
                ?? site?.urls.first(where: { $0.type == "primary" })?.url
                ?? site.map(\.url)
                ?? store.secureURL
            while baseURL.hasSuffix("/") { baseURL.removeLast() }
            let storefront = Storefront(
                name: settings.name, channelID: channel, currency: code,
                locale: settings.locale ?? store.language, baseURL: baseURL,
                includeHiddenCategories: settings.includeHiddenCategories)
            resolved.append(ResolvedStorefront(storefront: storefront, clerkKeys: settings.clerkKeys, currency: currency))
        }
        return resolved
    }
}

/// A declared storefront that does not fit the store.
public enum StorefrontDiscoveryError: RetryClassified, CustomStringConvertible, Sendable {
    /// The storefront's currency is not one of the store's currencies.
    case unknownCurrency(storefront: String, currency: String)

    /// A setting that does not fit the store stays wrong until the operator changes it.
    public var retryability: Retryability { .permanent }

    /// The operator's configuration, not a dependency.
    public var dependency: Dependency? { nil }

    public var description: String {
        switch self {
        case .unknownCurrency(let storefront, let currency):
            "storefront `\(storefront)`: the store has no currency \(currency) (see Settings › Currencies)"
        }
    }
}
