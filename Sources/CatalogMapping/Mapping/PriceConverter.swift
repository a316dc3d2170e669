import Foundation

/// `money(x)` of mapping.md §2 and §5 for one product in one storefront.
struct PriceConverter {
    /// Which amount of a variant (or product) is converted; a price record's field of the same name overrides it.
    enum Amount {
        case calculatedPrice
        case price
        case retailPrice
    }

    private let showsDefaultCurrency: Bool
    private let exchangeRate: Decimal
    private let decimalPlaces: Int
    private let priceRecords: [Int: SourcePriceRecord]

    init(context: CatalogContext) {
        showsDefaultCurrency = context.showsDefaultCurrency
        exchangeRate = context.storefrontCurrency.exchangeRate
        decimalPlaces = context.storefrontCurrency.decimalPlaces
        priceRecords = context.priceRecords
    }

    /// The amount of `variant` in the storefront currency, rounded; a `nil` variant amount inherits the product's.
    func money(_ amount: Amount, of variant: SourceVariant, in product: SourceProduct) -> Decimal {
        let base: Decimal
        let override: Decimal?
        let record = showsDefaultCurrency ? nil : priceRecords[variant.id]
        switch amount {
        case .calculatedPrice:
            base = variant.calculatedPrice ?? product.calculatedPrice
            override = record?.calculatedPrice
        case .price:
            base = variant.price ?? product.price
            override = record?.price
        case .retailPrice:
            base = variant.retailPrice ?? product.retailPrice
            override = record?.retailPrice
        }
        if showsDefaultCurrency {
            return Money.round(base, places: decimalPlaces)
        }
        if let override {
            return Money.round(override, places: decimalPlaces)
        }
        return Money.round(base * exchangeRate, places: decimalPlaces)
    }

    /// The `list_price` rule for one variant: the largest non-zero of its calculated price, price and retail
    /// price; `nil` when all are zero.
    func listPrice(of variant: SourceVariant, in product: SourceProduct) -> Decimal? {
        var best: Decimal?
        for amount in [Amount.calculatedPrice, .price, .retailPrice] {
            let value = money(amount, of: variant, in: product)
            if !value.isZero, best.map({ value > $0 }) ?? true {
                best = value
            }
        }
        return best
    }
}
