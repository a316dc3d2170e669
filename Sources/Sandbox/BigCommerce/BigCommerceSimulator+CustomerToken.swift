import Foundation
import Hummingbird
import JSONSupport

/// The storefront's Current Customer API (reference §7.4): `GET /customer/current.jwt?app_client_id=ID` on the
/// simulator's origin, outside `/stores/{hash}/` and without an access token, as on a real storefront.
///
/// BigCommerce knows the shopper from its session cookie; the sandbox stands that in with a cookie
/// `sandbox_customer_id=N` naming the logged-in customer. A guest (no or an unknown customer), a wrong
/// `app_client_id` or a sandbox without a client secret gets 404. The body is `{"token":"<jwt>"}`
/// (UNCONFIRMED: the reference does not show the response envelope).
extension BigCommerceSimulator {
    /// The cookie naming the logged-in customer.
    static let customerCookie = "sandbox_customer_id"

    func currentCustomerToken(_ request: Request) -> Response {
        let query = QueryParameters(request.uri.query)
        guard query["app_client_id"] == appClientID, let secret = webhooks.clientSecret, !secret.isEmpty,
            let id = Self.cookie(Self.customerCookie, in: request.headers.value("Cookie")).flatMap({ Int($0) }),
            let customer = store.customer(id: id)
        else {
            return .json(.notFound, Array(#"{"status":404,"title":"Not Found"}"#.utf8))
        }
        let token = SandboxCustomerToken.mint(customer: customer, storeHash: storeHash, clientSecret: secret, issuedAt: Date())
        var writer = JSONWriter(capacity: token.utf8.count + 16)
        writer.openObject()
        writer.field("token", token)
        writer.closeObject()
        return .json(.ok, writer.bytes, headers: [.cacheControl: "no-store"])
    }

    /// The value of cookie `name` in a `Cookie` header (`a=1; b=2`), or nil.
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name { return parts[1] }
        }
        return nil
    }
}
