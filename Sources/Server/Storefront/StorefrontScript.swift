/// The storefront tracking script served at `GET /storefront.js` (contract.md): `Resources/storefront.js`, compiled
/// into the binary.
///
/// Plain ES2017 without dependencies or a build step. `StorefrontScriptConfiguration.render(channelID:)`
/// replaces ``placeholder`` with the configuration as one JSON object. What it does:
/// - a visitor id `[A-Za-z0-9]{16}` from `crypto.getRandomValues`, kept in a first-party cookie `clerkbridge_vid`
///   (1 year, `SameSite=Lax`, `Secure` on https) only while analytics consent is known to be granted
///   (`bc_consent` cookie, BODL `consent.loaded`/`consent.updated`, `clerkbridge.consent(true|false)`),
///   else for the session in `sessionStorage`;
/// - BODL (`window.bodlEvents`) subscriptions turned into contract.md events, retried for about 10 s when BODL
///   loads after the script;
/// - a queue in `sessionStorage` flushed after 1 s or 20 events as `text/plain` (no CORS preflight), bodies under
///   60 KB and 500 events, retried with backoff, handed to `navigator.sendBeacon` when the page is hidden;
/// - the current-customer JWT (`/customer/current.jwt?app_client_id=…`) as `customer_token` when an app client
///   id is configured;
/// - placements: every element with `data-clerkbridge-placement="NAME"` (context from `data-product`,
///   `data-category`, `data-cart`, `data-order`, `data-limit`; the storefront from `data-storefront`, else
///   `data-currency`, else the currency of the latest BODL event) is filled with
///   `GET /v1/recommendations?format=html` for the visitor (with the customer JWT only for the placements the
///   configuration names as needing the customer); one that failed or whose context changed is asked again by
///   the next `render`; a click on a product Clerk chose (a link with `data-clerkbridge-api`) is recorded as
///   `product_clicked` with its `api`, `position` and `labels`;
/// - search results: every element with `data-clerkbridge-search` is filled with `GET /v1/search?format=html` for
///   `data-q` (else the page's `search_query`, as on BigCommerce's search page), `data-sort` and `data-page` (else
///   the page's `sort` and `page`) and `data-limit`. A slot, placement or search, keeps its own content while it
///   loads, when a placement's answer has no products, and when it fails;
/// - the default look: `GET /storefront.css` linked first in `<head>` when the first placement is asked for, unless
///   an element of the page carries `data-clerkbridge-styles="off"`;
/// - one `console.warn` (whatever `clerkbridge_debug` says) when a placement or an event batch gets no answer the
///   page may read, saying whether the page's origin is not a storefront's `base_url` (CORS) or clerkbridge cannot
///   be reached (`CLERKBRIDGE_PUBLIC_URL`), and one per refused placement with the server's error and what to
///   change;
/// - `window.clerkbridge.track(type, fields)`, `.flush()`, `.visitor()`, `.consent(granted)` and
///   `.render(root)` (fill placements added later, e.g. by client-side navigation) for headless storefronts.
///   Nothing else becomes global and no error escapes to the page.
public enum StorefrontScript {
    /// What ``source`` holds where the configuration object goes.
    public static let placeholder = "/*CLERKBRIDGE_CONFIG*/{}"

    /// The script with ``placeholder`` in place of its configuration.
    ///
    /// Without the file's final newline: the bytes served before the script became a file, so their ETags stayed.
    public static let source: String = {
        let text = String(decoding: PackageResources.storefront_js, as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }()
}
