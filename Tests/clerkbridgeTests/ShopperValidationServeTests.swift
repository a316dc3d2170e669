import Foundation
import Testing

@testable import clerkbridge

/// One validation rule for every shopper route, through `serve` on loopback: a parameter the route does not take,
/// or a single-valued one given twice, is a 400 naming it; an option or custom-field filter the storefront's
/// catalog does not have is a 400 naming it and listing those it has.
@Suite("shopper parameter validation through serve", .serialized)
struct ShopperValidationServeTests {
    static let token = "email-token-for-validation"

    @Test func everyShopperRouteRefusesUnknownAndRepeatedParametersByName() async throws {
        let serve = try await ShopperServe.start(productCount: 40) { $0.emailBlocksToken = Self.token }
        let auth = [("Authorization", "Bearer \(Self.token)")]
        let cases: [(path: String, named: String)] = [
            ("/v1/recommendations?placement=home&foo=bar", "foo"),
            ("/v1/recommendations?placement=home&placement=cart", "placement"),
            ("/v1/recommendations?placement=home&limit=2&limit=2", "limit"),
            ("/v1/search?q=a&foo=bar", "foo"),
            ("/v1/search?q=a&q=b", "q"),
            ("/v1/search?price_min=1&price_min=1", "price_min"),
            ("/v1/search/predictive?q=a&page=2", "page"),
            ("/v1/search/predictive?q=a&q=b", "q"),
            ("/v1/email/blocks?email=a@example.com&foo=bar", "foo"),
            ("/v1/email/blocks?email=a@example.com&type=recommended&type=abandoned_cart", "type"),
        ]
        for (path, named) in cases {
            let answer = try await serve.get(path, headers: auth)
            let error = answer.json["error"] as? [String: Any]
            #expect(answer.status == 400 && error?["code"] as? String == "invalid_parameter", "\(path): \(answer.status) \(answer.text)")
            #expect((error?["message"] as? String)?.contains(named) == true, "\(path): \(answer.text)")
        }
        // Repeated filters are alternatives, as contract.md says.
        let brands = try await serve.get("/v1/search?brand=Acme&brand=Zed&category=1&category=2")
        #expect(brands.status == 200, "\(brands.text)")
        // Without the token, the email route says nothing about parameters.
        #expect(try await serve.get("/v1/email/blocks?email=a@example.com&foo=bar").status == 401)
        try await serve.stop()
    }

    @Test func aFilterOnAnOptionTheCatalogDoesNotHaveIsNamedWithTheOnesItHas() async throws {
        let serve = try await ShopperServe.start(productCount: 60)
        let main = try #require(serve.targets.first)
        let mirrored = try await serve.runtime.store.mirrored(storefront: main.name, entity: .product, ids: Array(1...2_000))
        let attributes = Set(mirrored.values.flatMap { document -> [String] in
            let object = (try? JSONSerialization.jsonObject(with: Data(document.json))) as? [String: Any] ?? [:]
            return object.keys.filter { $0.hasPrefix("option_") || $0.hasPrefix("cf_") }
        })
        try #require(attributes.contains("option_color"), "the sandbox catalog has a Color option")

        let colour = try await serve.get("/v1/search?option_colour=Red")
        #expect(colour.status == 400, "\(colour.text)")
        let message = ((colour.json["error"] as? [String: Any])?["message"] as? String) ?? ""
        #expect(message.contains("option_colour") && message.contains("option_color"), "\(message)")
        #expect(!message.contains("cf_"), "only the options are listed for an option filter: \(message)")
        #expect(try await serve.get("/v1/search?cf_nothing_like_it=1").status == 400)
        // The option the catalog has, spelt as BigCommerce shows it, is fine.
        let color = try await serve.get("/v1/search?option_Color=Red")
        #expect(color.status == 200, "\(color.text)")
        try await serve.stop()
    }
}
