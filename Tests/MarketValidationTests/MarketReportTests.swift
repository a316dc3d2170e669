import Foundation
import Testing

@testable import MarketValidation

/// The report's contract shape and the link rule, without a sandbox.
@Suite struct MarketReportTests {
    @Test func theReportIsContractShapedAndListsItsProblemsByStorefront() throws {
        let report = MarketReport(storefronts: [
            .init(name: "main", currency: "USD", locale: "en", checks: [
                .init(.placement("home"), ok: true, detail: "8 products (clerk)"),
                .init(.prices, ok: false, detail: "product 7: 9.20 shown, 10 USD in BigCommerce"),
            ]),
            .init(name: "outlet", currency: "EUR", locale: "de", checks: [.init(.clerkLatency, ok: true, detail: "fast")]),
        ])
        #expect(!report.ok && report.storefronts.map(\.ok) == [false, true])
        #expect(report.problems == ["main: prices: product 7: 9.20 shown, 10 USD in BigCommerce"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(json.hasPrefix(#"{"ok":false,"storefronts":[{"checks":[{"check":"placement.home","detail":"8 products (clerk)","ok":true}"#), "\(json)")
        #expect(json.contains(#""currency":"EUR","locale":"de","name":"outlet""#))
    }

    @Test func aLinkIsOnTheStorefrontOnlyWithItsSchemeHostPortAndPath() {
        #expect(ProductChecks.isOn("https://shop.example.com/p/1/", base: "https://shop.example.com"))
        #expect(ProductChecks.isOn("https://shop.example.com/fr/p/1/", base: "https://shop.example.com/fr"))
        #expect(!ProductChecks.isOn("https://outlet.example.com/p/1/", base: "https://shop.example.com"))
        #expect(!ProductChecks.isOn("http://shop.example.com/p/1/", base: "https://shop.example.com"))
        #expect(!ProductChecks.isOn("https://shop.example.com:8443/p/1/", base: "https://shop.example.com"))
        #expect(!ProductChecks.isOn("https://shop.example.com/de/p/1/", base: "https://shop.example.com/fr"))
    }
}
