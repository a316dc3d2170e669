import Foundation
import Testing

@testable import CatalogMapping

/// Money as shoppers see it, per the store's currency settings.
@Suite struct CurrencyDisplayTests {
    func amount(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test func symbolsSeparatorsAndGroupingFollowTheCurrency() {
        let usd = SourceCurrency(
            code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
            display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))
        let eur = SourceCurrency(
            code: "EUR", exchangeRate: amount("0.92"), decimalPlaces: 2, isDefault: false,
            display: CurrencyDisplay(token: "€", tokenOnLeft: false, decimalToken: ",", thousandsToken: "."))
        let jpy = SourceCurrency(
            code: "JPY", exchangeRate: 150, decimalPlaces: 0, isDefault: false,
            display: CurrencyDisplay(token: "¥", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))
        #expect(usd.format(amount("1234.5")) == "$1,234.50")
        #expect(usd.format(amount("0.005")) == "$0.01")
        #expect(usd.format(amount("999.995")) == "$1,000.00")
        #expect(usd.format(amount("1234567.891")) == "$1,234,567.89")
        #expect(eur.format(amount("1234.5")) == "1.234,50 €")
        #expect(jpy.format(amount("1999.5")) == "¥2,000")
        #expect(jpy.format(amount("12")) == "¥12")
    }

    @Test func halvesRoundAwayFromZeroAndNegativesKeepTheirSign() {
        let display = CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ",")
        #expect(display.format(amount("2.345"), decimalPlaces: 2) == "$2.35")
        #expect(display.format(amount("-2.345"), decimalPlaces: 2) == "-$2.35")
        #expect(display.format(amount("-0.004"), decimalPlaces: 2) == "$0.00", "no negative zero")
        #expect(display.format(amount("100"), decimalPlaces: 3) == "$100.000")
    }

    @Test func withoutSettingsTheCodeFollowsTheAmount() {
        let plain = SourceCurrency(code: "DKK", exchangeRate: 7, decimalPlaces: 2, isDefault: false)
        #expect(plain.format(amount("10")) == "10.00 DKK")
        let bare = CurrencyDisplay(token: "", tokenOnLeft: true, decimalToken: ".", thousandsToken: "")
        #expect(bare.format(amount("12345.6"), decimalPlaces: 1) == "12345.6")
    }
}
