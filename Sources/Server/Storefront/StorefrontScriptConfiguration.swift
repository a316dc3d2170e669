import Foundation

/// What `GET /storefront.js` injects into ``StorefrontScript`` besides the storefronts: the events endpoint and the
/// app's (public) client id. Never a secret.
public struct StorefrontScriptConfiguration: Sendable, Hashable {
    /// Where browsers reach clerkbridge (`server.public_url`), without a trailing slash.
    public var publicURL: String
    /// The BigCommerce app's client id (`bigcommerce.client_id`), for the current-customer JWT; public, unlike
    /// the client secret. Without it the script sends no `customer_token`.
    public var appClientID: String?

    /// The placements whose answers need the signed-in customer (those of kind `post_purchase`): only for
    /// these does the script send the current-customer JWT along.
    public var customerPlacements: [String]

    /// Creates a configuration.
    public init(publicURL: String, appClientID: String? = nil, customerPlacements: [String] = ["post_purchase"]) {
        var trimmed = publicURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.publicURL = trimmed
        self.appClientID = appClientID.flatMap { $0.isEmpty ? nil : $0 }
        self.customerPlacements = customerPlacements
    }

    /// `{public_url}/v1/events`.
    public var eventsURL: String { publicURL + "/v1/events" }

    /// The script for `channelID` with its configuration object injected, naming `storefronts` (those sold on the
    /// channel); nil when there are none.
    func render(channelID: Int, storefronts: [Injected.Storefront]) -> String? {
        guard !storefronts.isEmpty else { return nil }
        let object = Injected(
            eventsURL: eventsURL, recommendationsURL: publicURL + "/v1/recommendations",
            searchURL: publicURL + "/v1/search", stylesheetURL: publicURL + StorefrontStylesheetRoute.path,
            customerPlacements: customerPlacements, channelID: channelID, appClientID: appClientID,
            storefronts: storefronts)
        return StorefrontScript.source.replacingOccurrences(
            of: StorefrontScript.placeholder, with: Self.literal(object))
    }

    /// The JSON of `object`, with `<`, `>`, `&`, U+2028 and U+2029 escaped so the literal is safe wherever the
    /// script text ends up (these characters only ever occur inside JSON strings, where `\uXXXX` means the same).
    static func literal(_ object: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The injected object; `nil` members are left out.
    struct Injected: Encodable {
        struct Storefront: Encodable {
            var name: String
            var currency: String?
            var locale: String?
        }

        var eventsURL: String
        var recommendationsURL: String
        var searchURL: String
        var stylesheetURL: String
        var customerPlacements: [String]
        var channelID: Int
        var appClientID: String?
        var storefronts: [Storefront]

        enum CodingKeys: String, CodingKey {
            case storefronts
            case eventsURL = "events_url", recommendationsURL = "recommendations_url", channelID = "channel_id"
            case searchURL = "search_url", stylesheetURL = "stylesheet_url"
            case customerPlacements = "customer_placements"
            case appClientID = "app_client_id"
        }
    }
}
