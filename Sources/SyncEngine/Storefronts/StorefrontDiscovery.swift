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

    /// Resolves every declared storefront; reads the store, its channels and its currencies once, and each
    /// channel's site and currencies once. The reads run side by side: against the real API each waits on its
    /// response time, and one after another they made up most of a small reindex's start.
    /// - Throws: ``StorefrontDiscoveryError`` naming the storefront and the setting when a storefront's channel or
    ///   currency is not one the store has: syncing it could only empty or corrupt its Clerk store.
    public func resolve(_ declared: [DeclaredStorefront]) async throws -> [ResolvedStorefront] {
        async let storeRead = client.store()
        async let channelsRead = client.channels()
        async let currenciesRead = client.currencies()
        let store = try await storeRead
        let channels = try await channelsRead
        let currencies = Dictionary(
            try await currenciesRead.map { (CatalogAdapter.currency($0).code, CatalogAdapter.currency($0)) },
            uniquingKeysWith: { first, _ in first })
        let known = Set(channels.map(\.id))
        let used = Set(declared.map { $0.channelID ?? 1 }).intersection(known)
        let unsited = Set(declared.filter { $0.baseURL == nil }.map { $0.channelID ?? 1 }).intersection(known)
        let client = self.client
        var sites: [Int: Site?] = [:]
        var assignments: [Int: ChannelCurrencyAssignment?] = [:]
        var locales: [Int: ChannelLocales] = [:]
        try await withThrowingTaskGroup(of: (Int, ChannelRead).self) { group in
            for channel in used {
                group.addTask { (channel, .assignment(try await client.currencyAssignment(channelID: channel))) }
                group.addTask { (channel, .locales(try await self.channelLocales(channel))) }
            }
            for channel in unsited {
                group.addTask { (channel, .site(try await client.site(channelID: channel))) }
            }
            for try await (channel, read) in group {
                switch read {
                case .assignment(let assignment): assignments[channel] = .some(assignment)
                case .site(let site): sites[channel] = .some(site)
                case .locales(let answer): locales[channel] = answer
                }
            }
        }
        var resolved: [ResolvedStorefront] = []
        for settings in declared {
            let channel = settings.channelID ?? 1
            guard channels.contains(where: { $0.id == channel }) else {
                throw StorefrontDiscoveryError.unknownChannel(
                    storefront: settings.name, channelID: channel, known: channels.map { "\($0.id) (\($0.name))" })
            }
            if assignments[channel] == nil {
                assignments[channel] = .some(try await client.currencyAssignment(channelID: channel))
            }
            if settings.baseURL == nil, sites[channel] == nil {
                sites[channel] = .some(try await client.site(channelID: channel))
            }
            let code = (settings.currency ?? assignments[channel]??.defaultCurrency ?? store.currency).uppercased()
            guard let currency = currencies[code] else {
                throw StorefrontDiscoveryError.unknownCurrency(storefront: settings.name, currency: code)
            }
            if let enabled = assignments[channel]??.enabledCurrencies.map({ $0.uppercased() }), !enabled.isEmpty,
                !enabled.contains(code)
            {
                throw StorefrontDiscoveryError.currencyNotOnChannel(
                    storefront: settings.name, currency: code, channelID: channel, enabled: enabled)
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
            if locales[channel] == nil { locales[channel] = try await channelLocales(channel) }
            let language = try Self.language(of: storefront, locales: locales[channel]!, storeLanguage: store.language)
            resolved.append(ResolvedStorefront(
                storefront: storefront, clerkKeys: settings.clerkKeys, currency: currency, language: language))
        }
        return resolved
    }

    /// One of the reads of a channel.
    private enum ChannelRead: Sendable {
        case assignment(ChannelCurrencyAssignment?)
        case site(Site?)
        case locales(ChannelLocales)
    }

    /// What a channel answered for its locales.
    enum ChannelLocales: Sendable {
        /// Its locales (possibly none).
        case listed([ChannelLocale])
        /// BigCommerce refused the query (a GraphQL error or 403: a channel without the feature, or an API account
        /// without the scope); the reason is kept for the error message.
        case unavailable(String)
    }

    private func channelLocales(_ channel: Int) async throws -> ChannelLocales {
        do {
            return .listed(try await client.channelLocales(channelID: channel))
        } catch let error as BigCommerceError {
            switch error {
            case .graphQL, .forbidden: return .unavailable(error.description)
            default: throw error
            }
        }
    }

    /// Where `storefront`'s texts come from: its locale must be one of its channel's locales (matched
    /// case-insensitively); the default one reads no translations. A channel without locales (BigCommerce offers
    /// them for Catalyst channels) shows the store's language only.
    /// - Throws: ``StorefrontDiscoveryError/localeNotOnChannel(storefront:locale:channelID:locales:)``.
    static func language(of storefront: Storefront, locales: ChannelLocales, storeLanguage: String) throws -> StorefrontLanguage {
        let wanted = storefront.locale.lowercased()
        switch locales {
        case .listed(let list) where !list.isEmpty:
            guard let locale = list.first(where: { $0.code.lowercased() == wanted }) else {
                throw StorefrontDiscoveryError.localeNotOnChannel(
                    storefront: storefront.name, locale: storefront.locale, channelID: storefront.channelID,
                    locales: list.map { $0.isDefault ? "\($0.code) (default)" : $0.code })
            }
            return locale.isDefault
                ? .catalogText : .translated(TranslationLocale(channelID: storefront.channelID, code: locale.code))
        case .listed, .unavailable:
            guard wanted == storeLanguage.lowercased() else {
                var known = ["\(storeLanguage) (the store's language; the channel lists no locales of its own"]
                if case .unavailable(let reason) = locales { known[0] += ": \(reason)" }
                known[0] += ")"
                throw StorefrontDiscoveryError.localeNotOnChannel(
                    storefront: storefront.name, locale: storefront.locale, channelID: storefront.channelID, locales: known)
            }
            return .catalogText
        }
    }
}

/// A declared storefront that does not fit the store.
public enum StorefrontDiscoveryError: RetryClassified, CustomStringConvertible, Sendable {
    /// The storefront's channel is not one of the store's channels.
    case unknownChannel(storefront: String, channelID: Int, known: [String])
    /// The storefront's currency is not one of the store's currencies.
    case unknownCurrency(storefront: String, currency: String)
    /// The storefront's currency is not enabled on its channel.
    case currencyNotOnChannel(storefront: String, currency: String, channelID: Int, enabled: [String])
    /// The storefront's locale is not one of its channel's locales.
    case localeNotOnChannel(storefront: String, locale: String, channelID: Int, locales: [String])

    /// A setting that does not fit the store stays wrong until the operator changes it.
    public var retryability: Retryability { .permanent }

    /// The operator's configuration, not a dependency.
    public var dependency: Dependency? { nil }

    public var description: String {
        switch self {
        case .unknownChannel(let storefront, let channel, let known):
            "storefronts: `\(storefront)` has channel_id \(channel), which is not a channel of this store "
                + "(channels: \(known.joined(separator: ", "))); nothing was changed"
        case .unknownCurrency(let storefront, let currency):
            "storefronts: `\(storefront)` has currency \(currency), which is not one of the store's currencies "
                + "(see Settings › Currencies); nothing was changed"
        case .currencyNotOnChannel(let storefront, let currency, let channel, let enabled):
            "storefronts: `\(storefront)` has currency \(currency), which is not enabled on channel \(channel) "
                + "(enabled: \(enabled.joined(separator: ", "))); nothing was changed"
        case .localeNotOnChannel(let storefront, let locale, let channel, let locales):
            "storefronts: `\(storefront)` has locale \(locale), which is not a locale of channel \(channel) "
                + "(locales: \(locales.joined(separator: ", "))); nothing was changed"
        }
    }
}
