import Foundation
import JSONSupport

/// Which sub-resources a product request side-loads (`include=`).
struct ProductIncludes: OptionSet {
    let rawValue: Int
    static let variants = ProductIncludes(rawValue: 1)
    static let images = ProductIncludes(rawValue: 2)
    static let customFields = ProductIncludes(rawValue: 4)
    static let channels = ProductIncludes(rawValue: 8)
    static let primaryImage = ProductIncludes(rawValue: 16)

    init(rawValue: Int) {
        self.rawValue = rawValue
    }

    init(_ text: String?) {
        var set: ProductIncludes = []
        for part in (text ?? "").split(separator: ",") {
            switch part.trimmingCharacters(in: .whitespaces) {
            case "variants": set.insert(.variants)
            case "images": set.insert(.images)
            case "custom_fields": set.insert(.customFields)
            case "channels": set.insert(.channels)
            case "primary_image": set.insert(.primaryImage)
            default: break
            }
        }
        self = set
    }
}

/// Wire rendering of sandbox records in BigCommerce's field names and shapes.
extension JSONWriter {
    mutating func product(_ p: SandboxProduct, includes: ProductIncludes, malformed: Bool) {
        openObject()
        field("id", p.id)
        if malformed { field("name", 12345) } else { field("name", p.name) }
        field("type", p.type)
        field("sku", p.sku)
        field("description", p.description)
        field("weight", p.weight)
        field("width", Decimal(0))
        field("depth", Decimal(0))
        field("height", Decimal(0))
        if malformed { field("price", "n/a") } else { field("price", p.price) }
        field("cost_price", p.costPrice)
        field("retail_price", p.retailPrice)
        field("sale_price", p.salePrice)
        field("map_price", p.mapPrice)
        field("tax_class_id", 0)
        field("product_tax_code", "")
        field("calculated_price", p.calculatedPrice)
        field("categories", p.categories)
        field("brand_id", p.brandID)
        field("option_set_id", nil as Int?)
        field("option_set_display", "right")
        field("inventory_level", p.inventoryLevel)
        field("inventory_warning_level", p.inventoryWarningLevel)
        field("inventory_tracking", p.inventoryTracking)
        field("reviews_rating_sum", p.reviewsRatingSum)
        field("reviews_count", p.reviewsCount)
        field("total_sold", p.totalSold)
        field("fixed_cost_shipping_price", Decimal(0))
        field("is_free_shipping", false)
        field("is_visible", p.isVisible)
        field("is_featured", p.isFeatured)
        field("related_products", [-1])
        field("warranty", "")
        field("bin_picking_number", "")
        field("layout_file", "product.html")
        field("upc", p.upc)
        field("mpn", p.mpn)
        field("gtin", p.gtin)
        field("date_last_imported", nil as Int?)
        field("search_keywords", p.searchKeywords)
        field("availability", p.availability)
        field("availability_description", "")
        field("gift_wrapping_options_type", "any")
        field("gift_wrapping_options_list", [Int]())
        field("sort_order", p.sortOrder)
        field("condition", p.condition)
        field("is_condition_shown", false)
        field("order_quantity_minimum", 0)
        field("order_quantity_maximum", 0)
        field("page_title", "")
        field("meta_keywords", [String]())
        field("meta_description", "")
        field("date_created", date: p.dateCreated)
        field("date_modified", date: p.dateModified)
        field("view_count", 0)
        field("preorder_release_date", nil as Int?)
        field("preorder_message", p.availability == "preorder" ? "Ships soon" : "")
        field("is_preorder_only", p.availability == "preorder")
        field("is_price_hidden", false)
        field("price_hidden_label", "")
        key("custom_url")
        openObject()
        field("url", p.customURL)
        field("is_customized", p.customURLIsCustomized)
        closeObject()
        field("base_variant_id", p.baseVariantID)
        field("open_graph_type", "product")
        field("open_graph_title", "")
        field("open_graph_description", "")
        field("open_graph_use_meta_description", true)
        field("open_graph_use_product_name", true)
        field("open_graph_use_image", true)
        if includes.contains(.variants) {
            key("variants")
            openArray()
            for variant in p.variants { self.variant(variant, product: p) }
            closeArray()
        }
        if includes.contains(.images) {
            key("images")
            openArray()
            for image in p.images { self.image(image) }
            closeArray()
        }
        if includes.contains(.primaryImage) {
            key("primary_image")
            if let primary = p.images.first(where: \.isThumbnail) { image(primary) } else { null() }
        }
        if includes.contains(.customFields) {
            key("custom_fields")
            openArray()
            for custom in p.customFields {
                openObject()
                field("id", custom.id)
                field("name", custom.name)
                field("value", custom.value)
                closeObject()
            }
            closeArray()
        }
        if includes.contains(.channels) {
            field("channels", p.channels)
        }
        closeObject()
    }

    mutating func variant(_ v: SandboxVariant, product: SandboxProduct?) {
        openObject()
        field("id", v.id)
        field("product_id", v.productID)
        field("sku", v.sku)
        field("sku_id", v.skuID)
        field("price", v.price)
        field("calculated_price", v.calculatedPrice)
        field("sale_price", v.salePrice)
        field("retail_price", v.retailPrice)
        field("map_price", v.mapPrice)
        field("weight", v.weight)
        field("calculated_weight", v.weight ?? product?.weight ?? 0)
        field("width", nil as Decimal?)
        field("height", nil as Decimal?)
        field("depth", nil as Decimal?)
        field("is_free_shipping", false)
        field("fixed_cost_shipping_price", nil as Decimal?)
        field("purchasing_disabled", v.purchasingDisabled)
        field("purchasing_disabled_message", v.purchasingDisabledMessage)
        field("image_url", v.imageURL)
        field("cost_price", v.costPrice)
        field("upc", v.upc)
        field("mpn", v.mpn)
        field("gtin", v.gtin)
        field("inventory_level", v.inventoryLevel)
        field("inventory_warning_level", v.inventoryWarningLevel)
        field("bin_picking_number", "")
        key("option_values")
        openArray()
        for value in v.optionValues {
            openObject()
            field("id", value.id)
            field("label", value.label)
            field("option_id", value.optionID)
            field("option_display_name", value.optionDisplayName)
            closeObject()
        }
        closeArray()
        closeObject()
    }

    mutating func image(_ image: SandboxImage) {
        let standard = image.urlStandard
        openObject()
        field("id", image.id)
        field("product_id", image.productID)
        field("is_thumbnail", image.isThumbnail)
        field("sort_order", image.sortOrder)
        field("description", image.description)
        field("image_file", "sandbox/\(image.id).jpg")
        field("url_zoom", Self.resized(standard, "1280x1280"))
        field("url_standard", standard)
        field("url_thumbnail", Self.resized(standard, "220x290"))
        field("url_tiny", Self.resized(standard, "44x58"))
        field("date_modified", date: image.dateModified)
        closeObject()
    }

    /// The URL of another rendition of a standard-size image (sandbox URLs carry the size as `/500x659/`).
    static func resized(_ standard: String, _ size: String) -> String {
        guard let range = standard.range(of: "/500x659/") else { return standard }
        return standard[..<range.lowerBound] + "/\(size)/" + standard[range.upperBound...]
    }

    mutating func category(_ c: SandboxCategory) {
        openObject()
        field("category_id", c.id)
        field("category_uuid", "00000000-0000-4000-8000-\(String(format: "%012d", c.id))")
        field("parent_id", c.parentID)
        field("tree_id", c.treeID)
        field("name", c.name)
        field("description", c.description)
        field("views", 0)
        field("sort_order", c.sortOrder)
        field("page_title", "")
        field("meta_keywords", [String]())
        field("meta_description", "")
        field("layout_file", "category.html")
        field("image_url", c.imageURL)
        field("is_visible", c.isVisible)
        field("search_keywords", "")
        field("default_product_sort", "use_store_settings")
        key("url")
        openObject()
        field("path", c.urlPath)
        field("is_customized", false)
        closeObject()
        closeObject()
    }

    mutating func brand(_ b: SandboxBrand) {
        openObject()
        field("id", b.id)
        field("name", b.name)
        field("page_title", b.name)
        field("meta_keywords", [String]())
        field("meta_description", "")
        field("search_keywords", "")
        field("image_url", b.imageURL)
        key("custom_url")
        openObject()
        field("url", b.customURL)
        field("is_customized", false)
        closeObject()
        closeObject()
    }

    mutating func channel(_ c: SandboxChannel) {
        openObject()
        field("id", c.id)
        field("name", c.name)
        field("type", c.type)
        field("platform", c.platform)
        field("status", c.status)
        field("is_enabled", c.status == "active")
        field("is_visible", true)
        field("is_listable_from_ui", true)
        field("external_id", "")
        field("icon_url", "")
        field("date_created", date: SandboxCatalog.epoch2024)
        field("date_modified", date: SandboxCatalog.epoch2024)
        closeObject()
    }

    mutating func site(_ s: SandboxSite) {
        openObject()
        field("id", s.id)
        field("url", s.url)
        field("channel_id", s.channelID)
        field("ssl_status", "dedicated")
        key("urls")
        openArray()
        for url in s.urls {
            openObject()
            field("url", url.url)
            field("type", url.type)
            field("created_at", date: SandboxCatalog.epoch2024)
            field("updated_at", date: SandboxCatalog.epoch2024)
            closeObject()
        }
        closeArray()
        field("is_checkout_url_customized", false)
        field("created_at", date: SandboxCatalog.epoch2024)
        field("updated_at", date: SandboxCatalog.epoch2024)
        closeObject()
    }

    mutating func priceRecord(_ r: SandboxPriceRecord) {
        openObject()
        field("price_list_id", r.priceListID)
        field("variant_id", r.variantID)
        field("product_id", r.productID)
        field("sku", r.sku)
        field("currency", r.currency.lowercased())
        field("price", r.price)
        field("sale_price", r.salePrice)
        field("retail_price", r.retailPrice)
        field("map_price", r.mapPrice)
        field("calculated_price", r.calculatedPrice)
        field("date_created", date: SandboxCatalog.epoch2024)
        field("date_modified", date: SandboxCatalog.epoch2024)
        closeObject()
    }

    /// V2 currency: money and rates as strings, dates RFC 2822.
    mutating func currencyV2(_ c: SandboxCurrency) {
        openObject()
        field("id", c.id)
        field("is_default", c.isDefault)
        field("last_updated", DateText.rfc2822(SandboxCatalog.epoch2024))
        field("country_iso2", c.countryISO2)
        field("default_for_country_codes", [c.countryISO2])
        field("currency_code", c.code)
        field("currency_exchange_rate", Decimals.fixed(c.exchangeRate, places: 10))
        field("name", c.name)
        field("token", c.token)
        field("auto_update", false)
        field("decimal_token", ".")
        field("thousands_token", ",")
        field("decimal_places", c.decimalPlaces)
        field("token_location", c.tokenLocation)
        field("enabled", c.enabled)
        field("is_transactional", c.isTransactional)
        closeObject()
    }
}

/// Decimal formatting helpers.
enum Decimals {
    /// `value` rounded half away from zero to `places` decimals, written with exactly that many decimals.
    static func fixed(_ value: Decimal, places: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        var text = rounded.description
        if places == 0 { return text }
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            text += String(repeating: "0", count: max(0, places - decimals))
        } else {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }
}
