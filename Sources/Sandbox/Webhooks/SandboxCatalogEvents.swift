import Foundation
import JSONSupport

/// Catalog changes made the way a merchant makes them: each changes ``SandboxStore`` and emits exactly the
/// webhooks BigCommerce emits for it (reference §5.2–5.3), including the documented gaps (brand and image
/// edits emit nothing). Every method returns nil or false, and emits nothing, when the target does not exist.
public struct SandboxCatalogEvents: Sendable {
    /// The store changed.
    public let store: SandboxStore
    /// Where the events go.
    public let webhooks: SandboxWebhooks

    /// Creates the helpers over a store and its webhooks.
    public init(store: SandboxStore, webhooks: SandboxWebhooks) {
        self.store = store
        self.webhooks = webhooks
    }

    /// Sets the product's default price: `store/product/updated` `{type: "product", id}`.
    @discardableResult
    public func setPrice(productID: Int, price: Decimal) -> SandboxProduct? {
        updateProduct(id: productID) { $0.price = price }
    }

    /// Any product edit that BigCommerce reports as `store/product/updated` `{type: "product", id}` (name, price,
    /// description, visibility, categories, …).
    @discardableResult
    public func updateProduct(id: Int, _ change: (inout SandboxProduct) -> Void) -> SandboxProduct? {
        guard let product = store.updateProduct(id: id, change) else { return nil }
        webhooks.emit(scope: "store/product/updated", data: ["type": "product", "id": .int(id)])
        return product
    }

    /// Sets (or with nil deletes) the translation of a product's `field` in a channel locale and emits
    /// `store/product/updated` `{type: "product", id, properties: [field], context: {channel_id, locale}}`, the shape
    /// BigCommerce documents for locale edits (whether a Translations API edit fires it is UNCONFIRMED; the sandbox
    /// does). Returns false, emitting nothing, when the product does not exist.
    @discardableResult
    public func setTranslation(
        productID: Int, channelID: Int, locale: String, field: SandboxTranslations.Field, to text: String?
    ) -> Bool {
        guard store.product(id: productID) != nil else { return false }
        store.translations.set(text, channelID: channelID, locale: locale, productID: productID, field: field)
        webhooks.emit(scope: "store/product/updated", data: [
            "type": "product", "id": .int(productID), "properties": [.string(field.rawValue)],
            "context": ["channel_id": .int(channelID), "locale": .string(locale)],
        ])
        return true
    }

    /// Sets stock to `level`. A product tracking inventory by product emits `store/product/inventory/updated`
    /// `{type: "product", id, inventory: {product_id, method: "absolute", value}}`; one tracking by variant sets
    /// every variant to `level` and emits `store/sku/inventory/updated` `{type: "sku", id: <sku id>, inventory:
    /// {product_id, variant_id, method: "absolute", value}}` per variant. Without tracking nothing is emitted.
    @discardableResult
    public func setStock(productID: Int, level: Int) -> SandboxProduct? {
        guard let current = store.product(id: productID) else { return nil }
        return setStock(productID: productID, variantIDs: current.variants.map(\.id), level: level)
    }

    /// Sets the stock of one variant of a variant-tracked product (`store/sku/inventory/updated`), or of the product
    /// when it tracks by product (`store/product/inventory/updated`).
    @discardableResult
    public func setStock(productID: Int, variantID: Int, level: Int) -> SandboxProduct? {
        guard let current = store.product(id: productID), current.variants.contains(where: { $0.id == variantID }) else { return nil }
        return setStock(productID: productID, variantIDs: [variantID], level: level)
    }

    private func setStock(productID: Int, variantIDs: [Int], level: Int) -> SandboxProduct? {
        let product = store.updateProduct(id: productID) { product in
            switch product.inventoryTracking {
            case "variant":
                for index in product.variants.indices where variantIDs.contains(product.variants[index].id) {
                    product.variants[index].inventoryLevel = level
                }
                product.inventoryLevel = product.variants.reduce(0) { $0 + $1.inventoryLevel }
            default:
                product.inventoryLevel = level
                if product.variants.count == 1 { product.variants[0].inventoryLevel = level }
            }
        }
        guard let product else { return nil }
        switch product.inventoryTracking {
        case "product":
            webhooks.emit(scope: "store/product/inventory/updated", data: [
                "type": "product", "id": .int(productID),
                "inventory": ["product_id": .int(productID), "method": "absolute", "value": .int(level)],
            ])
        case "variant":
            for variant in product.variants where variantIDs.contains(variant.id) {
                webhooks.emit(scope: "store/sku/inventory/updated", data: [
                    "type": "sku", "id": .int(variant.skuID ?? variant.id),
                    "inventory": [
                        "product_id": .int(productID), "variant_id": .int(variant.id), "method": "absolute", "value": .int(level),
                    ],
                ])
            }
        default:
            break
        }
        return product
    }

    /// Adds a product (id 0 picks a fresh one): `store/product/created` `{type: "product", id}`.
    @discardableResult
    public func createProduct(_ product: SandboxProduct) -> SandboxProduct {
        let stored = store.addProduct(product)
        webhooks.emit(scope: "store/product/created", data: ["type": "product", "id": .int(stored.id)])
        return stored
    }

    /// Deletes a product: `store/product/deleted` `{type: "product", id}`.
    @discardableResult
    public func deleteProduct(id: Int) -> Bool {
        guard store.deleteProduct(id: id) else { return false }
        webhooks.emit(scope: "store/product/deleted", data: ["type": "product", "id": .int(id)])
        return true
    }

    /// Assigns a product to a channel: `store/channel/{channel_id}/product/assigned` `{product_id}`.
    @discardableResult
    public func assignProduct(_ productID: Int, toChannel channelID: Int) -> SandboxProduct? {
        let product = store.updateProduct(id: productID) { product in
            if !product.channels.contains(channelID) { product.channels = (product.channels + [channelID]).sorted() }
        }
        guard let product else { return nil }
        webhooks.emit(scope: "store/channel/\(channelID)/product/assigned", data: ["product_id": .int(productID)])
        return product
    }

    /// Removes a product from a channel: `store/channel/{channel_id}/product/unassigned` `{product_id}`.
    @discardableResult
    public func unassignProduct(_ productID: Int, fromChannel channelID: Int) -> SandboxProduct? {
        let product = store.updateProduct(id: productID) { $0.channels.removeAll { $0 == channelID } }
        guard let product else { return nil }
        webhooks.emit(scope: "store/channel/\(channelID)/product/unassigned", data: ["product_id": .int(productID)])
        return product
    }

    /// Renames a category: `store/category/updated` `{type: "category", id}`.
    @discardableResult
    public func renameCategory(id: Int, to name: String) -> Bool {
        guard var category = store.categories().first(where: { $0.id == id }) else { return false }
        category.name = name
        store.updateCategory(id: id, category)
        webhooks.emit(scope: "store/category/updated", data: ["type": "category", "id": .int(id)])
        return true
    }

    /// Sets one price-list record: `store/priceList/record/updated` `{price_list_id, variant_id, currency}`.
    public func setPriceRecord(_ record: SandboxPriceRecord) {
        store.setPriceRecord(record)
        webhooks.emit(scope: "store/priceList/record/updated", data: Self.recordData(record))
    }

    /// Sets several records in one batch: `store/priceList/records/updated` whose `data` is an array of
    /// `{price_list_id, variant_id, currency}`.
    public func setPriceRecords(_ records: [SandboxPriceRecord]) {
        guard !records.isEmpty else { return }
        for record in records { store.setPriceRecord(record) }
        webhooks.emit(scope: "store/priceList/records/updated", data: .array(records.map(Self.recordData)))
    }

    static func recordData(_ record: SandboxPriceRecord) -> JSONValue {
        ["price_list_id": .int(record.priceListID), "variant_id": .int(record.variantID), "currency": .string(record.currency)]
    }

    /// Renames a brand. Emits nothing: BigCommerce has no brand webhooks (only brand metafield scopes).
    @discardableResult
    public func renameBrand(id: Int, to name: String) -> Bool {
        store.updateBrand(id: id) { $0.name = name }
    }

    /// Edits a product's images. Emits nothing: image edits and deletions were observed to trigger no webhook.
    @discardableResult
    public func updateImages(productID: Int, _ change: (inout [SandboxImage]) -> Void) -> SandboxProduct? {
        store.updateProduct(id: productID) { change(&$0.images) }
    }
}
