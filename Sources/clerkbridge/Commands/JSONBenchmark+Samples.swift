import AsyncHTTPClient
import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Sandbox
import StorefrontRegistry
import SyncEngine

/// Two raw product pages from the sandbox, the same 250 products, once with one of them malformed.
struct SamplePages {
    var clean: [UInt8]
    var broken: [UInt8]

    static func fetch(from sandbox: SandboxServer, http: HTTPClient) async throws -> SamplePages {
        let url = sandbox.bigCommerceURL.absoluteString
            + "/stores/\(sandbox.storeHash)/v3/catalog/products?sort=id&direction=asc&id:greater=0&limit=250"
            + "&include=images,custom_fields,channels,variants"
        func page() async throws -> [UInt8] {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "X-Auth-Token", value: sandbox.accessToken)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await http.execute(request, timeout: .seconds(30))
            return Array(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        }
        let clean = try await page()
        let middle = sandbox.store.allProducts().sorted { $0.id < $1.id }[125].id
        sandbox.bigCommerceFaults.configure { $0.malformedProductIDs = [middle] }
        defer { sandbox.bigCommerceFaults.configure { $0.malformedProductIDs = [] } }
        return SamplePages(clean: clean, broken: try await page())
    }

    /// The page's products mapped for every sandbox storefront (price-list records left out).
    static func documents(of page: [UInt8], sandbox: SandboxServer, http: HTTPClient, logger: Logger) async throws
        -> [ClerkDocument]
    {
        let client = BigCommerceClient(
            credentials: BigCommerceCredentials(
                storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL),
            httpClient: http, governor: RateGovernor(), logger: logger)
        let catalog = try await StoreCatalog.load(from: client)
        let storefronts = try await StorefrontDiscovery(client: client).resolve(
            sandbox.clerkStores.map {
                DeclaredStorefront(
                    name: $0.name, channelID: $0.channelID, currency: $0.currency,
                    clerkKeys: ClerkStoreKeys(publicKey: $0.publicKey, privateKey: $0.privateKey))
            }
        ).map(\.storefront)
        let products = try BigCommerceClient.decodeProductPage(page, pageSize: 250)
            .products
        var documents: [ClerkDocument] = []
        for storefront in storefronts {
            let context = try catalog.context(
                for: storefront, categories: catalog.categoryIndex(for: storefront), priceRecords: [:])
            for product in products {
                let source = CatalogAdapter.product(product, variants: product.variants ?? [])
                if case .listed(let document) = ProductMapper.map(source, in: context) { documents.append(document) }
            }
        }
        return documents
    }
}
