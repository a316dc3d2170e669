import Foundation
import Sandbox
import SyncEngine
import Testing

@Suite("verify against the sandbox", .serialized)
struct VerifyIntegrationTests {
    @Test func verifyFindsATamperedAMissingAndAStrayDocument() async throws {
        let harness = try await Harness.start(products: 300)
        let targets = try await harness.targets()
        _ = try await harness.reindexer.run(targets)
        let verifier = Verifier(
            reader: harness.reader, clerk: harness.clerk, writer: harness.writer, store: harness.store, retry: harness.retry,
            logger: harness.logger)
        #expect(try await verifier.run(targets).ok)

        let key = targets[0].clerkKeys.publicKey
        let ids = harness.sandbox.clerkStorage.products(publicKey: key).keys.sorted()
        #expect(harness.sandbox.clerkStorage.tamperProduct(publicKey: key, id: ids[0], attribute: "price", value: 0.01))
        try await harness.clerk.deleteProducts(ids: [ids[1]], keys: targets[0].clerkKeys)
        #expect(harness.sandbox.store.deleteProduct(id: ids[2]))

        let report = try await verifier.run(targets)
        #expect(!report.ok)
        let main = try #require(report.storefronts.first { $0.name == targets[0].name })
        #expect(main.differences.contains(VerifyDifference(entity: "product", id: ids[0], kind: .different, fields: ["price"])))
        #expect(main.differences.contains(VerifyDifference(entity: "product", id: ids[1], kind: .missing)))
        #expect(main.differences.contains(VerifyDifference(entity: "product", id: ids[2], kind: .unexpected)))
        #expect(main.differences.count == 3)
        await harness.shutdown()
    }
}
