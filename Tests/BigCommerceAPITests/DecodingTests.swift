import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Decoding")
struct DecodingTests {
    /// The product example of reference §3.1, plus images and custom fields.
    static let productJSON = """
        { "id": 112, "name": "Orbit Terrarium", "type": "physical", "sku": "OTS",
          "description": "<p>Glass</p>",
          "price": 109.0, "sale_price": 0, "retail_price": 0, "calculated_price": 109.0,
          "categories": [19, 23], "brand_id": 36, "is_visible": true, "availability": "available",
          "inventory_tracking": "variant", "inventory_level": 0, "total_sold": 12,
          "reviews_rating_sum": 9, "reviews_count": 2, "base_variant_id": null,
          "custom_url": { "url": "/orbit-terrarium/", "is_customized": false },
          "date_created": "2024-03-01T10:00:00+00:00", "date_modified": "2025-01-15T08:12:44+00:00",
          "images": [ { "id": 401, "product_id": 112, "is_thumbnail": true, "sort_order": 0,
                        "url_standard": "https://cdn11.bigcommerce.com/s-abc123/x.jpg" } ],
          "custom_fields": [ { "id": 3, "name": "Material", "value": "Glass" } ],
          "variants": [ { "id": 77, "product_id": 112, "sku": "OTS-L", "price": null, "sale_price": null,
                          "calculated_price": 109.0, "inventory_level": 4, "purchasing_disabled": false,
                          "image_url": "", "option_values": [ { "id": 5, "option_id": 9, "label": "Large", "option_display_name": "Size" } ] } ],
          "channels": [1, 2] }
        """

    @Test func productFromReferenceExample() throws {
        let product = try JSONDecoder().decode(Product.self, from: Data(Self.productJSON.utf8))
        #expect(product.id == 112)
        #expect(product.name == "Orbit Terrarium")
        #expect(product.price == Decimal(109))
        #expect(product.calculatedPrice == Decimal(109))
        #expect(product.salePrice == 0)
        #expect(product.categories == [19, 23])
        #expect(product.brandID == 36)
        #expect(product.inventoryTracking == "variant")
        #expect(product.reviewsRatingSum == 9)
        #expect(product.reviewsCount == 2)
        #expect(product.baseVariantID == nil)
        #expect(product.customURL?.url == "/orbit-terrarium/")
        #expect(product.dateCreated == Date(timeIntervalSince1970: 1_709_287_200))
        #expect(product.dateModified == Date(timeIntervalSince1970: 1_736_928_764))
        #expect(product.channels == [1, 2])
        #expect(product.images.first?.isThumbnail == true)
        #expect(product.customFields.first?.name == "Material")
        let variant = try #require(product.variants?.first)
        #expect(variant.price == nil)
        #expect(variant.salePrice == nil)
        #expect(variant.retailPrice == nil)
        #expect(variant.calculatedPrice == Decimal(109))
        #expect(variant.optionValues.first?.optionDisplayName == "Size")
        #expect(variant.optionValues.first?.label == "Large")
    }

    @Test func variantsAbsentWhenNotIncluded() throws {
        let json = #"{"id": 1, "name": "A", "price": 1, "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}"#
        let product = try JSONDecoder().decode(Product.self, from: Data(json.utf8))
        #expect(product.variants == nil)
        #expect(product.channels.isEmpty)
        #expect(product.calculatedPrice == 1)
    }

    @Test func lenientIDsAcceptNumbersAndStrings() throws {
        let json = #"[112, "113", " 114 ", 115.0]"#
        let ids = try JSONDecoder().decode([LenientInt].self, from: Data(json.utf8)).map(\.value)
        #expect(ids == [112, 113, 114, 115])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LenientInt].self, from: Data(#"["x1"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LenientInt].self, from: Data("[1.5]".utf8)) }
    }

    @Test func productWithStringIDs() throws {
        let json = #"{"id": "112", "name": "A", "price": "10.50", "brand_id": "36", "categories": ["19", 23], "date_created": "2024-03-01T10:00:00+00:00", "date_modified": "2024-03-01T10:00:00+00:00", "channels": ["1", {"channel_id": 2}]}"#
        let product = try JSONDecoder().decode(Product.self, from: Data(json.utf8))
        #expect(product.id == 112)
        #expect(product.brandID == 36)
        #expect(product.categories == [19, 23])
        #expect(product.price == Decimal(string: "10.5"))
        #expect(product.channels == [1, 2])
    }

    @Test func moneyDecodesExactlyWithoutDouble() throws {
        let json = #"[0.1, 19.99, 0.3, 1234567.8901, "225.0000", "0.1", 109.0]"#
        let values = try JSONDecoder().decode([LenientDecimal].self, from: Data(json.utf8)).map(\.value)
        #expect(values[0] == Decimal(string: "0.1"))
        #expect(values[0].description == "0.1")
        #expect(values[1] == Decimal(string: "19.99"))
        #expect(values[1].description == "19.99")
        #expect(values[2].description == "0.3")
        #expect(values[3] == Decimal(string: "1234567.8901"))
        #expect(values[4] == Decimal(225))
        #expect(values[5] == Decimal(string: "0.1"))
        #expect(values[6] == Decimal(109))
    }

    @Test func moneyRejectsGarbageStrings() {
        for bad in ["", "abc", "12abc", "1,5", "--1", "."] {
            #expect(LenientDecimal.parse(bad) == nil, "\(bad)")
        }
        #expect(LenientDecimal.parse("-12.5") == Decimal(string: "-12.5"))
        #expect(LenientDecimal.parse("1e3") == Decimal(1000))
    }

    @Test func nullableVariantPrices() throws {
        let json = #"{"id": 78, "product_id": 112, "sku": "X", "price": 12.5, "sale_price": null, "retail_price": "", "calculated_price": 12.5, "inventory_level": 3, "purchasing_disabled": true, "image_url": "https://x/y.jpg", "option_values": []}"#
        let variant = try JSONDecoder().decode(Variant.self, from: Data(json.utf8))
        #expect(variant.price == Decimal(string: "12.5"))
        #expect(variant.salePrice == nil)
        #expect(variant.retailPrice == nil)
        #expect(variant.purchasingDisabled)
        #expect(variant.optionValues.isEmpty)
    }

    @Test func v2CurrenciesWithMoneyStrings() throws {
        let json = """
            [ { "id": 1, "is_default": true, "currency_code": "USD", "name": "US Dollar", "currency_exchange_rate": "1.0000000000",
                "decimal_places": 2, "enabled": true, "is_transactional": true },
              { "id": "2", "is_default": false, "currency_code": "EUR", "name": "Euro", "currency_exchange_rate": "0.9150000000",
                "decimal_places": "2", "enabled": true, "is_transactional": false } ]
            """
        let currencies = try JSONDecoder().decode([Currency].self, from: Data(json.utf8))
        #expect(currencies.count == 2)
        #expect(currencies[0].exchangeRate == 1)
        #expect(currencies[1].id == 2)
        #expect(currencies[1].exchangeRate == Decimal(string: "0.915"))
        #expect(currencies[1].decimalPlaces == 2)
        #expect(currencies[1].isTransactional == false)
    }

    @Test func v2MoneyString() throws {
        let json = #"{"price_list_id": 1, "variant_id": "77", "product_id": 112, "currency": "EUR", "price": "225.0000", "sale_price": null, "calculated_price": 225.0}"#
        let record = try JSONDecoder().decode(PriceRecord.self, from: Data(json.utf8))
        #expect(record.price == Decimal(225))
        #expect(record.price?.description == "225")
        #expect(record.salePrice == nil)
        #expect(record.retailPrice == nil)
        #expect(record.variantID == 77)
    }

    @Test func storeInfoWithStringStoreID() throws {
        let json = #"{"id": "abc123", "store_id": "1000123", "name": "Shop", "domain": "shop.example", "secure_url": "https://shop.example", "language": "en", "currency": "USD", "decimal_places": 2, "default_channel_id": 1, "plan_name": "Standard"}"#
        let store = try JSONDecoder().decode(StoreInfo.self, from: Data(json.utf8))
        #expect(store.id == "abc123")
        #expect(store.storeID == 1_000_123)
        #expect(store.secureURL == "https://shop.example")
    }

    @Test func treeCategoryFromReferenceExample() throws {
        let json = #"{ "data": [ { "category_id": 23, "parent_id": 19, "tree_id": 1, "name": "Bath", "is_visible": true, "sort_order": 3, "url": { "path": "/garden/bath/", "is_customized": false } } ], "meta": { "pagination": { "total": 1, "count": 1, "per_page": 250, "current_page": 1, "total_pages": 1 } } }"#
        let envelope = try JSONDecoder().decode(V3Envelope<[TreeCategory]>.self, from: Data(json.utf8))
        let category = try #require(envelope.data.first)
        #expect(category.categoryID == 23)
        #expect(category.parentID == 19)
        #expect(category.url?.path == "/garden/bath/")
        #expect(envelope.meta?.pagination?.totalPages == 1)
    }

    @Test func siteAndCurrencyAssignment() throws {
        let site = #"{"data": {"id": 1000, "url": "https://shop.example", "channel_id": 1, "urls": [{"url": "https://www.shop.example", "type": "primary"}, {"url": "https://shop.example", "type": "canonical"}]}, "meta": {}}"#
        let decodedSite = try JSONDecoder().decode(V3Envelope<Site>.self, from: Data(site.utf8)).data
        #expect(decodedSite.urls.first { $0.type == "primary" }?.url == "https://www.shop.example")
        let assignment = #"{"data": {"channel_id": 2, "enabled_currencies": ["EUR", "USD"], "default_currency": "EUR"}, "meta": {}}"#
        let decoded = try JSONDecoder().decode(V3Envelope<OneOrMany<ChannelCurrencyAssignment>>.self, from: Data(assignment.utf8))
        #expect(decoded.data.elements.first?.defaultCurrency == "EUR")
        let asArray = #"{"data": [{"channel_id": 2, "enabled_currencies": ["EUR"], "default_currency": "EUR"}]}"#
        let decodedArray = try JSONDecoder().decode(V3Envelope<OneOrMany<ChannelCurrencyAssignment>>.self, from: Data(asArray.utf8))
        #expect(decodedArray.data.elements.count == 1)
    }

    @Test func priceListAssignmentNullGroup() throws {
        let json = #"[{"id": 4, "price_list_id": 2, "customer_group_id": null, "channel_id": 1}, {"id": 5, "price_list_id": 2, "customer_group_id": 0}]"#
        let assignments = try JSONDecoder().decode([PriceListAssignment].self, from: Data(json.utf8))
        #expect(assignments[0].customerGroupID == nil)
        #expect(assignments[0].channelID == 1)
        #expect(assignments[1].customerGroupID == 0)
        #expect(assignments[1].channelID == nil)
    }

    @Test func emptyV2ResponseIsNoContent() {
        #expect(BigCommerceClient.RawResponse(status: 204, body: []).hasContent == false)
        #expect(BigCommerceClient.RawResponse(status: 200, body: Array(" \n".utf8)).hasContent == false)
        #expect(BigCommerceClient.RawResponse(status: 200, body: Array("[]".utf8)).hasContent)
    }
}
