import Foundation
import Mustache

/// Email-safe HTML for a block of product cards: one table row of cells with inline styles only (no CSS
/// classes, no scripts), absolute URLs only, and UTM parameters on every product link, rendered from a
/// swift-mustache template the merchant can replace.
///
/// The template sees `items` (each with `name`, `url`, `image`, `price`, `list_price` when on sale, `brand`,
/// `position`, `width`), `currency` and `count`. Values are HTML-escaped by Mustache (`{{…}}`).
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

    private let template: MustacheTemplate

    /// A renderer with the built-in template, or the merchant's (`templateText`, Mustache).
    public init(templateText: String? = nil) throws(TemplateError) {
        do {
            template = try MustacheTemplate(string: templateText ?? Self.defaultTemplate)
        } catch {
            throw TemplateError(description: "the email block template does not parse: \(error)")
        }
    }

    /// The HTML for `cards`, product links tagged with `campaign`; relative URLs are made absolute against
    /// `baseURL` (the storefront's), and a card whose link or image still is not absolute http(s) is left out.
    public func render(_ cards: [ProductCard], campaign: Campaign, baseURL: String) -> String {
        let base = URL(string: baseURL)
        var items: [[String: Any]] = []
        for card in cards {
            guard let link = Self.absolute(card.url, base: base).map({ Self.tagged($0, campaign: campaign) }) else { continue }
            var item: [String: Any] = ["name": card.name, "url": link, "position": items.count]
            if let image = card.image {
                guard let absolute = Self.absolute(image, base: base) else { continue }
                item["image"] = absolute
            }
            if let price = card.price { item["price"] = price.formatted }
            if card.onSale, let list = card.listPrice { item["list_price"] = list.formatted }
            if let brand = card.brand { item["brand"] = brand }
            items.append(item)
        }
        let width = items.isEmpty ? 100 : 100 / items.count
        items = items.map { var item = $0; item["width"] = width; return item }
        let context: [String: Any] = [
            "items": items, "count": items.count, "currency": cards.first?.price?.currency ?? "",
        ]
        return template.render(context)
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

    /// Tables and inline styles only, as email clients need.
    public static let defaultTemplate = """
        <table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" \
        style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;">
        <tr>
        {{#items}}
        <td width="{{width}}%" valign="top" style="padding:8px;text-align:center;">
        <a href="{{url}}" style="text-decoration:none;color:#222222;">\
        {{#image}}<img src="{{image}}" alt="{{name}}" width="160" \
        style="display:block;margin:0 auto;border:0;width:100%;max-width:160px;height:auto;">{{/image}}\
        <span style="display:block;margin-top:8px;font-size:14px;line-height:18px;">{{name}}</span></a>
        {{#brand}}<span style="display:block;font-size:12px;color:#777777;">{{brand}}</span>{{/brand}}
        <span style="display:block;margin-top:4px;font-size:14px;font-weight:bold;color:#222222;">{{price}}\
        {{#list_price}} <s style="font-weight:normal;color:#999999;">{{list_price}}</s>{{/list_price}}</span>
        </td>
        {{/items}}
        </tr>
        </table>
        """
}
