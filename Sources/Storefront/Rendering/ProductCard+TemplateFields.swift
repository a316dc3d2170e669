import Foundation

extension ProductCard {
    /// The card's values as the Mustache templates see them: `id`, `name`, `url`, `image`, `price` (formatted),
    /// `list_price` (formatted, on sale only), `on_sale`, `in_stock`, `brand`, `rating` (as stored, e.g. `4.33`),
    /// `stars` (the rating rounded to a half, `0.5`…`5`, for the stylesheet's stars) and `review_count`; absent
    /// values are left out so `{{#…}}` sections skip them.
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["id": id, "name": name, "on_sale": onSale, "in_stock": inStock]
        if let url { fields["url"] = url }
        if let image { fields["image"] = image }
        if let price { fields["price"] = price.formatted }
        if onSale, let listPrice { fields["list_price"] = listPrice.formatted }
        if let brand { fields["brand"] = brand }
        if let rating {
            fields["rating"] = "\(rating)"
            fields["stars"] = Self.stars(rating)
        }
        if let reviewCount { fields["review_count"] = reviewCount }
        return fields
    }

    /// `rating` rounded to the nearest half star within 0…5, written as `4` or `4.5`; nil below a quarter star,
    /// which shows no stars.
    static func stars(_ rating: Decimal) -> String? {
        var doubled = min(max(rating, 0), 5) * 2
        var rounded = Decimal()
        NSDecimalRound(&rounded, &doubled, 0, .plain)
        let halves = NSDecimalNumber(decimal: rounded).intValue
        guard halves > 0 else { return nil }
        return halves % 2 == 0 ? "\(halves / 2)" : "\(halves / 2).5"
    }
}
