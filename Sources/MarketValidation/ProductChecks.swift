import CatalogMapping
import Foundation
import Storefront
import StorefrontRegistry
import SyncEngine

/// The checks on the products a storefront served, against what BigCommerce says they are now.
struct ProductChecks {
    let storefront: ResolvedStorefront
    let expected: [Int: CatalogExpectation.Expected]

    func checks(_ served: ServedProducts) -> [MarketReport.Check] {
        var notListed: [String] = []
        var prices: [String] = []
        var currencies: [String] = []
        var urls: [String] = []
        var names: [String] = []
        var checked = Set<Int>()
        for (check, card) in served.served where checked.insert(card.id).inserted {
            let document: ClerkDocument
            switch expected[card.id] ?? .unknown {
            case .unknown:
                notListed.append("product \(card.id) (\(check.name)) is not in the BigCommerce catalog")
                continue
            case .notListed:
                notListed.append("product \(card.id) (\(check.name)) is not listed on channel \(storefront.channelID)")
                continue
            case .listed(let listed):
                document = listed
            }
            if document.attributes["index"] == .bool(false) {
                notListed.append("product \(card.id) (\(check.name)) is hidden in BigCommerce")
            }
            if let price = card.price {
                if price.currency != storefront.currency.code {
                    currencies.append("product \(card.id): \(price.currency), not \(storefront.currency.code)")
                }
                if let wanted = Self.decimal(document.attributes["price"]), wanted != price.value {
                    prices.append("product \(card.id): \(price.value) shown, \(wanted) \(storefront.currency.code) in BigCommerce")
                }
            }
            if case .string(let wanted)? = document.attributes["url"], card.url != wanted {
                urls.append("product \(card.id): \(card.url ?? "no link"), not \(wanted)")
            } else if let url = card.url, !Self.isOn(url, base: storefront.baseURL) {
                urls.append("product \(card.id): \(url) is not on \(storefront.baseURL)")
            }
            if case .string(let wanted)? = document.attributes["name"], card.name != wanted {
                names.append("product \(card.id): \"\(card.name)\", not \"\(wanted)\"")
            }
        }
        for (check, id) in served.unshown where checked.insert(id).inserted {
            switch expected[id] ?? .unknown {
            case .unknown:
                notListed.append("Clerk answered product \(id) (\(check.name)), which is not in the BigCommerce catalog: clerkbridge verify --repair removes it")
            case .notListed:
                notListed.append("Clerk answered product \(id) (\(check.name)), which is not listed on channel \(storefront.channelID): clerkbridge verify --repair removes it")
            case .listed:
                break
            }
        }
        let count = checked.count
        func check(_ kind: MarketCheck, _ problems: [String], held: String) -> MarketReport.Check {
            problems.isEmpty
                ? .init(kind, ok: true, detail: held)
                : .init(kind, ok: false, detail: problems.prefix(10).joined(separator: "; ") + (problems.count > 10 ? "; and \(problems.count - 10) more" : ""))
        }
        return [
            check(.productsListed, notListed, held: "\(count) products, all listed on channel \(storefront.channelID) and shown"),
            check(.prices, prices, held: "every price is BigCommerce's for this storefront"),
            check(.currency, currencies, held: "every price in \(storefront.currency.code)"),
            check(.urls, urls, held: "every link is the product's page on \(storefront.baseURL)"),
            check(.names, names, held: namesHeld),
        ]
    }

    /// What a passing names check says: a translated storefront's names are BigCommerce's translations.
    private var namesHeld: String {
        guard let locale = storefront.language.translationLocale else { return "every name is the storefront's" }
        return "every name in \(locale.code) where BigCommerce translates it, else the catalog's"
    }

    static func decimal(_ value: ClerkValue?) -> Decimal? {
        switch value {
        case .number(let number)?: number
        case .int(let number)?: Decimal(number)
        default: nil
        }
    }

    /// Whether `url` is on the site of `base` (same scheme and host, and below its path).
    static func isOn(_ url: String, base: String) -> Bool {
        guard let link = URLComponents(string: url), let site = URLComponents(string: base) else { return false }
        return link.scheme == site.scheme && link.host == site.host && link.port == site.port
            && link.path.hasPrefix(site.path)
    }
}
