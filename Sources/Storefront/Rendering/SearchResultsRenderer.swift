import Mustache

/// A page of search results as an HTML fragment for the storefront page (`GET /v1/search?format=html`): the same
/// product grid as placements (`ProductGridMarkup`, styled by `storefront.css`) under a line saying how many
/// products matched, rendered from a swift-mustache template the merchant can replace.
///
/// The template sees `query` (when given), `summary` (`24 results for “lamp”`), `total`, `page`, `limit`, `sort`,
/// `currency`, `count` and `items`, each with the fields of a placement's item but `api` and `labels_json`
/// (`id`, `name`, `url`, `image`, `price`, `list_price` when on sale, `on_sale`, `in_stock`, `brand`, `rating`,
/// `stars`, `review_count`, `position` and `click_attributes`). `{{…}}` escapes HTML.
public struct SearchResultsRenderer: Sendable {
    private let template: MustacheTemplate

    /// A renderer with the built-in template, or the merchant's (`templateText`, Mustache).
    public init(templateText: String? = nil) throws(TemplateError) {
        do {
            template = try MustacheTemplate(string: templateText ?? Self.defaultTemplate)
        } catch {
            throw TemplateError(description: "the search template does not parse: \(error)")
        }
    }

    /// The HTML for `results`.
    public func render(_ results: SearchResults) -> String {
        let first = (results.page - 1) * results.limit
        let items: [[String: Any]] = results.items.enumerated().map { offset, card in
            var fields = card.templateFields
            fields["position"] = first + offset
            fields["click_attributes"] = "data-clerkbridge-product=\"\(card.id)\" data-clerkbridge-position=\"\(first + offset)\""
            return fields
        }
        var summary = "\(results.total) result\(results.total == 1 ? "" : "s")"
        if let query = results.query { summary += " for “\(query)”" }
        var context: [String: Any] = [
            "summary": summary, "total": results.total, "page": results.page, "limit": results.limit, "sort": results.sort,
            "currency": results.currency, "count": items.count, "items": items,
        ]
        if let query = results.query { context["query"] = query }
        return template.render(context)
    }

    /// The product grid of `ProductGridMarkup` under the number of results, styled by `storefront.css`.
    public static let defaultTemplate = """
        <div class="clerkbridge clerkbridge-search" data-clerkbridge-search-results="{{total}}">
        <p class="clerkbridge-summary">{{summary}}</p>
        \(ProductGridMarkup.grid)
        </div>
        """
}
