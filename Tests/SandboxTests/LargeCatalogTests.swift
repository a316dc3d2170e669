import Foundation
import Sandbox
import Testing

@Suite("Large catalog")
struct LargeCatalogTests {
    @Test func keysetAndDateFiltersUseIndexArithmetic() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 1_000_000)) { sandbox in
            let lastID = SandboxCatalog.firstProductID + SandboxCatalog.productIDStride * 999_999
            let page = try await Sandboxes.bc(sandbox, "/v3/catalog/products?sort=id&direction=asc&id%3Agreater=\(lastID - 9)&limit=250&include=variants")
            let ids = (page.object["data"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(ids == [lastID - 6, lastID - 3, lastID])
            let total = ((page.object["meta"] as? [String: Any])?["pagination"] as? [String: Any])?["total"] as? Int
            #expect(total == 3)

            let product = try #require(sandbox.store.product(id: 100 + 3 * 500_000))
            let since = Sandboxes.percentEncoded(ISO8601DateFormatter().string(from: product.dateModified))
            let modified = try await Sandboxes.bc(sandbox, "/v3/catalog/products?sort=date_modified&direction=asc&date_modified%3Amin=\(since)&limit=2")
            let modifiedIDs = (modified.object["data"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(modifiedIDs == [product.id, product.id + 3])
            let modifiedTotal = ((modified.object["meta"] as? [String: Any])?["pagination"] as? [String: Any])?["total"] as? Int
            #expect(modifiedTotal == 500_000)
        }
    }
}
