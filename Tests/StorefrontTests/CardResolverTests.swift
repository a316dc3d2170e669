import CatalogMapping
import Foundation
import StorefrontRegistry
import SyncStore
import Testing

@testable import Storefront

/// Clerk's ids become product cards from the catalog mirror, in Clerk's order, in the storefront's currency.
@Suite struct CardResolverTests {
    let eur = SourceCurrency(
        code: "EUR", exchangeRate: Decimal(string: "0.92")!, decimalPlaces: 2, isDefault: false,
        display: CurrencyDisplay(token: "€", tokenOnLeft: false, decimalToken: ",", thousandsToken: "."))

    func document(_ id: Int, _ fields: String) -> StoredDocument {
        StoredDocument(id: id, contentHash: "h\(id)", json: Array(#"{"id":\#(id),\#(fields)}"#.utf8))
    }

    func mirror() async throws -> SQLiteSyncStore {
        let store = try SQLiteSyncStore.inMemory()
        try await store.upsertMirror(storefront: "eu", entity: .product, documents: [
            document(1, #""name":"Trail shoe","url":"https://eu.example.com/trail-shoe/","image":"https://cdn.example.com/1.jpg","price":1234.5,"list_price":1499.99,"on_sale":true,"in_stock":true,"brand":"Acme","rating":4.25,"review_count":8,"index":true"#),
            document(2, #""name":"Sock","price":19.99,"on_sale":false,"in_stock":false,"index":true"#),
            document(3, #""name":"Hidden","price":5,"in_stock":true,"index":false"#),
        ])
        return store
    }

    @Test func aChangedDocumentGivesTheChangedCardAndAnotherCurrencyItsOwnPrices() async throws {
        let store = try await mirror()
        let resolver = CardResolver(mirror: store)
        #expect(try await resolver.cards(for: [2], storefront: "eu", currency: eur).cards.first?.price?.formatted == "19,99 €")
        try await store.upsertMirror(storefront: "eu", entity: .product, documents: [
            StoredDocument(id: 2, contentHash: "h2-new", json: Array(#"{"id":2,"name":"Sock","price":9.5,"in_stock":true,"index":true}"#.utf8)),
        ])
        let changed = try await resolver.cards(for: [2], storefront: "eu", currency: eur).cards.first
        #expect(changed?.price?.formatted == "9,50 €" && changed?.inStock == true)
        var swiss = eur
        swiss.display = CurrencyDisplay(token: "CHF", tokenOnLeft: true, decimalToken: ".", thousandsToken: "'")
        #expect(try await resolver.cards(for: [2], storefront: "eu", currency: swiss).cards.first?.price?.formatted == "CHF9.50")
    }

    @Test func cardsKeepClerksOrderAndTheContractShapeWithExactMoney() async throws {
        let resolver = CardResolver(mirror: try await mirror())
        let resolution = try await resolver.cards(for: [2, 99, 1, 3, 2], storefront: "eu", currency: eur)
        #expect(resolution.cards.map(\.id) == [2, 1])
        #expect(resolution.dropped == [99, 3])
        let shoe = try #require(resolution.cards.last)
        #expect(shoe.price == ProductCard.Money(Decimal(string: "1234.5")!, in: eur))
        #expect(shoe.price?.formatted == "1.234,50 €" && shoe.listPrice?.formatted == "1.499,99 €")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(shoe), as: UTF8.self)
        #expect(json == #"{"brand":"Acme","id":1,"image":"https://cdn.example.com/1.jpg","in_stock":true,"list_price":{"currency":"EUR","formatted":"1.499,99 €","value":1499.99},"name":"Trail shoe","on_sale":true,"price":{"currency":"EUR","formatted":"1.234,50 €","value":1234.5},"rating":4.25,"review_count":8,"url":"https://eu.example.com/trail-shoe/"}"#)
        let sock = String(decoding: try encoder.encode(resolution.cards[0]), as: UTF8.self)
        #expect(!sock.contains("null") && !sock.contains("list_price") && sock.contains(#""value":19.99"#))
    }

    @Test func outOfStockProductsAreDroppedWhenAskedAndOtherStorefrontsSeeNothing() async throws {
        let resolver = CardResolver(mirror: try await mirror())
        let inStock = try await resolver.cards(for: [1, 2], storefront: "eu", currency: eur, inStockOnly: true)
        #expect(inStock.cards.map(\.id) == [1] && inStock.dropped == [2])
        let elsewhere = try await resolver.cards(for: [1, 2], storefront: "us", currency: eur)
        #expect(elsewhere.cards.isEmpty && elsewhere.dropped == [1, 2])
    }
}
