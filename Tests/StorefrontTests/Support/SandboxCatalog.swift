import AsyncHTTPClient
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Sandbox
import StorefrontRegistry
import SyncStore

@testable import Storefront

/// A small catalog in the mirror and in the Clerk sandbox, as after a reindex, for the storefront services.
///
/// Ten products: id 1…10 sold 10×id times, in category 5 when even and 7 when odd; product 4 hidden, 6 out of
/// stock; pages under `https://shop.example.com`.
enum SandboxCatalog {
    static let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))

    /// Runs `body` with the sandbox, a Clerk client, the mirror and the storefront `main`, then stops them.
    static func with(
        _ body: (SandboxServer, ClerkClient, SQLiteSyncStore, ResolvedStorefront) async throws -> Void
    ) async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), logger: Logger(label: "test"))
            let store = try SQLiteSyncStore.inMemory()
            let documents = (1...10).map { id in
                let categories = id % 2 == 0 ? "[5]" : "[7]"
                return StoredDocument(id: id, contentHash: "h\(id)", json: Array(
                    #"{"categories":\#(categories),"id":\#(id),"in_stock":\#(id != 6),"index":\#(id != 4),"name":"P\#(id)","price":\#(id),"total_sold":\#(id * 10),"url":"https://shop.example.com/p\#(id)/"}"#.utf8))
            }
            try await store.upsertMirror(storefront: "main", entity: .product, documents: documents)
            let keys = ClerkStoreKeys(publicKey: sandbox.clerkStores[0].publicKey, privateKey: sandbox.clerkStores[0].privateKey)
            try await clerk.upsertProducts(documents.map { RawDocument(id: $0.id, json: $0.json) }, keys: keys)
            try await body(sandbox, clerk, store, ResolvedStorefront(
                storefront: Storefront(
                    name: "main", channelID: 1, currency: "USD", locale: "en", baseURL: "https://shop.example.com"),
                clerkKeys: keys, currency: usd))
        } catch {
            try await http.shutdown()
            await sandbox.shutdown()
            throw error
        }
        try await http.shutdown()
        await sandbox.shutdown()
    }
}
