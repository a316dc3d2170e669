import Foundation
import Synchronization

/// The live, mutable BigCommerce store of the sandbox: the seeded ``SandboxCatalog`` plus a thread-safe overlay
/// of edits, deletions and additions. The simulators read through it, so tests (and later webhooks) can change
/// the catalog while a server runs.
public final class SandboxStore: Sendable {
    /// The seeded catalog underneath the overlay.
    public let catalog: SandboxCatalog

    struct Overlay {
        /// Products that replace a generated product or were added.
        var products: [Int: SandboxProduct] = [:]
        /// Deleted ids (generated or added).
        var deleted: Set<Int> = []
        var nextAddedID: Int
        var brands: [Int: SandboxBrand?] = [:]
        var categories: [Int: SandboxCategory?] = [:]
        var priceRecords: [PriceRecordKey: SandboxPriceRecord?] = [:]
        var version = 0
    }

    struct PriceRecordKey: Hashable {
        var priceListID: Int
        var variantID: Int
        var currency: String
    }

    let overlay: Mutex<Overlay>
    /// Orders, customers and newsletter subscribers (see `SandboxStore+Orders.swift`).
    let orderBook = Mutex(OrderBook())
    /// Channel locales and product translations (GraphQL Admin).
    public let translations: SandboxTranslations
    /// Customer segments and shopper profiles.
    public let segmentation = SandboxSegmentation()
    /// Product Filtering and storefront search settings.
    public let searchSettings = SandboxSearchSettings()
    /// Recently generated products: a products page and the price records asked for right after it cover the
    /// same products, and generating one is the sandbox's biggest cost. Bounded; emptied when full.
    private let generated = Mutex<[Int: SandboxProduct]>([:])
    private static let generatedCacheLimit = 16_384

    /// Creates a store over `catalog` with no edits.
    public init(catalog: SandboxCatalog) {
        self.catalog = catalog
        translations = SandboxTranslations(catalog: catalog)
        overlay = Mutex(Overlay(nextAddedID: catalog.productID(atIndex: catalog.productCount) + 1000))
    }

    // MARK: Products

    /// The current product with `id`, or nil when it does not exist or was deleted.
    public func product(id: Int) -> SandboxProduct? {
        let state = overlay.withLock { ($0.deleted.contains(id), $0.products[id]) }
        if state.0 { return nil }
        if let product = state.1 { return product }
        guard let index = catalog.index(ofProductID: id) else { return catalog.product(id: id) }
        return generatedProduct(atIndex: index)
    }

    /// The seeded product at `index`, from the cache of recently generated ones when possible.
    func generatedProduct(atIndex index: Int) -> SandboxProduct {
        let id = catalog.productID(atIndex: index)
        if let cached = generated.withLock({ $0[id] }) { return cached }
        let product = catalog.product(atIndex: index)
        generated.withLock { cache in
            if cache.count >= Self.generatedCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[id] = product
        }
        return product
    }

    /// Applies `change` to the product with `id` (its `dateModified` is first set to now; the closure may override
    /// it) and recomputes derived prices. Returns the new product, or nil when it does not exist.
    @discardableResult
    public func updateProduct(id: Int, _ change: (inout SandboxProduct) -> Void) -> SandboxProduct? {
        guard var product = product(id: id) else { return nil }
        product.dateModified = Self.now()
        change(&product)
        product.id = id
        product.recalculate()
        let result = product
        overlay.withLock {
            $0.products[id] = result
            $0.version += 1
        }
        return result
    }

    /// Deletes the product with `id`; returns whether it existed.
    @discardableResult
    public func deleteProduct(id: Int) -> Bool {
        guard product(id: id) != nil else { return false }
        overlay.withLock {
            $0.products[id] = nil
            $0.deleted.insert(id)
            $0.version += 1
        }
        return true
    }

    /// Adds a product. When `product.id` is 0 a fresh id above every generated id is assigned. Variants, images and
    /// custom fields with id 0 get ids derived from the product's as seeded ones have (`id × 100 + n` with the
    /// variant's SKU id, `id × 10 + n`); a lone variant without options so numbered becomes the base variant.
    /// Returns the stored product.
    @discardableResult
    public func addProduct(_ product: SandboxProduct) -> SandboxProduct {
        var product = product
        product.recalculate()
        return overlay.withLock {
            if product.id == 0 {
                product.id = $0.nextAddedID
                $0.nextAddedID += Self.idStep
            } else {
                $0.nextAddedID = max($0.nextAddedID, product.id + Self.idStep)
            }
            Self.numberParts(of: &product)
            $0.deleted.remove(product.id)
            $0.products[product.id] = product
            $0.version += 1
            return product
        }
    }

    static let idStep = 7

    /// Points the parts of `product` at it and gives those with id 0 their ids (see ``addProduct(_:)``).
    static func numberParts(of product: inout SandboxProduct) {
        var renumbered = false
        for index in product.variants.indices {
            product.variants[index].productID = product.id
            guard product.variants[index].id == 0 else { continue }
            product.variants[index].id = product.id * 100 + index
            product.variants[index].skuID = product.variants[index].skuID.map { _ in product.id * 100 + index }
            renumbered = true
        }
        if renumbered, product.variants.count == 1, product.variants[0].optionValues.isEmpty {
            product.baseVariantID = product.variants[0].id
        }
        for index in product.images.indices {
            product.images[index].productID = product.id
            if product.images[index].id == 0 { product.images[index].id = product.id * 10 + index }
        }
        for index in product.customFields.indices where product.customFields[index].id == 0 {
            product.customFields[index].id = product.id * 10 + index
        }
    }

    /// Every current product in ascending id order, generated lazily.
    public func allProducts() -> some Sequence<SandboxProduct> {
        ProductQuery(sort: .id).matches(in: self).lazy.map { $0.product(in: self) }
    }

    /// Number of current products.
    public var productCount: Int {
        ProductQuery(sort: .id).count(in: self)
    }

    // MARK: Other entities

    /// Current brands in id order.
    public func brands() -> [SandboxBrand] {
        let edits = overlay.withLock { $0.brands }
        var byID = Dictionary(uniqueKeysWithValues: catalog.brands.map { ($0.id, $0) })
        for (id, brand) in edits { byID[id] = brand }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// Replaces (or adds) a brand; pass nil to delete the brand with `id`.
    public func updateBrand(id: Int, _ brand: SandboxBrand?) {
        overlay.withLock { $0.brands[id] = .some(brand) }
    }

    /// Applies `change` to the brand with `id`; returns false when it does not exist.
    @discardableResult
    public func updateBrand(id: Int, _ change: (inout SandboxBrand) -> Void) -> Bool {
        guard var brand = brands().first(where: { $0.id == id }) else { return false }
        change(&brand)
        brand.id = id
        updateBrand(id: id, brand)
        return true
    }

    /// Current categories of every tree, by tree then id.
    public func categories() -> [SandboxCategory] {
        let edits = overlay.withLock { $0.categories }
        var byID = Dictionary(uniqueKeysWithValues: catalog.categories.map { ($0.id, $0) })
        for (id, category) in edits { byID[id] = category }
        return byID.values.sorted { ($0.treeID, $0.id) < ($1.treeID, $1.id) }
    }

    /// Replaces (or adds) a category; pass nil to delete it.
    public func updateCategory(id: Int, _ category: SandboxCategory?) {
        overlay.withLock { $0.categories[id] = .some(category) }
    }

    /// Current price-list records of `product` in list `priceListID` (generated records plus edits).
    public func priceRecords(priceListID: Int, for product: SandboxProduct) -> [SandboxPriceRecord] {
        let edits = overlay.withLock { $0.priceRecords }
        let generated = catalog.index(ofProductID: product.id).map { generatedProduct(atIndex: $0) }
        var records = catalog.priceRecords(priceListID: priceListID, for: product, generated: generated)
        if edits.isEmpty { return records }
        let variantIDs = Set(product.variants.map(\.id))
        records.removeAll { edits[PriceRecordKey(priceListID: priceListID, variantID: $0.variantID, currency: $0.currency)] != nil }
        for (key, record) in edits where key.priceListID == priceListID && variantIDs.contains(key.variantID) {
            if let record { records.append(record) }
        }
        return records.sorted { ($0.variantID, $0.currency) < ($1.variantID, $1.currency) }
    }

    /// Sets (adds or replaces) a price-list record.
    public func setPriceRecord(_ record: SandboxPriceRecord) {
        overlay.withLock {
            $0.priceRecords[PriceRecordKey(priceListID: record.priceListID, variantID: record.variantID, currency: record.currency)] = .some(record)
        }
    }

    /// Removes the price-list record of (`priceListID`, `variantID`, `currency`).
    public func removePriceRecord(priceListID: Int, variantID: Int, currency: String) {
        overlay.withLock {
            $0.priceRecords[PriceRecordKey(priceListID: priceListID, variantID: variantID, currency: currency)] = .some(nil)
        }
    }

    /// Drops every edit: the store is the seeded catalog again.
    public func reset() {
        let next = catalog.productID(atIndex: catalog.productCount) + 1000
        overlay.withLock { $0 = Overlay(nextAddedID: next) }
        orderBook.withLock { $0 = OrderBook() }
        segmentation.reset()
    }

    /// The current time in whole seconds (BigCommerce dates carry no fractions).
    public static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    /// Snapshot of the overlay's product part (for queries).
    func productOverlay() -> (products: [Int: SandboxProduct], deleted: Set<Int>) {
        overlay.withLock { ($0.products, $0.deleted) }
    }
}
