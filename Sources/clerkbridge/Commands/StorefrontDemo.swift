import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Reliability
import Sandbox
import Server
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// The demo's storefront step: `serve`'s shopper routes answer every placement for the pages the shopper of
/// the tracking step saw, as product cards resolved from the mirror in the storefront's currency; a search
/// with the store's facets and a sort; then an email block for that shopper is written to a file.
struct StorefrontDemo {
    let sandbox: SandboxServer
    let runtime: Runtime
    let targets: [ResolvedStorefront]
    let checks: DemoChecks
    let shopper: ShopperTrackingDemo.Shopper?

    func run() async throws {
        print("\n8. The storefront's placements, a search and an email block, from Clerk and the catalog mirror")
        let token = "demo-" + UUID().uuidString
        let emailBlocks = EmailBlocksEndpoint(
            service: EmailBlockService(
                clerk: runtime.clerk, mirror: runtime.store, carts: StoredAbandonedCarts(baskets: runtime.store)),
            storefronts: runtime.storefronts,
            renderer: try EmailBlockRenderer(), accessToken: token)
        let routes: [any ShopperRoute] = [
            try StorefrontServing.recommendations(runtime: runtime),
            try StorefrontServing.search(runtime: runtime),
            emailBlocks,
        ]
        let server: RunningServer
        do {
            server = try await RunningServer.start(logger: runtime.logger) { onRunning in
                ServeCommand.application(
                    runtime: runtime, authenticator: WebhookAuthenticator(sharedSecret: token, clientSecret: nil),
                    signal: WorkSignal(), services: [], shopperRoutes: routes, port: 0, onRunning: onRunning)
            }
        } catch {
            checks.fail("serve did not start: \(error)")
            return
        }
        do {
            try await serve(origin: "http://127.0.0.1:\(server.port)", emailToken: token)
        } catch {
            checks.fail("the storefront step stopped: \(error)")
        }
        try? await server.stop()
    }

    private func serve(origin: String, emailToken: String) async throws {
        guard let main = targets.first(where: { $0.storefront.channelID == 1 }),
            let product = sandbox.store.allProducts().first(where: {
                $0.channels.contains(1) && $0.isVisible && !$0.categories.isEmpty
            })
        else {
            checks.fail("the sandbox has no channel-1 storefront or visible product")
            return
        }
        let visitor = shopper?.visitor ?? "demovisitor"
        let pages: [(placement: String, context: String)] = [
            ("home", "visitor=\(visitor)"),
            ("category", "category=\(product.categories[0])&visitor=\(visitor)"),
            ("product_alternatives", "product=\(product.id)&visitor=\(visitor)"),
            ("product_complementary", "product=\(product.id)&visitor=\(visitor)"),
            ("cart", "cart=\(product.id)&visitor=\(visitor)"),
            ("post_purchase", "order=\(shopper?.orderID ?? 1)&visitor=\(visitor)"),
        ]
        print("   storefront \(main.name), shopper visitor \(visitor), product \(product.id) in category \(product.categories[0])")
        for page in pages {
            let (status, body) = try await get("\(origin)/v1/recommendations?placement=\(page.placement)&limit=4&\(page.context)")
            let answer = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
            let items = answer["items"] as? [[String: Any]] ?? []
            let listed = items.map { item in
                "\(item["name"] as? String ?? "?") \((item["price"] as? [String: Any])?["formatted"] as? String ?? "")"
            }
            print("   \(page.placement) (\(answer["source"] as? String ?? "-"), \(answer["api"] as? String ?? "no Clerk call")):")
            for line in listed { print("     \(line)") }
            checks.expect(
                status == 200 && answer["source"] as? String == "clerk" && !items.isEmpty
                    && items.allSatisfy { ($0["price"] as? [String: Any])?["currency"] as? String == answer["currency"] as? String },
                "\(page.placement): Clerk's products as cards in \(answer["currency"] as? String ?? "?")")
        }

        try await search(origin: origin, word: product.name.split(separator: " ").first.map(String.init) ?? "jacket")

        guard let shopper else {
            checks.fail("no shopper from the tracking step for the email block")
            return
        }
        var request = HTTPClientRequest(url: "\(origin)/v1/email/blocks?type=recommended&limit=4&email=\(shopper.email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        request.headers.add(name: "Authorization", value: "Bearer \(emailToken)")
        let response = try await runtime.http.execute(request, timeout: .seconds(10))
        let html = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("clerkbridge-demo-email-block.html")
        try Data(html.utf8).write(to: file)
        let links = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        print("   email block for \(shopper.email) (recommended): \(links.count) products, written to \(file.path)")
        checks.expect(
            response.status.code == 200 && !links.isEmpty
                && links.allSatisfy { $0.hasPrefix("https://") && $0.contains("utm_campaign=recommended") },
            "the email block is HTML with absolute, UTM-tagged links only")
    }

    /// A search for `word`, cheapest first, with the store's facets; then the same narrowed to its first brand.
    private func search(origin: String, word: String) async throws {
        let query = word.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "jacket"
        let (status, body) = try await get("\(origin)/v1/search?q=\(query)&sort=priceasc&limit=5")
        let answer = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        let items = answer["items"] as? [[String: Any]] ?? []
        let facets = answer["facets"] as? [[String: Any]] ?? []
        print("   search \"\(word)\", sort priceasc: \(answer["total"] as? Int ?? 0) products; the cheapest:")
        for item in items {
            print("     \(item["name"] as? String ?? "?") \((item["price"] as? [String: Any])?["formatted"] as? String ?? "")")
        }
        print("   facets, as the store's Product Filtering settings name and order them:")
        for facet in facets {
            let values = (facet["values"] as? [[String: Any]] ?? []).prefix(4).map { value in
                let label = value["label"] as? String ?? "\(value["min"] ?? "")–\(value["max"] ?? "")"
                return "\(label) (\(value["count"] as? Int ?? 0))"
            }
            print("     \(facet["name"] as? String ?? "?") [\(facet["attribute"] as? String ?? "?")]: \(values.joined(separator: ", "))")
        }
        let prices = items.compactMap { ($0["price"] as? [String: Any])?["value"] as? Double }
        checks.expect(
            status == 200 && !items.isEmpty && prices == prices.sorted() && !facets.isEmpty,
            "search: Clerk's results as cards, cheapest first, with the store's facets")
        let brands = facets.first { $0["attribute"] as? String == "brand" }?["values"] as? [[String: Any]] ?? []
        guard let brand = brands.first?["value"] as? String else { return }
        let encoded = brand.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? brand
        let (narrowStatus, narrowBody) = try await get("\(origin)/v1/search?q=\(query)&sort=priceasc&limit=5&brand=\(encoded)")
        let narrowed = (try? JSONSerialization.jsonObject(with: Data(narrowBody.utf8))) as? [String: Any] ?? [:]
        let narrowedItems = narrowed["items"] as? [[String: Any]] ?? []
        print("   narrowed to brand \(brand): \(narrowed["total"] as? Int ?? 0) products")
        checks.expect(
            narrowStatus == 200 && !narrowedItems.isEmpty && narrowedItems.allSatisfy { $0["brand"] as? String == brand },
            "the brand filter reaches Clerk quoted and only that brand comes back")
    }

    private func get(_ url: String) async throws -> (Int, String) {
        let response = try await runtime.http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
}
