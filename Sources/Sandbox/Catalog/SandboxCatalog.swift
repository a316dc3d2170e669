import Foundation

/// The deterministic seeded BigCommerce store behind the sandbox.
///
/// Product `i` (0-based) has id `100 + 3 * i` and is a pure function of `(seed, i)`: products are generated on
/// demand, so a catalog of a million products costs no memory. Store-level data (currencies, channels, sites,
/// category trees, brands, price lists) is fixed.
public struct SandboxCatalog: Sendable {
    /// The seed of every random choice.
    public let seed: UInt64
    /// Number of generated products.
    public let productCount: Int

    /// Store name (`/v2/store` `name`).
    public let storeName = "Sandbox Store"
    /// Store default currency (`/v2/store` `currency`).
    public let defaultCurrency = "USD"
    /// Store secure URL (`/v2/store` `secure_url`).
    public let secureURL = "https://main.sandbox.example"

    /// Creates the catalog for `seed` with `productCount` products.
    public init(seed: UInt64 = 42, productCount: Int = 200) {
        self.seed = seed
        self.productCount = max(0, productCount)
    }

    // MARK: Ids

    /// Id of the first product.
    public static let firstProductID = 100
    /// Distance between consecutive product ids (gaps exercise keyset paging).
    public static let productIDStride = 3

    /// The id of generated product `index`.
    public func productID(atIndex index: Int) -> Int {
        Self.firstProductID + Self.productIDStride * index
    }

    /// The index of a generated product id, or nil when `id` is not one.
    public func index(ofProductID id: Int) -> Int? {
        let offset = id - Self.firstProductID
        guard offset >= 0, offset % Self.productIDStride == 0 else { return nil }
        let index = offset / Self.productIDStride
        return index < productCount ? index : nil
    }

    /// The smallest index whose id is greater than `id` (may be `productCount`).
    func firstIndex(withIDGreaterThan id: Int) -> Int {
        let offset = id - Self.firstProductID
        if offset < 0 { return 0 }
        return min(productCount, offset / Self.productIDStride + 1)
    }

    /// Generated products in id order, created lazily.
    public var products: LazyMapSequence<Range<Int>, SandboxProduct> {
        (0..<productCount).lazy.map { self.product(atIndex: $0) }
    }

    /// The generated product with `id`, or nil.
    public func product(id: Int) -> SandboxProduct? {
        index(ofProductID: id).map { product(atIndex: $0) }
    }

    // MARK: Cheap per-index facts (used for filtering without generating products)

    static let epoch2024 = Date(timeIntervalSince1970: 1_709_287_200)  // 2024-03-01T10:00:00Z

    /// Creation time of product `index` (increasing with the index).
    func dateCreated(index: Int) -> Date {
        Date(timeIntervalSince1970: 1_709_287_200 + Double(index) * 60)
    }

    /// Modification time of product `index`: strictly increasing with the index, so `date_modified` ranges map to index ranges.
    func dateModified(index: Int) -> Date {
        Date(timeIntervalSince1970: 1_709_287_200 + 2_592_000 + Double(index) * 60)
    }

    /// The first index whose modification time is ≥ `date`.
    func firstIndex(modifiedAtOrAfter date: Date) -> Int {
        let seconds = date.timeIntervalSince1970 - (1_709_287_200 + 2_592_000)
        if seconds <= 0 { return 0 }
        return min(productCount, Int((seconds / 60).rounded(.up)))
    }

    /// The first index whose modification time is > `date`.
    func firstIndex(modifiedAfter date: Date) -> Int {
        let seconds = date.timeIntervalSince1970 - (1_709_287_200 + 2_592_000)
        if seconds < 0 { return 0 }
        return min(productCount, Int((seconds / 60).rounded(.down)) + 1)
    }

    /// Channel assignment of product `index`.
    func channelIDs(index: Int) -> [Int] {
        var rng = SplitMix64(seed: seed, UInt64(index), 1)
        let roll = rng.int(0..<100)
        return roll < 45 ? [1] : roll < 70 ? [2] : [1, 2]
    }

    /// Number of variants of product `index`.
    func variantCount(index: Int) -> Int {
        shape(index: index).variantCount
    }

    struct Shape {
        var sizes: [String]
        var secondName: String
        var seconds: [String]
        var variantCount: Int { sizes.isEmpty ? 1 : sizes.count * max(1, seconds.count) }
    }

    static let sizeLabels = ["XS", "S", "M", "L", "XL", "XXL"]
    static let shoeSizes = ["38", "39", "40", "41", "42", "43", "44"]
    static let colorLabels = ["Red", "Blue", "Green", "Black", "White", "Crème"]
    static let widthLabels = ["Narrow", "Regular", "Wide"]

    func shape(index: Int) -> Shape {
        var rng = SplitMix64(seed: seed, UInt64(index), 2)
        if rng.chance(40) { return Shape(sizes: [], secondName: "", seconds: []) }
        if rng.chance(15) {
            let sizeCount = rng.int(2...4)
            let start = rng.int(0...(Self.shoeSizes.count - sizeCount))
            let widthCount = rng.int(1...3)
            return Shape(sizes: Array(Self.shoeSizes[start..<(start + sizeCount)]), secondName: "Shoe Width (EU)", seconds: Array(Self.widthLabels.prefix(widthCount)))
        }
        let sizeCount = rng.int(1...4)
        let start = rng.int(0...(Self.sizeLabels.count - sizeCount))
        let colorCount = sizeCount == 1 ? rng.int(2...3) : rng.int(0...3)
        let colorStart = rng.int(0...(Self.colorLabels.count - max(colorCount, 1)))
        return Shape(sizes: Array(Self.sizeLabels[start..<(start + sizeCount)]), secondName: "Color", seconds: Array(Self.colorLabels[colorStart..<(colorStart + colorCount)]))
    }

    // MARK: Product generation

    static let adjectives = ["Oak", "Linen", "Côté", "Nordic", "Velvet", "Copper", "Rustic", "Smart", "Ærø", "Bamboo", "Urban", "Café", "Crème", "Granite", "Soft"]
    static let nouns = ["lamp", "chair", "table", "coat", "sneaker", "boot", "vase", "rug", "mug", "shelf", "jacket", "planter", "cushion", "tumbler"]
    static let descriptions = [
        "<p>Soft&nbsp;cotton</p><p>Blue</p>",
        "<p>Made by hand &amp; finished with care.<br/>Ships in 2&nbsp;days.</p>",
        "<div><!-- merchant note: restock --><strong>Limited</strong> edition</div>",
        "<p>Fits rooms &lt; 20 m² and sizes < 10 cm.</p>",
        "<ul><li>Durable</li><li>Light&nbsp;weight</li></ul>\n<p>Care: wipe clean.</p>",
        "Plain text description with no markup.",
        "",
    ]
    static let keywordSets = ["", "cosy, warm", "a, b, ,c", "gift,  sale ,", " outdoor , garden,patio", "bestseller"]
    static let customFieldNames = ["Material", "Care", "Origin", "Warranty (years)", "Größe"]
    static let conditions = ["New", "New", "New", "Used", "Refurbished"]

    static let saleFactor = Decimal(string: "0.8")!
    static let retailFactor = Decimal(string: "1.25")!
    static let variantSaleFactor = Decimal(string: "0.7")!
    static let variantRetailFactor = Decimal(string: "1.4")!

    static func cents(_ value: Int) -> Decimal {
        Decimal(value) / 100
    }

    static func roundCents(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 2, .plain)
        return output
    }

    /// The two words of product `index`'s seeded name (what seeded translations translate).
    func nameWords(index: Int) -> (adjective: String, noun: String) {
        var rng = SplitMix64(seed: seed, UInt64(index), 0)
        let adjective = rng.pick(Self.adjectives)
        return (adjective, rng.pick(Self.nouns))
    }

    /// Generates product `index` (0 ≤ index < productCount).
    public func product(atIndex index: Int) -> SandboxProduct {
        var rng = SplitMix64(seed: seed, UInt64(index), 0)
        let id = productID(atIndex: index)
        let adjective = rng.pick(Self.adjectives)
        let noun = rng.pick(Self.nouns)
        let name = index == 0 ? "Côté lamp" : "\(adjective) \(noun) \(id)"
        let slug = Self.slug(name)
        let price = Self.cents(rng.int(500...50_000))
        let salePrice = rng.chance(20) ? Self.roundCents(price * Self.saleFactor) : 0
        let retailPrice = rng.chance(30) ? Self.roundCents(price * Self.retailFactor) : 0
        let channels = channelIDs(index: index)
        let categories = pickCategories(&rng, channels: channels)
        let brandRoll = rng.int(0..<100)
        let brandID = brandRoll < 80 ? rng.int(1...15) : brandRoll < 90 ? 0 : 999
        let trackingRoll = rng.int(0..<100)
        let tracking = trackingRoll < 30 ? "none" : trackingRoll < 65 ? "product" : "variant"
        let availabilityRoll = rng.int(0..<100)
        let availability = availabilityRoll < 3 ? "disabled" : availabilityRoll < 6 ? "preorder" : "available"
        let reviewsCount = rng.chance(60) ? rng.int(1...50) : 0
        var reviewsSum = 0
        for _ in 0..<reviewsCount { reviewsSum += rng.int(1...5) }
        let created = dateCreated(index: index)
        let modified = dateModified(index: index)
        let inventory = rng.chance(10) ? 0 : rng.int(1...200)

        var product = SandboxProduct(
            id: id, name: name, sku: "SKU-\(id)", description: rng.pick(Self.descriptions),
            weight: Decimal(rng.int(1...20)), price: price, costPrice: Self.roundCents(price / 2),
            retailPrice: retailPrice, salePrice: salePrice, categories: categories, brandID: brandID,
            inventoryLevel: tracking == "none" ? 0 : inventory, inventoryWarningLevel: 3, inventoryTracking: tracking,
            isVisible: !rng.chance(5), isFeatured: rng.chance(10), availability: availability,
            sortOrder: rng.int(-5...50), condition: rng.pick(Self.conditions),
            upc: rng.chance(50) ? String(100_000_000_000 + id) : "",
            gtin: rng.chance(40) ? String(4_000_000_000_000 + id) : "",
            mpn: rng.chance(50) ? "MPN-\(id)" : "",
            searchKeywords: rng.pick(Self.keywordSets), customURL: "/\(slug)/",
            customURLIsCustomized: rng.chance(10), reviewsRatingSum: reviewsSum, reviewsCount: reviewsCount,
            totalSold: rng.int(0...1000), dateCreated: created, dateModified: modified, channels: channels
        )
        product.images = makeImages(&rng, productID: id, slug: slug, date: modified)
        product.customFields = makeCustomFields(&rng, productID: id)
        product.variants = makeVariants(&rng, product: product, shape: shape(index: index))
        if product.variants.count == 1, product.variants[0].optionValues.isEmpty {
            product.baseVariantID = product.variants[0].id
        }
        product.recalculate()
        return product
    }

    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = ""
        var dash = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash, !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        return dash ? String(out.dropLast()) : out
    }

    func pickCategories(_ rng: inout SplitMix64, channels: [Int]) -> [Int] {
        var ids: [Int] = []
        for channel in channels {
            let tree = channel == 1 ? Self.tree1Categories : Self.tree2Categories
            for _ in 0..<rng.int(1...2) {
                let category = rng.pick(tree).id
                if !ids.contains(category) { ids.append(category) }
            }
        }
        if rng.chance(5) {
            let other = channels.contains(1) ? Self.tree2Categories : Self.tree1Categories
            let category = rng.pick(other).id
            if !ids.contains(category) { ids.append(category) }
        }
        return ids
    }

    func makeImages(_ rng: inout SplitMix64, productID: Int, slug: String, date: Date) -> [SandboxImage] {
        let count = rng.int(0...4)
        let thumbnail = count > 0 && rng.chance(60) ? rng.int(0..<count) : -1
        return (0..<count).map { k in
            let imageID = productID * 10 + k
            return SandboxImage(
                id: imageID, productID: productID, isThumbnail: k == thumbnail, sortOrder: rng.int(0...3),
                description: k == 0 ? slug : "",
                urlStandard: "https://cdn.sandbox.example/s-sandbox1/images/stencil/500x659/products/\(productID)/\(imageID)/\(slug)__\(k).jpg",
                dateModified: date
            )
        }
    }

    func makeCustomFields(_ rng: inout SplitMix64, productID: Int) -> [SandboxCustomField] {
        let roll = rng.int(0..<100)
        if roll < 10 {
            return [
                SandboxCustomField(id: productID * 10, name: "Material", value: "Wool"),
                SandboxCustomField(id: productID * 10 + 1, name: "material ", value: "Cotton"),
            ]
        }
        let count = rng.int(0...3)
        var used: [String] = []
        var fields: [SandboxCustomField] = []
        for k in 0..<count {
            let name = rng.pick(Self.customFieldNames)
            if used.contains(name) { continue }
            used.append(name)
            fields.append(SandboxCustomField(id: productID * 10 + k, name: name, value: "\(name.lowercased()) value \(rng.int(1...9))"))
        }
        return fields
    }

    func makeVariants(_ rng: inout SplitMix64, product: SandboxProduct, shape: Shape) -> [SandboxVariant] {
        let pid = product.id
        if shape.sizes.isEmpty {
            return [SandboxVariant(
                id: pid * 100, productID: pid, sku: product.sku, skuID: pid * 100,
                price: rng.chance(50) ? product.price : nil, weight: nil,
                upc: product.upc, mpn: product.mpn, gtin: product.gtin,
                inventoryLevel: product.inventoryTracking == "none" ? 0 : product.inventoryLevel, inventoryWarningLevel: 3
            )]
        }
        let isShoe = shape.secondName == "Shoe Width (EU)"
        let sizeName = isShoe ? "Size (EU)" : "Size"
        var variants: [SandboxVariant] = []
        let seconds: [String?] = shape.seconds.isEmpty ? [nil] : shape.seconds.map { $0 }
        var k = 0
        for (sizeIndex, size) in shape.sizes.enumerated() {
            for (secondIndex, second) in seconds.enumerated() {
                var values = [SandboxOptionValue(id: (isShoe ? 30 : 1) + sizeIndex, label: size, optionID: pid * 10 + 1, optionDisplayName: sizeName)]
                if let second {
                    values.append(SandboxOptionValue(id: (isShoe ? 60 : 10) + secondIndex, label: second, optionID: pid * 10 + 2, optionDisplayName: shape.secondName))
                }
                let variantID = pid * 100 + k
                let explicitPrice: Decimal? = rng.chance(50) ? nil : product.price + Self.cents(rng.int(-200...800))
                let sale: Decimal? = rng.chance(12) ? Self.roundCents((explicitPrice ?? product.price) * Self.variantSaleFactor) : nil
                let retail: Decimal? = rng.chance(15) ? Self.roundCents((explicitPrice ?? product.price) * Self.variantRetailFactor) : nil
                variants.append(SandboxVariant(
                    id: variantID, productID: pid, sku: "\(product.sku)-\(size)\(second.map { "-" + $0.prefix(3).uppercased() } ?? "")",
                    skuID: variantID, optionValues: values, price: explicitPrice, salePrice: sale, retailPrice: retail,
                    purchasingDisabled: rng.chance(10), purchasingDisabledMessage: "",
                    imageURL: rng.chance(20) ? "https://cdn.sandbox.example/s-sandbox1/images/variants/\(variantID).jpg" : "",
                    upc: "", mpn: "", gtin: "",
                    inventoryLevel: product.inventoryTracking == "variant" ? (rng.chance(15) ? 0 : rng.int(1...50)) : 0,
                    inventoryWarningLevel: 2
                ))
                k += 1
            }
        }
        return variants
    }

    // MARK: Store-level data

    /// Store currencies (`/v2/currencies`).
    public var currencies: [SandboxCurrency] {
        [
            SandboxCurrency(id: 1, isDefault: true, code: "USD", name: "US Dollar", countryISO2: "US", exchangeRate: 1, token: "$"),
            SandboxCurrency(id: 2, isDefault: false, code: "EUR", name: "Euro", countryISO2: "DE", exchangeRate: Decimal(string: "0.92")!, token: "€", tokenLocation: "right"),
            SandboxCurrency(id: 3, isDefault: false, code: "GBP", name: "Pound Sterling", countryISO2: "GB", exchangeRate: Decimal(string: "0.79")!, token: "£"),
        ]
    }

    /// Channels (`/v3/channels`) with their currency assignments.
    public var channels: [SandboxChannel] {
        [
            SandboxChannel(id: 1, name: "Main store", platform: "stencil", defaultCurrency: "USD", enabledCurrencies: ["USD", "EUR"]),
            SandboxChannel(id: 2, name: "Outlet", platform: "catalyst", defaultCurrency: "EUR", enabledCurrencies: ["EUR", "GBP"]),
        ]
    }

    /// Sites, one per channel (`/v3/channels/{id}/site`).
    public var sites: [SandboxSite] {
        [
            SandboxSite(id: 1000, channelID: 1, url: "https://main.sandbox.example", urls: [
                .init(url: "https://main.sandbox.example", type: "primary"),
                .init(url: "https://main.sandbox.example", type: "canonical"),
                .init(url: "https://store-sandbox1.mybigcommerce.com", type: "checkout"),
            ]),
            SandboxSite(id: 1001, channelID: 2, url: "https://store-sandbox1-2.mybigcommerce.com", urls: [
                .init(url: "https://store-sandbox1-2.mybigcommerce.com", type: "checkout"),
                .init(url: "https://outlet.sandbox.example", type: "primary"),
            ]),
        ]
    }

    /// Category trees (`/v3/catalog/trees`).
    public var categoryTrees: [SandboxCategoryTree] {
        [SandboxCategoryTree(id: 1, name: "Main store", channels: [1]), SandboxCategoryTree(id: 2, name: "Outlet", channels: [2])]
    }

    /// All categories of all trees, by tree then id.
    public var categories: [SandboxCategory] {
        Self.tree1Categories + Self.tree2Categories
    }

    static func category(_ id: Int, _ parent: Int, _ tree: Int, _ name: String, _ path: String, visible: Bool = true, image: Bool = false, description: String = "") -> SandboxCategory {
        SandboxCategory(
            id: id, parentID: parent, treeID: tree, name: name, description: description,
            imageURL: image ? "https://cdn.sandbox.example/s-sandbox1/images/categories/\(id).jpg" : "",
            isVisible: visible, sortOrder: id % 7, urlPath: path
        )
    }

    static let tree1Categories: [SandboxCategory] = [
        category(10, 0, 1, "Home", "/home/", image: true, description: "<p>Everything&nbsp;for the home</p>"),
        category(11, 10, 1, "Lighting", "/home/lighting/"),
        category(12, 11, 1, "Lamps", "/home/lighting/lamps/", image: true),
        category(13, 11, 1, "Ceiling lights", "/home/lighting/ceiling/"),
        category(14, 0, 1, "Furniture", "/furniture/", description: "Tables &amp; chairs"),
        category(15, 14, 1, "Chairs", "/furniture/chairs/"),
        category(16, 14, 1, "Tables", "/furniture/tables/"),
        category(17, 14, 1, "Outdoor furniture", "/furniture/outdoor/"),
        category(18, 0, 1, "Clothing", "/clothing/"),
        category(19, 18, 1, "Coats", "/clothing/coats/"),
        category(20, 18, 1, "Shoes", "/clothing/shoes/"),
        category(21, 20, 1, "Kids' shoes", "/clothing/shoes/kids/"),
        category(22, 0, 1, "Archive", "/archive/", visible: false),
        category(23, 22, 1, "Old lamps", "/archive/old-lamps/"),
        category(24, 22, 1, "Old chairs", "/archive/old-chairs/"),
        category(25, 0, 1, "Garden", "/garden/"),
        category(26, 25, 1, "Pots", "/garden/pots/"),
        category(27, 25, 1, "Tools", "/garden/tools/", visible: false),
        category(28, 0, 1, "Sale", "/sale/"),
        category(29, 0, 1, "Gifts", "/gifts/", image: true),
    ]

    static let tree2Categories: [SandboxCategory] = [
        category(40, 0, 2, "Outlet deals", "/deals/"),
        category(41, 40, 2, "Last chance", "/deals/last-chance/"),
        category(42, 0, 2, "Lighting", "/lighting/"),
        category(43, 42, 2, "Lamps", "/lighting/lamps/"),
        category(44, 0, 2, "Apparel", "/apparel/"),
        category(45, 44, 2, "Jackets", "/apparel/jackets/"),
        category(46, 44, 2, "Footwear", "/apparel/footwear/"),
        category(47, 46, 2, "Kids' footwear", "/apparel/footwear/kids/"),
        category(48, 0, 2, "Hidden stock", "/hidden-stock/", visible: false),
        category(49, 48, 2, "Clearance", "/hidden-stock/clearance/"),
        category(50, 0, 2, "Home", "/home/"),
        category(51, 50, 2, "Décor", "/home/decor/", image: true),
    ]

    /// Brands (`/v3/catalog/brands`); products may also reference brand 0 or the unknown brand 999.
    public var brands: [SandboxBrand] {
        let names = ["Acme", "Nordlys", "Côté Maison", "Brand & Sons", "Umbra", "Ferm", "Kvadrat", "Muuto", "Hay", "Zara Home", "Ørsted Design", "Lumen", "Pinewood", "Atelier 9", "Stride"]
        return names.enumerated().map { offset, name in
            SandboxBrand(id: offset + 1, name: name, imageURL: offset % 3 == 0 ? "https://cdn.sandbox.example/brands/\(offset + 1).png" : "", customURL: "/brands/\(Self.slug(name))/")
        }
    }

    /// Price lists (`/v3/pricelists`).
    public var priceLists: [SandboxPriceList] {
        [
            SandboxPriceList(id: 1, name: "Outlet GBP", active: true),
            SandboxPriceList(id: 2, name: "Wholesale", active: true),
            SandboxPriceList(id: 3, name: "Old EUR prices", active: false),
        ]
    }

    /// Price-list assignments (`/v3/pricelists/assignments`).
    public var priceListAssignments: [SandboxPriceListAssignment] {
        [
            SandboxPriceListAssignment(id: 1, priceListID: 1, customerGroupID: nil, channelID: 2),
            SandboxPriceListAssignment(id: 2, priceListID: 2, customerGroupID: 3, channelID: 2),
            SandboxPriceListAssignment(id: 3, priceListID: 3, customerGroupID: nil, channelID: 1),
        ]
    }

    /// The generated price-list records of `product` in list `priceListID`.
    ///
    /// List 1 ("Outlet GBP") holds GBP records for about 60 % of the variants of channel-2 products; list 2
    /// ("Wholesale", customer group 3) GBP and EUR records for about 30 %; list 3 (inactive) EUR records for about
    /// half the variants of channel-1 products. Amounts come from the generated product, so later edits of a
    /// product's prices leave the lists alone.
    public func priceRecords(priceListID: Int, for product: SandboxProduct) -> [SandboxPriceRecord] {
        priceRecords(priceListID: priceListID, for: product, generated: self.product(id: product.id))
    }

    /// The generated price-list records of `product` in list `priceListID`, `generated` being the product as this
    /// catalog generates it (a caller that keeps generated products passes its copy instead of generating it again).
    func priceRecords(priceListID: Int, for product: SandboxProduct, generated: SandboxProduct?) -> [SandboxPriceRecord] {
        let base = generated ?? product
        let basePrices = Dictionary(base.variants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var records: [SandboxPriceRecord] = []
        for variant in product.variants {
            let source = basePrices[variant.id] ?? variant
            let effective = source.price ?? base.price
            var rng = SplitMix64(seed: seed, UInt64(variant.id), UInt64(10 + priceListID))
            let roll = rng.int(0..<100)
            func record(_ currency: String, factor: String) -> SandboxPriceRecord {
                let multiplier = Decimal(string: factor)! * (1 + Decimal(rng.int(-5...5)) / 100)
                let price = Self.roundCents(effective * multiplier)
                let sale: Decimal? = source.calculatedPrice < effective ? Self.roundCents(source.calculatedPrice * multiplier) : nil
                let retail: Decimal? = rng.chance(30) ? Self.roundCents(price * Decimal(string: "1.3")!) : nil
                return SandboxPriceRecord(
                    priceListID: priceListID, variantID: variant.id, productID: product.id, sku: variant.sku,
                    currency: currency, price: price, salePrice: sale, retailPrice: retail, calculatedPrice: sale ?? price
                )
            }
            switch priceListID {
            case 1 where product.channels.contains(2) && roll < 60:
                records.append(record("GBP", factor: "0.79"))
            case 2 where product.channels.contains(2) && roll < 30:
                records.append(record("EUR", factor: "0.5"))
                records.append(record("GBP", factor: "0.45"))
            case 3 where product.channels.contains(1) && roll < 50:
                records.append(record("EUR", factor: "0.6"))
            default:
                break
            }
        }
        return records
    }
}
