import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import StorefrontRegistry
import SyncEngine
import Testing

/// The pure rules of mapping.md §4–5 the sale logger applies: which storefront, which lines, which price.
@Suite("sale rules")
struct SaleRulesTests {
    static func target(_ name: String, channel: Int, currency: String, locale: String = "en") -> ResolvedStorefront {
        ResolvedStorefront(
            storefront: Storefront(name: name, channelID: channel, currency: currency, locale: locale, baseURL: "https://x.example"),
            clerkKeys: ClerkStoreKeys(publicKey: "\(name)-pub", privateKey: "\(name)-priv"),
            currency: SourceCurrency(code: currency, exchangeRate: 1, decimalPlaces: 2, isDefault: currency == "USD"))
    }

    static func order(channel: Int = 1, display: String = "USD", paid: String? = nil, locale: String = "en") -> Order {
        Order(
            id: 42, customerID: 0, channelID: channel, statusID: 11, status: "Awaiting Fulfillment",
            dateCreated: Date(timeIntervalSince1970: 1_800_000_000), dateModified: nil, currencyCode: display,
            defaultCurrencyCode: paid ?? display, currencyExchangeRate: 1, customerLocale: locale, cartID: nil,
            billingEmail: "a@example.com", billingFirstName: "", billingLastName: "", isDeleted: false)
    }

    static func line(
        id: Int = 1, product: Int = 7, type: String = "physical", quantity: Int = 1, price: String, discounted: String? = nil,
        parent: Int? = nil, bundled: Bool = false
    ) -> OrderProduct {
        OrderProduct(
            id: id, orderID: 42, productID: product, variantID: 0, type: type, quantity: quantity,
            priceIncTax: Decimal(string: price)!, discountedTotalIncTax: discounted.flatMap { Decimal(string: $0) },
            isRefunded: false, quantityRefunded: 0, parentOrderProductID: parent, isBundledProduct: bundled)
    }

    static let catalog = StoreCatalog(
        storeCurrency: SourceCurrency(code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true),
        currencies: [
            "USD": SourceCurrency(code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true),
            "EUR": SourceCurrency(code: "EUR", exchangeRate: Decimal(string: "0.8")!, decimalPlaces: 2, isDefault: false),
            "JPY": SourceCurrency(code: "JPY", exchangeRate: 150, decimalPlaces: 0, isDefault: false),
        ],
        brands: [:], treeByChannel: [:], categories: [], priceLists: [], priceListAssignments: [])

    @Test func theStorefrontIsTheChannelsOneInTheDisplayCurrencyThenLocaleThenTheFirst() {
        let targets = [
            Self.target("us", channel: 1, currency: "USD"),
            Self.target("eu-en", channel: 2, currency: "EUR", locale: "en"),
            Self.target("eu-fr", channel: 2, currency: "EUR", locale: "fr"),
            Self.target("gb", channel: 2, currency: "GBP"),
        ]
        #expect(SaleLogger.storefront(for: Self.order(channel: 2, display: "GBP"), among: targets)?.name == "gb")
        #expect(SaleLogger.storefront(for: Self.order(channel: 2, display: "EUR", locale: "fr"), among: targets)?.name == "eu-fr")
        #expect(SaleLogger.storefront(for: Self.order(channel: 2, display: "EUR", locale: "de"), among: targets)?.name == "eu-en")
        #expect(SaleLogger.storefront(for: Self.order(channel: 2, display: "CHF"), among: targets)?.name == "eu-en")
        #expect(SaleLogger.storefront(for: Self.order(channel: 1, display: "eur"), among: targets)?.name == "us")
        #expect(SaleLogger.storefront(for: Self.order(channel: 3), among: targets) == nil)
    }

    @Test func onlyTopLevelCatalogLinesAreSold() {
        #expect(SaleLogger.isSaleLine(Self.line(price: "1")))
        #expect(!SaleLogger.isSaleLine(Self.line(product: 0, price: "1")))
        #expect(!SaleLogger.isSaleLine(Self.line(type: "giftcertificate", price: "25")))
        #expect(!SaleLogger.isSaleLine(Self.line(price: "0", parent: 1, bundled: true)))
        #expect(!SaleLogger.isSaleLine(Self.line(price: "0", parent: 1)))
        #expect(!SaleLogger.isSaleLine(Self.line(quantity: 0, price: "1")))
    }

    @Test func theUnitPriceIsTheDiscountedTotalPerUnitElseThePrice() throws {
        let order = Self.order()
        #expect(try SaleLogger.unitPrice(Self.line(quantity: 3, price: "10.00", discounted: "25.00"), order: order, currency: "USD", catalog: Self.catalog)
            == Decimal(string: "8.33")!)
        #expect(try SaleLogger.unitPrice(Self.line(quantity: 2, price: "19.99"), order: order, currency: "USD", catalog: Self.catalog)
            == Decimal(string: "19.99")!)
        // Half away from zero: 0.125 → 0.13.
        #expect(try SaleLogger.unitPrice(Self.line(quantity: 2, price: "1", discounted: "0.25"), order: order, currency: "USD", catalog: Self.catalog)
            == Decimal(string: "0.13")!)
    }

    @Test func amountsAreConvertedThroughTheStoreDefaultCurrency() throws {
        let paidInEUR = Self.order(display: "EUR", paid: "EUR")
        // 10 EUR → 12.5 USD → 1875 JPY (0 decimals).
        #expect(try SaleLogger.unitPrice(Self.line(price: "10"), order: paidInEUR, currency: "JPY", catalog: Self.catalog) == 1875)
        #expect(try SaleLogger.unitPrice(Self.line(price: "10"), order: paidInEUR, currency: "USD", catalog: Self.catalog) == Decimal(string: "12.5")!)
        #expect(try SaleLogger.unitPrice(Self.line(price: "10.005"), order: paidInEUR, currency: "EUR", catalog: Self.catalog) == Decimal(string: "10.01")!)
        #expect(throws: SaleLoggerError.unknownCurrency(orderID: 42, currency: "CHF")) {
            try SaleLogger.unitPrice(Self.line(price: "10"), order: Self.order(paid: "CHF"), currency: "USD", catalog: Self.catalog)
        }
    }
}
