import Foundation
import Mustache

/// A placement's products as an HTML fragment for the storefront page (`GET /v1/recommendations?format=html`),
/// rendered from a swift-mustache template the merchant can replace.
///
/// Every product link carries what `storefront.js` needs to report a click to Clerk: `data-clerkbridge-product`
/// (the product id), `data-clerkbridge-position` (Clerk's `n`) and, only for products Clerk chose,
/// `data-clerkbridge-api` and `data-clerkbridge-labels` (a JSON array). A merchant template keeps those
/// attributes by using `{{{click_attributes}}}` on its links, or writes them from `id`, `position`, `api` and
/// `labels_json`.
///
/// The template sees `placement`, `source` (`clerk` or `fallback`), `currency`, `count`, `labels_json` and
/// `items`, each with `id`, `name`, `url`, `image`, `price`, `list_price` (when on sale), `on_sale`,
/// `in_stock`, `brand`, `rating`, `stars`, `review_count`, `position`, `api`, `labels_json` and
/// `click_attributes`.
/// `{{…}}` escapes HTML; only `click_attributes` is built (and escaped) here for triple braces.
public struct PlacementRenderer: Sendable {
    private let template: MustacheTemplate

    /// A renderer with the built-in template, or the merchant's (`templateText`, Mustache).
    public init(templateText: String? = nil) throws(TemplateError) {
        do {
            template = try MustacheTemplate(string: templateText ?? Self.defaultTemplate)
        } catch {
            throw TemplateError(description: "the placement template does not parse: \(error)")
        }
    }

    /// The HTML for `recommendations`.
    public func render(_ recommendations: Recommendations) -> String {
        let labels = Self.jsonArray(recommendations.labels)
        let items: [[String: Any]] = recommendations.items.map { item in
            let card = item.card
            var fields = card.templateFields
            fields["position"] = item.position
            var click = "data-clerkbridge-product=\"\(card.id)\" data-clerkbridge-position=\"\(item.position)\""
            if let api = item.api {
                fields["api"] = api
                fields["labels_json"] = labels
                click += " data-clerkbridge-api=\"\(Self.escaped(api))\" data-clerkbridge-labels=\"\(Self.escaped(labels))\""
            }
            fields["click_attributes"] = click
            return fields
        }
        let context: [String: Any] = [
            "placement": recommendations.placement, "source": recommendations.source.rawValue,
            "currency": recommendations.currency, "count": items.count, "labels_json": labels, "items": items,
        ]
        return template.render(context)
    }

    /// `values` as a JSON array of strings.
    static func jsonArray(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` safe inside a double-quoted HTML attribute.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The product grid of `ProductGridMarkup` in a wrapper naming the placement (`clerkbridge-placement--NAME`),
    /// styled by `storefront.css`.
    public static let defaultTemplate = """
        <div class="clerkbridge clerkbridge-placement clerkbridge-placement--{{placement}}" data-clerkbridge-placement="{{placement}}" \
        data-clerkbridge-source="{{source}}" data-clerkbridge-count="{{count}}">
        \(ProductGridMarkup.grid)
        </div>
        """
}

/// The placement templates in use: the merchant's per placement, else theirs for all, else the built-in one.
public struct PlacementRenderers: Sendable {
    private let shared: PlacementRenderer
    private let byPlacement: [String: PlacementRenderer]

    /// Compiles `sharedTemplate` (nil: the built-in) and the per-placement `templates` (placement name → text).
    public init(sharedTemplate: String? = nil, templates: [String: String] = [:]) throws(TemplateError) {
        shared = try PlacementRenderer(templateText: sharedTemplate)
        var compiled: [String: PlacementRenderer] = [:]
        for (name, text) in templates {
            do {
                compiled[name] = try PlacementRenderer(templateText: text)
            } catch {
                throw TemplateError(description: "placement \(name): \(error.description)")
            }
        }
        byPlacement = compiled
    }

    /// The renderer for the placement called `name`.
    public func renderer(for name: String) -> PlacementRenderer { byPlacement[name] ?? shared }
}
