import Foundation
import Testing
@testable import SyncStore

/// The sales ledger: one sale per (storefront, order), its Clerk status and the units reported as returned.
@Suite("sales ledger", .closesStores)
struct SalesLedgerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let lines = [
        LoggedSaleLine(productID: 112, quantity: 2, price: Decimal(string: "19.99")!),
        LoggedSaleLine(productID: 7, quantity: 1, price: Decimal(string: "0.1")!),
    ]

    @Test(arguments: StoreBackend.all) func aSaleIsRecordedOncePerStorefrontAndTheFirstRecordWins(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        #expect(try await store.loggedSale(storefront: "main", orderID: 100) == nil)
        try await store.recordSale(storefront: "main", orderID: 100, visitor: "v1", lines: lines, at: t0)
        try await store.recordSale(
            storefront: "main", orderID: 100, visitor: "v2", lines: [], at: t0.addingTimeInterval(5))
        let sale = try #require(try await store.loggedSale(storefront: "main", orderID: 100))
        #expect(sale == LoggedSale(storefront: "main", orderID: 100, loggedAt: t0, visitor: "v1", lines: lines))
        #expect(sale.lines[0].price == Decimal(string: "19.99")!)
        #expect(try await store.loggedSale(storefront: "outlet", orderID: 100) == nil)
        try await store.recordSale(storefront: "outlet", orderID: 100, visitor: nil, lines: [], at: t0)
        #expect(try await store.loggedSale(storefront: "outlet", orderID: 100)?.visitor == nil)
    }

    @Test(arguments: StoreBackend.all) func statusAndReturnsFollowTheSale(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordSale(storefront: "main", orderID: 5, visitor: nil, lines: lines, at: t0)
        try await store.recordSaleStatus(storefront: "main", orderID: 5, status: "CANCELLED", at: t0.addingTimeInterval(1))
        try await store.recordReturned(storefront: "main", orderID: 5, lineID: 11, quantity: 1, at: t0)
        try await store.recordReturned(storefront: "main", orderID: 5, lineID: 11, quantity: 2, at: t0)
        try await store.recordReturned(storefront: "main", orderID: 5, lineID: 12, quantity: 1, at: t0)
        // A late, smaller total never lowers what was reported.
        try await store.recordReturned(storefront: "main", orderID: 5, lineID: 11, quantity: 1, at: t0)
        let sale = try #require(try await store.loggedSale(storefront: "main", orderID: 5))
        #expect(sale.clerkStatus == "CANCELLED")
        #expect(sale.statusAt == t0.addingTimeInterval(1))
        #expect(sale.returned == [11: 2, 12: 1])
    }

    @Test(arguments: StoreBackend.all) func statusOrReturnsWithoutASaleAreRefused(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        await #expect(throws: SyncStoreError.saleNotLogged(storefront: "main", orderID: 9)) {
            try await store.recordSaleStatus(storefront: "main", orderID: 9, status: "RETURNED", at: t0)
        }
        await #expect(throws: SyncStoreError.saleNotLogged(storefront: "main", orderID: 9)) {
            try await store.recordReturned(storefront: "main", orderID: 9, lineID: 1, quantity: 1, at: t0)
        }
        #expect(try await store.loggedSale(storefront: "main", orderID: 9) == nil)
    }

    @Test func theSalesMigrationIsApplied() async throws {
        let store = try SQLiteSyncStore.inMemory()
        #expect(try await store.appliedMigrations().contains("v5-sales"))
    }
}
