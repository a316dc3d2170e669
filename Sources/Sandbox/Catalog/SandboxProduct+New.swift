import Foundation

extension SandboxProduct {
    /// A new product for ``SandboxCatalogEvents/createProduct(_:)`` with this one's catalog fields (price, stock,
    /// categories, brand, channels, options, images, custom fields) under `name`: its SKU and URL come from the name,
    /// its parts are renumbered when it is stored, and it has no reviews or sales yet.
    public func copy(named name: String, at date: Date = SandboxStore.now()) -> SandboxProduct {
        var product = self
        let sku = Self.sku(for: name)
        product.id = 0
        product.name = name
        product.sku = sku
        product.customURL = "/\(Self.slug(for: name))/"
        product.customURLIsCustomized = false
        product.dateCreated = date
        product.dateModified = date
        product.reviewsCount = 0
        product.reviewsRatingSum = 0
        product.totalSold = 0
        product.baseVariantID = nil
        for index in product.variants.indices {
            let old = product.variants[index].sku
            let keepsSuffix = !self.sku.isEmpty && old.hasPrefix(self.sku)
            product.variants[index].id = 0
            product.variants[index].sku = sku
                + (keepsSuffix ? String(old.dropFirst(self.sku.count)) : product.variants.count == 1 ? "" : "-\(index + 1)")
        }
        for index in product.images.indices { product.images[index].id = 0 }
        for index in product.customFields.indices { product.customFields[index].id = 0 }
        return product
    }

    /// A new visible product without options, categories or inventory tracking, for
    /// ``SandboxCatalogEvents/createProduct(_:)``: SKU and URL from `name`, one base variant.
    public static func simple(named name: String, price: Decimal, channels: [Int], at date: Date = SandboxStore.now()) -> SandboxProduct {
        let sku = sku(for: name)
        return SandboxProduct(
            id: 0, name: name, sku: sku, description: "", price: price, customURL: "/\(slug(for: name))/",
            dateCreated: date, dateModified: date, channels: channels,
            variants: [SandboxVariant(id: 0, productID: 0, sku: sku, skuID: 0)])
    }

    /// The URL slug of `name` (`Trail lamp` → `trail-lamp`); `product` when nothing of it is a letter or digit.
    static func slug(for name: String) -> String {
        let slug = SandboxCatalog.slug(name)
        return slug.isEmpty ? "product" : slug
    }

    /// The SKU of a product named `name`: its slug in capitals.
    static func sku(for name: String) -> String {
        slug(for: name).uppercased()
    }
}
