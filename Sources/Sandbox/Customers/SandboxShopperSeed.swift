import Foundation

/// A store with a past: registered customers on both channels (some global, some per channel, the same email on two
/// channels), newsletter subscribers with every kind of consent (and addresses without an account), and an order
/// history reaching `months` back with every status, guests, refunds, cancellations, gift certificates, digital lines
/// and bundles, in every currency of each channel. Deterministic for a given `seed` and `now`.
public struct SandboxShopperSeed: Sendable, Hashable {
    /// Registered customers added to the three seeded ones (plus a twin on the other channel for every 40th).
    public var customers: Int
    /// Newsletter subscribers without an account.
    public var newsletterOnly: Int
    /// Orders in the history.
    public var orders: Int
    /// How far back the history reaches, in months of 30 days.
    public var months: Int
    /// Random seed.
    public var seed: UInt64
    /// The present the history ends at (an hour before it).
    public var now: Date

    /// Creates a seed; the defaults give a few hundred customers and six hundred orders over 30 months.
    public init(
        customers: Int = 300, newsletterOnly: Int = 40, orders: Int = 600, months: Int = 30, seed: UInt64 = 42,
        now: Date = SandboxStore.now()
    ) {
        self.customers = customers
        self.newsletterOnly = newsletterOnly
        self.orders = orders
        self.months = months
        self.seed = seed
        self.now = now
    }

    static let firstNames = ["Ada", "Bo", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia", "Oli", "Pia"]
    static let lastNames = ["Adler", "Berg", "Costa", "Dahl", "Ekman", "Frost", "Gale", "Holm", "Ito", "Jansen", "Kovac", "Lund"]
    /// Order statuses with their weight in the history (every status appears).
    static let statusWeights: [(status: Int, weight: Int)] = [
        (10, 30), (11, 9), (2, 9), (1, 3), (3, 3), (7, 3), (8, 2), (9, 3), (12, 2), (13, 2), (0, 4), (5, 7), (6, 4), (4, 7),
        (14, 6),
    ]
}

extension SandboxStore {
    /// Adds the customers, subscribers and order history `seed` describes (no webhooks are emitted: this is the past).
    public func seedShoppers(_ seed: SandboxShopperSeed) {
        var rng = SplitMix64(seed: seed.seed &+ 101)
        let day: TimeInterval = 86_400
        var customers: [SandboxCustomer] = []
        var subscribers: [SandboxSubscriber] = []
        let firstID = orderBook.withLock { $0.nextCustomerID }
        var nextID = firstID
        for index in 0..<seed.customers {
            let first = SandboxShopperSeed.firstNames[index % SandboxShopperSeed.firstNames.count]
            let last = SandboxShopperSeed.lastNames[(index / SandboxShopperSeed.firstNames.count) % SandboxShopperSeed.lastNames.count]
            var email = "\(first).\(last)\(index)@sandbox.example".lowercased()
            if index % 17 == 5 { email = "\(first).\(last)\(index)@Sandbox.Example" }
            let roll = rng.int(0..<100)
            let channels: [Int]? = roll < 70 ? nil : roll < 85 ? [2] : [1, 2]
            let joined = seed.now.addingTimeInterval(-Double(rng.int(40...(seed.months * 30 + 60))) * day)
            let customer = SandboxCustomer(
                id: nextID, email: email, firstName: first, lastName: index % 23 == 7 ? "" : last,
                customerGroupID: rng.chance(10) ? 2 : 0, channelIDs: channels, originChannelID: channels?.first ?? 1,
                dateCreated: joined, dateModified: joined.addingTimeInterval(Double(rng.int(0...30)) * day))
            customers.append(customer)
            nextID += 1
            let consentRoll = rng.int(0..<100)
            // Newsletter consent, abandoned-cart consent only, a record without `consents`, unsubscribed, or none.
            let consents: [String]??
            switch consentRoll {
            case ..<50: consents = .some(["marketing_newsletter"])
            case ..<60: consents = .some(["abandoned_cart"])
            case ..<65: consents = .some(nil)
            case ..<70: consents = .some([])
            default: consents = .none
            }
            if case .some(let consents) = consents {
                subscribers.append(SandboxSubscriber(
                    id: 0, email: email, firstName: first, lastName: last, source: rng.chance(30) ? "order" : "storefront",
                    channelID: rng.chance(10) ? nil : customer.originChannelID, consents: consents, dateCreated: joined,
                    dateModified: joined))
            }
            if index % 40 == 3 {
                // The same person with an account on the other channel too: one email, two customers.
                let other = channels == [2] ? [1] : [2]
                customers.append(SandboxCustomer(
                    id: nextID, email: email, firstName: first, lastName: last, channelIDs: other, originChannelID: other[0],
                    dateCreated: joined, dateModified: joined))
                nextID += 1
            }
        }
        for index in 0..<seed.newsletterOnly {
            subscribers.append(SandboxSubscriber(
                id: 0, email: "reader\(index)@sandbox.example", source: "storefront", channelID: index % 3 == 0 ? 2 : 1,
                consents: index % 5 == 4 ? ["abandoned_cart"] : ["marketing_newsletter"],
                dateCreated: seed.now.addingTimeInterval(-Double(index + 1) * day), dateModified: seed.now.addingTimeInterval(-Double(index + 1) * day)))
        }

        let pool = productPool(limit: 120)
        let currencies = Dictionary(uniqueKeysWithValues: catalog.currencies.map { ($0.code, $0) })
        let span = Double(seed.months * 30) * day
        let start = seed.now.addingTimeInterval(-span)
        let totalWeight = SandboxShopperSeed.statusWeights.reduce(0) { $0 + $1.weight }
        let buyers = SandboxCustomer.seeded + customers
        var orders: [SandboxOrder] = []
        orders.reserveCapacity(seed.orders)
        var nextLine = orderBook.withLock { $0.nextLineID }
        var nextOrder = orderBook.withLock { $0.nextOrderID }
        for index in 0..<seed.orders {
            let created = start.addingTimeInterval(span * Double(index) / Double(max(seed.orders, 1)) + Double(rng.int(0..<3_600)))
            var status = SandboxShopperSeed.statusWeights[0].status
            var pick = rng.int(0..<totalWeight)
            for entry in SandboxShopperSeed.statusWeights {
                if pick < entry.weight {
                    status = entry.status
                    break
                }
                pick -= entry.weight
            }
            let guest = rng.chance(25)
            let buyer: SandboxCustomer? = guest ? nil : buyers[rng.int(0..<buyers.count)]
            let channel: Int
            switch buyer?.channelIDs {
            case nil: channel = buyer == nil && rng.chance(30) ? 2 : 1
            case let channels?: channel = channels[rng.int(0..<channels.count)]
            }
            let display = channel == 1 ? (rng.chance(12) ? "EUR" : "USD") : (rng.chance(40) ? "GBP" : "EUR")
            let rate = currencies[display]?.exchangeRate ?? 1
            let candidates = pool.filter { $0.channels.contains(channel) }
            var lines: [SandboxOrderLine] = []
            for _ in 0..<rng.int(1...3) where !candidates.isEmpty {
                let product = candidates[rng.int(0..<candidates.count)]
                let quantity = rng.int(1...3)
                let price = SandboxOrderEvents.round(product.price * rate, places: 2)
                lines.append(SandboxOrderLine(
                    id: nextLine, productID: product.id, variantID: product.variantID, name: product.name, sku: product.sku,
                    type: rng.chance(5) ? "digital" : "physical", quantity: quantity, priceIncTax: price,
                    discount: rng.chance(15) ? SandboxOrderEvents.round(price * Decimal(quantity) / 10, places: 2) : 0))
                nextLine += 1
            }
            if rng.chance(3), let product = candidates.first {
                let parent = nextLine
                lines.append(SandboxOrderLine(id: parent, productID: product.id, variantID: product.variantID, name: "\(product.name) bundle", quantity: 1, priceIncTax: SandboxOrderEvents.round(product.price * rate * 2, places: 2)))
                lines.append(SandboxOrderLine(id: parent + 1, productID: candidates.last!.id, variantID: candidates.last!.variantID, name: candidates.last!.name, quantity: 1, priceIncTax: 0, parentOrderProductID: parent, isBundledProduct: true))
                nextLine += 2
            }
            if rng.chance(3) {
                lines.append(SandboxOrderLine(id: nextLine, productID: 0, variantID: 0, name: "Gift certificate", type: "giftcertificate", quantity: 1, priceIncTax: 25))
                nextLine += 1
            }
            if status == 4 {
                for line in lines.indices { lines[line].quantityRefunded = lines[line].quantity }
            } else if status == 14, !lines.isEmpty {
                lines[0].quantityRefunded = 1
            }
            let email = buyer?.email ?? (rng.chance(20) ? "reader\(rng.int(0..<max(seed.newsletterOnly, 1)))@sandbox.example" : "guest\(index)@sandbox.example")
            orders.append(SandboxOrder(
                id: nextOrder, customerID: buyer?.id ?? 0, channelID: channel, statusID: status, dateCreated: created,
                dateModified: created.addingTimeInterval(Double(rng.int(0...10)) * day), currencyCode: display,
                defaultCurrencyCode: display, currencyExchangeRate: rate, customerLocale: channel == 2 && rng.chance(30) ? "fr" : "en",
                cartID: rng.chance(50) ? UUID().uuidString.lowercased() : nil, billingEmail: email,
                billingFirstName: buyer?.firstName ?? "Guest", billingLastName: buyer?.lastName ?? "Shopper", lines: lines))
            nextOrder += 1
        }
        orderBook.withLock { book in
            for customer in customers { book.customers[customer.id] = customer }
            book.nextCustomerID = max(book.nextCustomerID, nextID)
            for var subscriber in subscribers {
                subscriber.id = book.nextSubscriberID
                book.nextSubscriberID += 1
                book.subscribers[subscriber.id] = subscriber
            }
            for order in orders { book.store(order) }
            book.nextOrderID = max(book.nextOrderID, nextOrder)
            book.nextLineID = max(book.nextLineID, nextLine)
        }
    }

    /// A product orders can be placed for: its first variant's price in the default currency.
    struct PoolProduct {
        var id: Int
        var variantID: Int
        var name: String
        var sku: String
        var price: Decimal
        var channels: [Int]
    }

    /// Up to `limit` visible products, by id, with what an order line needs.
    func productPool(limit: Int) -> [PoolProduct] {
        var pool: [PoolProduct] = []
        for product in allProducts() where product.isVisible {
            guard let variant = product.variants.first else { continue }
            pool.append(PoolProduct(
                id: product.id, variantID: variant.id, name: product.name, sku: variant.sku, price: variant.calculatedPrice,
                channels: product.channels))
            if pool.count >= limit { break }
        }
        return pool
    }
}
