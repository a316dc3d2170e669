import CatalogMapping
import Foundation
import Testing

/// One test per row of mapping.md §2.
@Suite struct ProductAttributeTests {
    typealias F = Fixtures

    @Test func listedOnlyWhenAssignedToTheStorefrontChannel() throws {
        var product = F.product()
        #expect(try F.attributes(product)["id"] == .int(101))
        product.channels = [2, 3]
        #expect(ProductMapper.map(product, in: F.context()) == .notListed)
    }

    @Test func idIsTheProductID() throws {
        let attributes = try F.attributes(F.product())
        #expect(attributes["id"] == .int(101))
    }

    @Test func nameIsTheTranslationWhenOneExists() throws {
        var product = F.product()
        #expect(try F.attributes(product)["name"] == .string("Cotton Tee"))
        product.localizedName = "T-shirt en coton"
        #expect(try F.attributes(product)["name"] == .string("T-shirt en coton"))
    }

    @Test func descriptionIsPlainText() throws {
        var product = F.product()
        product.description = "<p>Soft&nbsp;cotton</p><p>Blue</p>"
        #expect(try F.attributes(product)["description"] == .string("Soft cotton Blue"))
        product.description = "<p> </p>"
        #expect(try F.attributes(product)["description"] == nil)
    }

    @Test func urlIsBaseURLPlusCustomURL() throws {
        #expect(try F.attributes(F.product())["url"] == .string("https://shop.example.com/cotton-tee/"))
    }

    @Test func imagePrefersThumbnailThenLowestSortOrderThenVariantImages() throws {
        var product = F.product()
        product.images = [
            SourceImage(id: 3, isThumbnail: false, sortOrder: 2, urlStandard: "https://img/c.jpg"),
            SourceImage(id: 2, isThumbnail: false, sortOrder: 1, urlStandard: "https://img/b.jpg"),
            SourceImage(id: 1, isThumbnail: false, sortOrder: 1, urlStandard: "https://img/a.jpg"),
        ]
        #expect(try F.attributes(product)["image"] == .string("https://img/a.jpg"))
        product.images[0].isThumbnail = true
        #expect(try F.attributes(product)["image"] == .string("https://img/c.jpg"))
        product.images = []
        product.variants = [
            F.variant(9, image: "https://img/v9.jpg"), F.variant(4, image: ""), F.variant(6, image: "https://img/v6.jpg"),
        ]
        #expect(try F.attributes(product)["image"] == .string("https://img/v6.jpg"))
        product.variants = [F.variant(4)]
        #expect(try F.attributes(product)["image"] == nil)
    }

    @Test func createdAtIsUnixSeconds() throws {
        #expect(try F.attributes(F.product())["created_at"] == .int(1_700_000_000))
    }

    @Test func updatedAtIsUnixSeconds() throws {
        #expect(try F.attributes(F.product())["updated_at"] == .int(1_700_003_600))
    }

    @Test func skuOmittedWhenEmpty() throws {
        var product = F.product()
        #expect(try F.attributes(product)["sku"] == .string("TEE"))
        product.sku = ""
        #expect(try F.attributes(product)["sku"] == nil)
    }

    @Test func brandIsTheBrandNameOmittedWhenZeroOrUnknown() throws {
        var product = F.product()
        #expect(try F.attributes(product)["brand"] == .string("Acme"))
        product.brandID = 0
        #expect(try F.attributes(product)["brand"] == nil)
        product.brandID = 9
        #expect(try F.attributes(product)["brand"] == nil)
    }

    @Test func categoriesAreSyncedCategoryIDsAscending() throws {
        var product = F.product()
        #expect(try F.attributes(product)["categories"] == .list([.int(10), .int(11)]))
        product.categories = [13, 20]
        #expect(try F.attributes(product)["categories"] == nil)
        #expect(try F.attributes(product, F.context(includeHidden: true))["categories"] == .list([.int(13)]))
    }

    @Test func categoryNamesInTheSameOrder() throws {
        #expect(try F.attributes(F.product())["category_names"] == F.strings(["Clothing", "Shirts"]))
    }

    @Test func categoryPathsFromTheRootDown() throws {
        #expect(try F.attributes(F.product())["category_paths"] == F.strings(["Clothing", "Clothing > Shirts"]))
        var product = F.product()
        product.categories = [13]
        let hidden = try F.attributes(product, F.context(includeHidden: true))
        #expect(hidden["category_paths"] == F.strings(["Clothing > Hidden Sale > Clearance"]))
    }

    @Test func priceIsMinimumOverPurchasableVariants() throws {
        var product = F.product()
        #expect(try F.attributes(product)["price"] == .number(18))
        product.variants = [
            F.variant(1, calculated: nil),
            F.variant(2, calculated: 15),
            F.variant(3, calculated: 12, disabled: true),
        ]
        #expect(try F.attributes(product)["price"] == .number(15))
        product.variants = product.variants.map { variant in
            var variant = variant
            variant.purchasingDisabled = true
            return variant
        }
        #expect(try F.attributes(product)["price"] == .number(12))
    }

    @Test func listPriceTakesMaxOfInheritedAmounts() throws {
        var product = F.product()
        product.variants = [F.variant(2, calculated: 15)]
        #expect(try F.attributes(product)["list_price"] == .number(25))
        product.variants = [
            F.variant(2, calculated: 15, price: 40),
            F.variant(1, calculated: 15, price: 30, retail: 0),
        ]
        #expect(try F.attributes(product)["list_price"] == .number(30))
        product.variants = []
        product.price = 0
        product.retailPrice = 0
        product.calculatedPrice = 0
        let attributes = try F.attributes(product)
        #expect(attributes["list_price"] == nil)
        #expect(attributes["price"] == .number(0))
    }

    @Test func onSaleWhenPriceBelowListPrice() throws {
        var product = F.product()
        #expect(try F.attributes(product)["on_sale"] == .bool(true))
        product.calculatedPrice = 25
        #expect(try F.attributes(product)["on_sale"] == .bool(false))
        product.price = 0
        product.retailPrice = 0
        product.calculatedPrice = 0
        #expect(try F.attributes(product)["on_sale"] == .bool(false))
    }

    @Test func stockFollowsInventoryTracking() throws {
        var product = F.product()
        #expect(try F.attributes(product)["stock"] == .int(7))
        product.inventoryTracking = .none
        #expect(try F.attributes(product)["stock"] == nil)
        product.inventoryTracking = .variant
        product.variants = [F.variant(1, stock: 4), F.variant(2, stock: 6), F.variant(3, stock: 100, disabled: true)]
        #expect(try F.attributes(product)["stock"] == .int(10))
    }

    @Test func inStockUnlessDisabledOrOutOfTrackedStock() throws {
        var product = F.product()
        #expect(try F.attributes(product)["in_stock"] == .bool(true))
        product.inventoryLevel = 0
        #expect(try F.attributes(product)["in_stock"] == .bool(false))
        product.inventoryTracking = .none
        #expect(try F.attributes(product)["in_stock"] == .bool(true))
        product.availability = "disabled"
        #expect(try F.attributes(product)["in_stock"] == .bool(false))
    }

    @Test func availabilityIsCopied() throws {
        var product = F.product()
        product.availability = "preorder"
        #expect(try F.attributes(product)["availability"] == .string("preorder"))
    }

    @Test func variantListsAreAlignedOverAllVariantsByID() throws {
        var product = F.product()
        product.variants = [
            F.variant(30, sku: "TEE-L", calculated: 0, price: 0, retail: 0, stock: 9, disabled: true,
                      options: [("Size", "L"), ("Color", "Blue")]),
            F.variant(10, sku: "TEE-S", stock: 4, image: "https://img/s.jpg", options: [("Size", "S"), ("Color", "Red")]),
            F.variant(20, sku: "TEE-M", calculated: 16, price: 22, stock: 0, options: [("Size", "M"), ("Color", "Red")]),
        ]
        let attributes = try F.attributes(product)
        #expect(attributes["variant_ids"] == .list([.int(10), .int(20), .int(30)]))
        #expect(attributes["variant_skus"] == F.strings(["TEE-S", "TEE-M", "TEE-L"]))
        #expect(attributes["variant_prices"] == F.numbers(["18", "16", "0"]))
        #expect(attributes["variant_list_prices"] == F.numbers(["25", "25", "0"]))
        #expect(attributes["variant_stocks"] == .list([.int(4), .int(0), .int(9)]))
        #expect(attributes["variant_images"] == F.strings(["https://img/s.jpg", "", ""]))
        #expect(attributes["variant_options"] == F.strings(["Size: S / Color: Red", "Size: M / Color: Red", "Size: L / Color: Blue"]))
        #expect(attributes["price"] == .number(16))
        #expect(attributes["list_price"] == .number(25))
    }

    @Test func variantListsOmittedForOnlyTheBaseVariant() throws {
        var product = F.product()
        #expect(try F.attributes(product)["variant_ids"] == nil)
        product.variants = [F.variant(55, sku: "TEE")]
        #expect(try F.attributes(product).keys.contains { $0.hasPrefix("variant_") } == false)
        product.variants = [F.variant(55, sku: "TEE", options: [("Size", "One")])]
        let attributes = try F.attributes(product)
        #expect(attributes["variant_ids"] == .list([.int(55)]))
        #expect(attributes["variant_options"] == F.strings(["Size: One"]))
    }

    @Test func optionListsHoldDistinctLabelsInFirstSeenOrder() throws {
        var product = F.product()
        product.variants = [
            F.variant(5, options: [("Size", "M"), ("Color", "Red")]),
            F.variant(3, options: [("Size", "L"), ("color ", "Blue")]),
            F.variant(7, options: [("Size", "M"), ("Color", "Green"), ("Shoe Width (EU)", "Wide")]),
            F.variant(9, disabled: true, options: [("Size", "XL")]),
        ]
        let attributes = try F.attributes(product)
        #expect(attributes["option_size"] == F.strings(["L", "M"]))
        #expect(attributes["option_color"] == F.strings(["Blue", "Red", "Green"]))
        #expect(attributes["option_shoe_width_eu"] == F.strings(["Wide"]))
    }

    @Test func ratingRoundedToTwoDecimalsOmittedWithoutReviews() throws {
        var product = F.product()
        #expect(try F.attributes(product)["rating"] == .number(F.d("4.67")))
        product.reviewsRatingSum = F.d("4.69")
        product.reviewsCount = 2
        #expect(try F.attributes(product)["rating"] == .number(F.d("2.35")))
        product.reviewsRatingSum = 0
        product.reviewsCount = 0
        #expect(try F.attributes(product)["rating"] == nil)
    }

    @Test func reviewCountIsCopied() throws {
        #expect(try F.attributes(F.product())["review_count"] == .int(3))
    }

    @Test func totalSoldIsCopied() throws {
        #expect(try F.attributes(F.product())["total_sold"] == .int(42))
    }

    @Test func isFeaturedIsCopied() throws {
        var product = F.product()
        #expect(try F.attributes(product)["is_featured"] == .bool(true))
        product.isFeatured = false
        #expect(try F.attributes(product)["is_featured"] == .bool(false))
    }

    @Test func featuredRankOrdersFeaturedFirstThenBySortOrder() throws {
        func rank(featured: Bool, sortOrder: Int) throws -> Int? {
            var product = F.product()
            product.isFeatured = featured
            product.sortOrder = sortOrder
            guard case .int(let rank) = try F.attributes(product)["featured_rank"] else { return nil }
            return rank
        }
        #expect(try rank(featured: true, sortOrder: 0) == 2_147_483_648)
        #expect(try rank(featured: false, sortOrder: 0) == 6_442_450_944)
        // BigCommerce's sort_order is a signed 32-bit value: its extremes stay inside their half.
        let ranks = try [
            rank(featured: true, sortOrder: Int(Int32.min)), rank(featured: true, sortOrder: -1),
            rank(featured: true, sortOrder: 7), rank(featured: true, sortOrder: Int(Int32.max)),
            rank(featured: false, sortOrder: Int(Int32.min)), rank(featured: false, sortOrder: 0),
            rank(featured: false, sortOrder: Int(Int32.max)),
        ].map { try #require($0) }
        #expect(ranks == ranks.sorted() && Set(ranks).count == ranks.count)
    }

    @Test func sortOrderIsCopied() throws {
        #expect(try F.attributes(F.product())["sort_order"] == .int(3))
    }

    @Test func keywordsSplitOnCommasTrimmedWithoutEmpties() throws {
        var product = F.product()
        product.searchKeywords = " soft, cotton ,,tee , "
        #expect(try F.attributes(product)["keywords"] == F.strings(["soft", "cotton", "tee"]))
        product.searchKeywords = " , "
        #expect(try F.attributes(product)["keywords"] == nil)
    }

    @Test func conditionIsCopied() throws {
        #expect(try F.attributes(F.product())["condition"] == .string("New"))
    }

    @Test func gtinUpcMpnOmittedWhenEmpty() throws {
        var product = F.product()
        product.gtin = "0001234567890"
        product.mpn = "MPN-1"
        let attributes = try F.attributes(product)
        #expect(attributes["gtin"] == .string("0001234567890"))
        #expect(attributes["upc"] == nil)
        #expect(attributes["mpn"] == .string("MPN-1"))
    }

    @Test func customFieldsWithEqualNamesBecomeListsInIDOrder() throws {
        var product = F.product()
        product.customFields = [
            SourceCustomField(id: 9, name: "material ", value: "Organic"),
            SourceCustomField(id: 3, name: "Care (EU)", value: "30°"),
            SourceCustomField(id: 8, name: "Material", value: "Cotton"),
            SourceCustomField(id: 4, name: "!!!", value: "x"),
        ]
        let attributes = try F.attributes(product)
        #expect(attributes["cf_material"] == F.strings(["Cotton", "Organic"]))
        #expect(attributes["cf_care_eu"] == .string("30°"))
        #expect(attributes.keys.filter { $0.hasPrefix("cf_") }.sorted() == ["cf_care_eu", "cf_material"])
    }

    @Test func indexFalseWhenHiddenOrDisabled() throws {
        var product = F.product()
        #expect(try F.attributes(product)["index"] == .bool(true))
        product.isVisible = false
        #expect(try F.attributes(product)["index"] == .bool(false))
        product.isVisible = true
        product.availability = "disabled"
        #expect(try F.attributes(product)["index"] == .bool(false))
    }
}
