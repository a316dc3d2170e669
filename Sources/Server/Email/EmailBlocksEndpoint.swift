import BigCommerceAPI
import Foundation
import Hummingbird
import Storefront
import StorefrontRegistry

/// `GET /v1/email/blocks` (contract.md): a shopper's product block for an email, as email-safe HTML or JSON cards.
///
/// Parameters: `storefront` (default: the first), `email` (required), `type` (`recommended` (default),
/// `abandoned_browse`, `abandoned_cart`, `post_purchase`), `limit` (1–12, default 4), `format` (`html`
/// (default) or `json`), `columns` (cards a row of the HTML, 1–4, default 2 for a 600 px email; JSON ignores it)
/// and `campaign` (the `utm_campaign` of the links; default the type).
///
/// A block shows what one shopper viewed, carted or bought, so it is served only to the email tool: the request
/// carries the configured access token as `Authorization: Bearer …` or `token=…`; without one configured the
/// route answers 403 and says how to enable it. Answers are never cached by intermediaries.
public struct EmailBlocksEndpoint: ShopperRoute {
    /// The most products a block holds.
    public static let maxLimit = 12
    /// The parameters the route takes (`token` is the access token when it is not a header).
    static let parameters = ShopperParameters(
        route: "/v1/email/blocks", single: ["storefront", "email", "type", "limit", "format", "columns", "campaign", "token"])

    let service: EmailBlockService
    let storefronts: StorefrontRegistry
    let renderer: EmailBlockRenderer
    let accessToken: String?

    /// Creates the endpoint; `accessToken` is what email tools must present (nil: the route is disabled).
    public init(service: EmailBlockService, storefronts: StorefrontRegistry, renderer: EmailBlockRenderer, accessToken: String?) {
        self.service = service
        self.storefronts = storefronts
        self.renderer = renderer
        self.accessToken = accessToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Adds `GET /v1/email/blocks`.
    public func addRoutes(to group: RouterGroup<ServerRequestContext>) {
        group.get("email/blocks") { request, _ in
            try await APIError.unavailableOnFailure("email blocks") {
                try await answer(request)
            }
        }
    }

    private func answer(_ request: Request) async throws -> EditedResponse<ShopperAnswer> {
        // The token first: a caller without it learns nothing, not even which parameters are wrong.
        let token = request.uri.formQueryParameters["token"].map(String.init)
        try authorize(presented: request.headers[.authorization].flatMap(Self.bearer) ?? token)
        let query = try ShopperQuery(request, accepting: Self.parameters)
        let storefront = try query.storefront(in: storefronts)
        guard let email = query.text("email") else { throw APIError.missingParameter("email") }
        guard email.count <= 254, email.contains("@"), !email.contains(where: \.isWhitespace) else {
            throw APIError.invalidParameter("email must be an email address")
        }
        let typeName = try query.choice(
            "type", of: EmailBlockType.allCases.map(\.rawValue), default: EmailBlockType.recommended.rawValue)
        let type = EmailBlockType(rawValue: typeName) ?? .recommended
        let limit = try query.integer("limit", in: 1...Self.maxLimit) ?? 4
        let format = try query.choice("format", of: ["html", "json"], default: "html")
        let columns = try query.integer("columns", in: EmailBlockRenderer.columnRange) ?? EmailBlockRenderer.defaultColumns
        let campaign = query.text("campaign") ?? type.rawValue
        guard campaign.count <= 100 else { throw APIError.invalidParameter("campaign must be at most 100 characters") }
        let block = try await service.block(type, email: email, storefront: storefront, limit: limit)
        let body: ShopperAnswer
        if format == "html" {
            body = .html(renderer.render(
                block.items, campaign: .init(campaign: campaign), baseURL: storefront.baseURL, columns: columns))
        } else {
            body = .json(block)
        }
        return EditedResponse(headers: [.cacheControl: ShopperAnswer.cacheControl(shared: false)], response: body)
    }

    private func authorize(presented: String?) throws(APIError) {
        guard let accessToken else {
            throw APIError(
                .forbidden, code: "email_blocks_disabled",
                message: "email blocks are off until an access token is configured (CLERKBRIDGE_EMAIL_BLOCKS_TOKEN)")
        }
        guard let presented, WebhookAuthenticator.constantTimeEqual(Array(presented.utf8), Array(accessToken.utf8)) else {
            throw APIError(
                .unauthorized, code: "unauthenticated",
                message: "email blocks need the access token as Authorization: Bearer or token=")
        }
    }

    static func bearer(_ header: String) -> String? {
        let prefix = "bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else { return nil }
        return String(header.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }
}
