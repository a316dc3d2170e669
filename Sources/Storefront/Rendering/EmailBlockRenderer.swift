import Foundation
import Mustache

/// Email-safe HTML for a block of product cards: rows of at most `columns` products in `role="presentation"` tables
/// with width attributes and inline styles only (no CSS classes, grid or flex, no scripts), images at a fixed
/// width, absolute URLs only, and UTM parameters on every product link, rendered from a swift-mustache template
/// the merchant can replace. Outlook lays tables out by their `width` attributes and ignores `max-width`; Gmail
/// drops `<style>` blocks in some clients: hence attributes and inline styles. Each row of products is two table
/// rows, the images (aligned to the bottom) above the names and prices (aligned to the top), so the names of a row
/// line up whatever the images' heights.
///
/// The template sees `rows` (each with `cells`, the row's items, and `fillers`, empty cells that keep a short last
/// row's widths), `items` (all of them), `columns`, `image_width`, `currency` and `count`; an item has `name`, `url`,
/// `image`, `price`, `list_price` when on sale, `in_stock`, `brand`, `position`, `width` (its cell's percentage)
/// and `image_width` (pixels). Values are HTML-escaped by Mustache (`{{…}}`).
public struct EmailBlockRenderer: Sendable {
    /// Why a block's template cannot be used.
    public typealias TemplateError = Storefront.TemplateError

    /// The UTM parameters added to product links.
    public struct Campaign: Sendable, Hashable {
        /// `utm_source`.
        public var source: String
        /// `utm_medium`.
        public var medium: String
        /// `utm_campaign`.
        public var campaign: String

        /// Creates UTM parameters; `source` and `medium` default to `clerk` and `email`.
        public init(source: String = "clerk", medium: String = "email", campaign: String) {
            self.source = source
            self.medium = medium
            self.campaign = campaign
        }
    }

    /// The columns of a block when the request does not say: two cards a row fit a 600 px email.
    public static let defaultColumns = 2
    /// The columns a block may have.
    public static let columnRange = 1...4
    /// The width of a block, in pixels, as email layouts are built (the images are sized for it).
    public static let blockWidth = 600

    private let template: MustacheTemplate

    /// A renderer with the built-in template, or the merchant's (`templateText`, Mustache).
    public init(templateText: String? = nil) throws(TemplateError) {
        do {
            template = try MustacheTemplate(string: templateText ?? Self.defaultTemplate)
        } catch {
            throw TemplateError(description: "the email block template does not parse: \(error)")
        }
    }

    /// The HTML for `cards` in rows of `columns` (clamped to ``columnRange``), product links tagged with
    /// `campaign`; relative URLs are made absolute against `baseURL` (the storefront's), and a card whose link or
    /// image still is not absolute http(s) is left out.
    public func render(
        _ cards: [ProductCard], campaign: Campaign, baseURL: String, columns: Int = EmailBlockRenderer.defaultColumns
    ) -> String {
        let columns = min(max(columns, Self.columnRange.lowerBound), Self.columnRange.upperBound)
        let width = 100 / columns
        let imageWidth = Self.imageWidth(columns: columns)
        let base = URL(string: baseURL)
        var items: [[String: Any]] = []
        for card in cards {
            guard let link = Self.absolute(card.url, base: base).map({ Self.tagged($0, campaign: campaign) }) else { continue }
            var item: [String: Any] = [
                "name": card.name, "url": link, "position": items.count, "in_stock": card.inStock, "width": width,
                "image_width": imageWidth,
            ]
            if let image = card.image {
                guard let absolute = Self.absolute(image, base: base) else { continue }
                item["image"] = absolute
            }
            if let price = card.price { item["price"] = price.formatted }
            if card.onSale, let list = card.listPrice { item["list_price"] = list.formatted }
            if let brand = card.brand { item["brand"] = brand }
            items.append(item)
        }
        let rows: [[String: Any]] = stride(from: 0, to: items.count, by: columns).map { start in
            let cells = Array(items[start..<min(start + columns, items.count)])
            return ["cells": cells, "fillers": Array(repeating: ["width": width], count: columns - cells.count)]
        }
        let context: [String: Any] = [
            "rows": rows, "items": items, "count": items.count, "columns": columns, "image_width": imageWidth,
            "currency": cards.first?.price?.currency ?? "",
        ]
        return template.render(context)
    }

    /// The fixed width of images in a block of `columns`: what fits a cell of the 600 px block less its padding,
    /// at most 260 px (a single column shows the product, not a banner).
    static func imageWidth(columns: Int) -> Int {
        min(260, blockWidth / columns - 2 * 12)
    }

    /// `text` as an absolute http(s) URL, resolving a relative one against `base`; nil otherwise.
    static func absolute(_ text: String?, base: URL?) -> String? {
        guard let text, !text.isEmpty, let url = URL(string: text, relativeTo: base)?.absoluteURL,
            let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil
        else { return nil }
        return url.absoluteString
    }

    /// `link` with the UTM parameters set (replacing any already there).
    static func tagged(_ link: String, campaign: Campaign) -> String {
        guard var components = URLComponents(string: link) else { return link }
        var items = (components.queryItems ?? []).filter { !$0.name.hasPrefix("utm_") }
        items += [
            URLQueryItem(name: "utm_source", value: campaign.source),
            URLQueryItem(name: "utm_medium", value: campaign.medium),
            URLQueryItem(name: "utm_campaign", value: campaign.campaign),
        ]
        components.queryItems = items
        return components.string ?? link
    }

    /// Tables with width attributes and inline styles only, as email clients need.
    public static let defaultTemplate = """
        <table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" \
        style="width:100%;max-width:\(blockWidth)px;border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;">
        {{#rows}}
        <tr>
        {{#cells}}
        <td width="{{width}}%" valign="bottom" align="center" style="width:{{width}}%;padding:16px 12px 0;vertical-align:bottom;text-align:center;">\
        {{#image}}<a href="{{url}}" style="text-decoration:none;"><img src="{{image}}" alt="{{name}}" width="{{image_width}}" border="0" \
        style="display:block;margin:0 auto;border:0;outline:none;width:{{image_width}}px;max-width:100%;height:auto;"></a>{{/image}}</td>
        {{/cells}}
        {{#fillers}}<td width="{{width}}%" style="width:{{width}}%;padding:16px 12px 0;">&nbsp;</td>{{/fillers}}
        </tr>
        <tr>
        {{#cells}}
        <td width="{{width}}%" valign="top" align="center" style="width:{{width}}%;padding:8px 12px 16px;vertical-align:top;text-align:center;">
        <a href="{{url}}" style="display:block;font-size:14px;line-height:18px;color:#222222;text-decoration:none;">{{name}}</a>
        {{#brand}}<span style="display:block;margin-top:2px;font-size:12px;line-height:16px;color:#777777;">{{brand}}</span>{{/brand}}
        <span style="display:block;margin-top:4px;font-size:14px;line-height:18px;font-weight:bold;\
        color:{{#list_price}}#b42318{{/list_price}}{{^list_price}}#222222{{/list_price}};">{{price}}\
        {{#list_price}} <s style="font-weight:normal;color:#999999;">{{list_price}}</s>{{/list_price}}</span>
        {{^in_stock}}<span style="display:block;margin-top:2px;font-size:12px;line-height:16px;color:#777777;">Out of stock</span>{{/in_stock}}
        </td>
        {{/cells}}
        {{#fillers}}<td width="{{width}}%" style="width:{{width}}%;padding:8px 12px 16px;">&nbsp;</td>{{/fillers}}
        </tr>
        {{/rows}}
        </table>
        """
}
