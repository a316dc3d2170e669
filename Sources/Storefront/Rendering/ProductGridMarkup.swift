/// The markup of the built-in placement and search templates: a list of product cards that `storefront.css`
/// lays out as a responsive grid (`clerkbridge-*` classes, README "The default look").
///
/// A card has one link (the name, whose `::after` the stylesheet stretches over the card, so the whole card is
/// clickable and keyboard users tab through one link per product) carrying the click attributes; the image in a
/// square frame with its `alt` text, intrinsic size and lazy loading (an empty frame marked `--no-image` without
/// one); the brand under the name, so the names of a row line up under the images; the stars (rounded to a half) with
/// the review count; the price with the struck-through list price on sale; and a Sale or Out of stock badge.
enum ProductGridMarkup {
    /// The `width` and `height` attributes of card images: square, like the frame the stylesheet draws, so the
    /// page does not shift while images load.
    static let imageSize = 500

    /// One card, for inside `{{#items}}…{{/items}}` (the fields of `ProductCard.templateFields` plus
    /// `click_attributes`).
    static let card = """
        <li class="clerkbridge-card{{#on_sale}} clerkbridge-card--on-sale{{/on_sale}}{{^in_stock}} clerkbridge-card--out-of-stock{{/in_stock}}">
        <span class="clerkbridge-media{{^image}} clerkbridge-media--no-image{{/image}}">\
        {{#image}}<img class="clerkbridge-image" src="{{image}}" alt="{{name}}" width="\(imageSize)" height="\(imageSize)" loading="lazy" decoding="async">{{/image}}\
        {{^in_stock}}<span class="clerkbridge-badge clerkbridge-badge--out-of-stock">Out of stock</span>{{/in_stock}}\
        {{#in_stock}}{{#on_sale}}<span class="clerkbridge-badge clerkbridge-badge--sale">Sale</span>{{/on_sale}}{{/in_stock}}\
        </span>
        <a class="clerkbridge-link" href="{{url}}" {{{click_attributes}}}>{{name}}</a>
        {{#brand}}<span class="clerkbridge-brand">{{brand}}</span>{{/brand}}
        {{#stars}}<span class="clerkbridge-rating" role="img" aria-label="Rated {{rating}} out of 5 by {{review_count}} reviewers">\
        <span class="clerkbridge-stars" data-clerkbridge-stars="{{stars}}"></span>\
        <span class="clerkbridge-review-count">({{review_count}})</span></span>{{/stars}}
        <span class="clerkbridge-price">{{#list_price}}<span class="clerkbridge-sale-price">\
        <span class="clerkbridge-visually-hidden">Sale price </span>{{price}}</span> \
        <s class="clerkbridge-list-price"><span class="clerkbridge-visually-hidden">Regular price </span>{{list_price}}</s>\
        {{/list_price}}{{^list_price}}{{price}}{{/list_price}}</span>
        </li>
        """

    /// The grid of `{{#items}}` cards.
    static let grid = """
        <ul class="clerkbridge-grid" role="list">
        {{#items}}
        \(card)
        {{/items}}
        </ul>
        """
}
