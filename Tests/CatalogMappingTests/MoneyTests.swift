import CatalogMapping
import Foundation
import Testing

/// mapping.md §5: rounding, price lists and exchange rates.
@Suite struct MoneyTests {
    typealias F = Fixtures

    @Test func roundsHalfAwayFromZero() {
        #expect(Money.round(F.d("2.345"), places: 2) == F.d("2.35"))
        #expect(Money.round(F.d("-2.345"), places: 2) == F.d("-2.35"))
        #expect(Money.round(F.d("2.3449"), places: 2) == F.d("2.34"))
        #expect(Money.round(F.d("12.5"), places: 0) == 13)
        #expect(Money.round(F.d("-12.5"), places: 0) == -13)
    }

    @Test func defaultCurrencyAmountsAreOnlyRounded() throws {
        var product = F.product()
        product.calculatedPrice = F.d("18.455")
        let records = [F.record(0, currency: "USD", calculated: 1)]
        let attributes = try F.attributes(product, F.context(currency: F.usd, records: records))
        #expect(attributes["price"] == .number(F.d("18.46")))
        #expect(attributes["list_price"] == .number(25))
    }

    @Test func otherCurrencyConvertsWithTheExchangeRate() throws {
        let attributes = try F.attributes(F.product(), F.context(currency: F.eur))
        #expect(attributes["price"] == .number(F.d("16.2")))
        #expect(attributes["list_price"] == .number(F.d("22.5")))
    }

    @Test func priceRecordOverridesEachFieldOfTheSameName() throws {
        var product = F.product()
        product.variants = [F.variant(10, options: [("Size", "S")])]
        let records = [F.record(10, currency: "EUR", calculated: F.d("14.99"), retail: F.d("21"))]
        let attributes = try F.attributes(product, F.context(currency: F.eur, records: records))
        #expect(attributes["price"] == .number(F.d("14.99")))
        #expect(attributes["list_price"] == .number(21))
        #expect(attributes["variant_list_prices"] == F.numbers(["21"]))
        let withPrice = [F.record(10, currency: "EUR", calculated: F.d("14.99"), price: F.d("30"), retail: F.d("21"))]
        #expect(try F.attributes(product, F.context(currency: F.eur, records: withPrice))["list_price"] == .number(30))
    }

    @Test func zeroDecimalCurrencyRoundsToWholeUnits() throws {
        var product = F.product()
        product.calculatedPrice = F.d("18.99")
        product.variants = [F.variant(10, options: [("Size", "S")]), F.variant(11, options: [("Size", "M")])]
        let records = [F.record(11, currency: "JPY", calculated: F.d("1999.5"))]
        let attributes = try F.attributes(product, F.context(currency: F.jpy, records: records))
        #expect(attributes["variant_prices"] == F.numbers(["2849", "2000"]))
        #expect(attributes["price"] == .number(2000))
        #expect(attributes["list_price"] == .number(3750))
    }
}
