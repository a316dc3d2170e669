import BigCommerceAPI
import CatalogMapping

/// Fills in what the operator left out of a storefront from the store itself (mapping.md section 1).
public struct StorefrontDiscovery: Sendable {
    private let client: BigCommerceClient

    /// Creates a discovery over `client`.
    public init(client: BigCommerceClient) { self.client = client }

    /// Resolves every declared storefront; reads the store once and each channel's site and currencies once.
    public func resolve(_ declared: [StorefrontSettings]) async throws -> [StorefrontTarget] {
        let store = try await client.store()
        let currencies = try await client.currencies()
        let known = Set(currencies.map { $0.currencyCode.uppercased() })
        var sites: [Int: Site?] = [:]
        var assignments: [Int: ChannelCurrencyAssignment?] = [:]
        var targets: [StorefrontTarget] = []
        for settings in declared {
            let channel = settings.channelID ?? 1
            if settings.currency == nil, assignments[channel] == nil {
                assignments[channel] = .some(try await client.currencyAssignment(channelID: channel))
            }
            if settings.baseURL == nil, sites[channel] == nil {
                sites[channel] = .some(try await client.site(channelID: channel))
            }
            let currency = (settings.currency ?? assignments[channel]??.defaultCurrency ?? store.currency).uppercased()
            guard known.contains(currency) else {
                throw StorefrontDiscoveryError.unknownCurrency(storefront: settings.name, currency: currency)
            }
            let site = sites[channel] ?? nil
            var baseURL = settings.baseURL
                ?? site?.urls.first(where: { $0.type == "primary" })?.url
                ?? site.map(\.url)
                ?? store.secureURL
            while baseURL.hasSuffix("/") { baseURL.removeLast() }
            let storefront = Storefront(
                name: settings.name, channelID: channel, currency: currency,
                locale: settings.locale ?? store.language, baseURL: baseURL,
                includeHiddenCategories: settings.includeHiddenCategories)
            targets.append(StorefrontTarget(storefront: storefront, clerkKeys: settings.clerkKeys))
        }
        return targets
    }
}

/// A declared storefront that does not fit the store.
public enum StorefrontDiscoveryError: Error, CustomStringConvertible, Sendable {
    /// The storefront's currency is not one of the store's currencies.
    case unknownCurrency(storefront: String, currency: String)

    public var description: String {
        switch self {
        case .unknownCurrency(let storefront, let currency):
            "storefront `\(storefront)`: the store has no currency \(currency) (see Settings › Currencies)"
        }
    }
}
