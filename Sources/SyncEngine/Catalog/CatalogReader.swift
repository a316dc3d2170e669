import Foundation
import Reliability
import BigCommerceAPI
import CatalogMapping
import Logging
import StorefrontRegistry

/// Reads the catalog from BigCommerce as the mapping needs it: store-wide data, product pages with
/// their variants, and price-list records — each read retried while its failure is transient.
public struct CatalogReader: Sendable {
    /// The BigCommerce client.
    public let client: BigCommerceClient
    private let retry: RetryPolicy
    private let logger: Logger
    private let pageSize: Int
    private let includeVariants: Bool
    private let translationPageSize: Int

    /// Creates a reader. `includeVariants` reads variants with each product page (one request per page);
    /// without it they are read store-wide in `product_id:in` batches (see BENCHMARKS.md for the trade).
    /// `translationPageSize` is the `first:` of each translations request (50, the API's maximum, but for tests).
    public init(
        client: BigCommerceClient, retry: RetryPolicy, pageSize: Int = 250, includeVariants: Bool = true,
        translationPageSize: Int = BigCommerceClient.maximumTranslationsPerRequest, logger: Logger
    ) {
        self.client = client
        self.translationPageSize = translationPageSize
        self.retry = retry
        self.pageSize = pageSize
        self.includeVariants = includeVariants
        self.logger = logger
    }

    /// Store-wide data.
    public func storeCatalog() async throws -> StoreCatalog {
        try await fetch("store settings, currencies, brands and categories") {
            try await StoreCatalog.load(from: client)
        }
    }

    /// The price lists and their assignments, which a reindex needs before its first page's price records.
    func storePricing() async throws -> StorePricing {
        try await fetch("price lists and their assignments") { try await StorePricing.load(from: client) }
    }

    /// Store-wide data but the pricing (its price lists left empty), read beside ``storePricing()``.
    func storeCatalogWithoutPricing() async throws -> StoreCatalog {
        try await fetch("store settings, currencies, brands and categories") {
            try await StoreCatalog.loadWithoutPricing(from: client)
        }
    }

    /// The keyset page of products after `id`.
    public func page(after id: Int) async throws -> ProductPage {
        try await page(after: id, through: nil)
    }

    /// The keyset page of products after `id` up to `through` (inclusive; nil for no upper bound).
    public func page(after id: Int, through: Int?) async throws -> ProductPage {
        try await fetch("the product page after id \(id)") {
            try await client.productPage(after: id, through: through, limit: pageSize, includeVariants: includeVariants)
        }
    }

    /// The catalog's lowest and highest product ids and its size.
    public func productIDBounds() async throws -> ProductIDBounds {
        try await fetch("the product id bounds") { try await client.productIDBounds() }
    }

    /// Products per page.
    var productsPerPage: Int { pageSize }

    /// Requests a page of products costs with its variants, the price-list records of `priceLists` lists and
    /// the translations into `translatedLocales` locales (⌈page / 50⌉ each).
    func requestsPerPage(priceLists: Int, translatedLocales: Int = 0) -> Int {
        let translationRequests = (pageSize + BigCommerceClient.maximumTranslationsPerRequest - 1)
            / BigCommerceClient.maximumTranslationsPerRequest
        return 1 + priceLists + (includeVariants ? 0 : 1) + translatedLocales * translationRequests
    }

    /// The page after `id` with everything mapping needs: products with their variants, the
    /// price-list records of `priceKeys` and the translations into `locales`. Read ahead by the reindex while
    /// the previous page is processed.
    func loadPage(after id: Int, priceKeys: Set<PriceKey>, locales: Set<TranslationLocale> = []) async throws -> LoadedPage {
        try await complete(try await page(after: id), priceKeys: priceKeys, locales: locales)
    }

    /// `page` with everything mapping needs: its products' variants (read when the page does not include them), the
    /// price-list records of `priceKeys` and the translations into `locales`, read side by side.
    func complete(_ page: ProductPage, priceKeys: Set<PriceKey>, locales: Set<TranslationLocale>) async throws -> LoadedPage {
        let ids = page.products.map(\.id)
        async let products = sourceProducts(page.products)
        async let prices = priceRecords(productIDs: ids, keys: priceKeys)
        async let translations = translations(productIDs: ids, locales: locales)
        return LoadedPage(page: page, products: try await products, prices: try await prices, translations: try await translations)
    }

    /// The products with `ids` that still exist, with their variants, the price-list records of
    /// `priceKeys` and the translations into `locales`; ids BigCommerce no longer has are absent from the page.
    func loadProducts(ids: [Int], priceKeys: Set<PriceKey>, locales: Set<TranslationLocale> = []) async throws -> LoadedPage {
        let page = try await fetch("products \(ids.prefix(5).map(String.init).joined(separator: ", "))\(ids.count > 5 ? "…" : "")") {
            try await client.products(ids: ids, includeVariants: includeVariants)
        }
        return try await complete(page, priceKeys: priceKeys, locales: locales)
    }

    /// The product ids of `variantIDs` (variants that no longer exist are absent).
    public func productIDs(ofVariants variantIDs: [Int]) async throws -> [Int: Int] {
        let variants = try await fetch("variants \(variantIDs.count)") { try await client.variants(ids: variantIDs) }
        return Dictionary(variants.map { ($0.id, $0.productID) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every product modified at or after `since`, oldest change first.
    ///
    /// Pages are keyed by time rather than numbered: each next read starts at the last modification time
    /// seen, so a product edited during the sweep (which moves to the end of the order) cannot shift one
    /// it has not read yet onto an earlier page. Products seen twice are kept once; page numbers are used
    /// only while one second holds more than a page of changes.
    public func modifiedProducts(since start: Date) async throws -> [ProductStamp] {
        var stamps: [ProductStamp] = []
        var seen = Set<Int>()
        var since = start
        var page = 1
        while true {
            let (from, current) = (since, page)
            let result = try await fetch("products modified since \(from)") {
                try await client.modifiedProducts(since: from, page: current)
            }
            for stamp in result.stamps where seen.insert(stamp.id).inserted { stamps.append(stamp) }
            guard !result.isLast, let last = result.stamps.last?.dateModified else { return stamps }
            if last.timeIntervalSince1970.rounded(.down) > since.timeIntervalSince1970.rounded(.down) {
                since = last
                page = 1
            } else {
                page += 1
            }
        }
    }

    /// One product, or nil when BigCommerce no longer has it.
    public func product(id: Int) async throws -> SourceProduct? {
        guard let product = try await fetch("product \(id)", { try await client.product(id: id) }) else { return nil }
        return try await sourceProducts([product]).first
    }

    /// The page's products as mapping records, fetching variants the page did not include.
    public func sourceProducts(_ products: [Product]) async throws -> [SourceProduct] {
        let missing = products.filter { $0.variants == nil }.map(\.id)
        var variants: [Int: [Variant]] = [:]
        if !missing.isEmpty {
            let fetched = try await fetch("variants of \(missing.count) products") {
                try await client.variants(productIDs: missing)
            }
            variants = Dictionary(grouping: fetched, by: \.productID)
        }
        return products.map { CatalogAdapter.product($0, variants: $0.variants ?? variants[$0.id] ?? []) }
    }

    /// Price-list records for `productIDs`, by variant id, for each distinct price list and currency;
    /// one read per list covers all its currencies, and the lists are read side by side.
    func priceRecords(productIDs: [Int], keys: Set<PriceKey>) async throws -> [PriceKey: [Int: SourcePriceRecord]] {
        var result: [PriceKey: [Int: SourcePriceRecord]] = [:]
        guard !productIDs.isEmpty else { return result }
        for key in keys { result[key] = [:] }
        try await withThrowingTaskGroup(of: (list: Int, records: [PriceRecord]).self) { group in
            for (list, keysOfList) in Dictionary(grouping: keys, by: \.priceListID) {
                let currencies = keysOfList.map(\.currency).sorted()
                group.addTask {
                    let records = try await self.fetch("price list \(list) records in \(currencies.joined(separator: ", "))") {
                        try await self.client.priceListRecords(priceListID: list, productIDs: productIDs, currencies: currencies)
                    }
                    return (list, records)
                }
            }
            for try await (list, records) in group {
                for record in records.map(CatalogAdapter.priceRecord) {
                    let key = PriceKey(priceListID: list, currency: record.currency)
                    if result[key]?[record.variantID] == nil { result[key]?[record.variantID] = record }
                }
            }
        }
        return result
    }

    /// The translations of `productIDs` into each of `locales`, by locale then product id; a product without
    /// any translation is absent (its texts are the catalog's). The locales are read side by side.
    func translations(productIDs: [Int], locales: Set<TranslationLocale>) async throws
        -> [TranslationLocale: [Int: SourceTranslation]]
    {
        var result: [TranslationLocale: [Int: SourceTranslation]] = [:]
        for locale in locales { result[locale] = [:] }
        guard !productIDs.isEmpty else { return result }
        try await withThrowingTaskGroup(of: (locale: TranslationLocale, read: [ProductTranslation]).self) { group in
            for locale in locales {
                group.addTask {
                    let read = try await self.fetch("translations into \(locale) of \(productIDs.count) products") {
                        try await self.client.productTranslations(
                            channelID: locale.channelID, locale: locale.code, productIDs: productIDs, pageSize: self.translationPageSize)
                    }
                    return (locale, read)
                }
            }
            for try await (locale, read) in group {
                for translation in read {
                    result[locale]?[translation.productID] = CatalogAdapter.translation(translation)
                }
            }
        }
        return result
    }

    private func fetch<T: Sendable>(_ what: String, _ operation: @Sendable @escaping () async throws -> T) async throws -> T {
        let logger = self.logger
        return try await retry.run(
            classify: { ($0 as? BigCommerceError)?.retryability ?? .permanent },
            onRetry: { attempt, error, _ in
                logger.warning("BigCommerce request failed; retrying", metadata: [
                    "reading": "\(what)", "attempt": "\(attempt)", "error": "\(error)",
                ])
            },
            operation)
    }
}

/// A product page with its variants and price-list records, ready to map.
struct LoadedPage: Sendable {
    var page: ProductPage
    var products: [SourceProduct]
    var prices: [PriceKey: [Int: SourcePriceRecord]]
    /// Translations of the page's products, by channel locale then product id.
    var translations: [TranslationLocale: [Int: SourceTranslation]] = [:]
}
