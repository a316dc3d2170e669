import Foundation

/// Orders placed, moved through their statuses and refunded the way a storefront checkout and a merchant do it:
/// each changes ``SandboxStore`` and emits the webhooks BigCommerce emits for it (reference §5.2–5.3):
/// `store/order/created` and `store/order/updated`/`archived` `{type: "order", id}`, `store/order/statusUpdated`
/// `{type: "order", id, status: {previous_status_id, new_status_id}}`, `store/cart/converted`
/// `{type: "cart", id: <cart UUID>, orderId}` and `store/order/refund/created` `{type: "order", id}` (that last
/// payload is UNCONFIRMED: the reference lists the scope, not its data). Per-channel forms
/// (`store/channel/{id}/order/…`) are not emitted.
public struct SandboxOrderEvents: Sendable {
    /// The store changed.
    public let store: SandboxStore
    /// Where the events go.
    public let webhooks: SandboxWebhooks

    /// Creates the helpers over a store and its webhooks.
    public init(store: SandboxStore, webhooks: SandboxWebhooks) {
        self.store = store
        self.webhooks = webhooks
    }

    /// Places an order the way a storefront checkout does: it is created Incomplete (status 0,
    /// `store/order/created`), then moved to `status` (`store/order/statusUpdated`, and `store/cart/converted` for
    /// its cart) unless `status` is 0.
    ///
    /// Lines are priced from the catalog: the variant's calculated price (store default currency) times
    /// `exchangeRate`, rounded to 2 decimals; price lists are not applied. No tax, shipping or handling is charged.
    ///
    /// - Parameters:
    ///   - customerID: a registered customer (billing name and email from it); nil for a guest.
    ///   - guestEmail: a guest's billing email (ignored for a customer).
    ///   - displayCurrency: the currency shown (`currency_code`); defaults to the channel's default currency.
    ///   - transactionalCurrency: the currency paid in (`default_currency_code`); defaults to `displayCurrency`.
    ///   - exchangeRate: units of the transactional currency per unit of the store's default currency; defaults
    ///     to the store's rate for it. Written as the order's `currency_exchange_rate`.
    ///   - cartID: the cart that became the order (`cart_id`); nil for none.
    /// - Returns: the order, or nil (and nothing emitted) when the channel, customer, a product or variant is
    ///   unknown, or a currency is not one of the store's.
    @discardableResult
    public func placeOrder(
        channelID: Int = 1, customerID: Int? = nil, guestEmail: String? = nil, items: [SandboxOrderItem],
        displayCurrency: String? = nil, transactionalCurrency: String? = nil, exchangeRate: Decimal? = nil,
        cartID: String? = UUID().uuidString.lowercased(), locale: String = "en", status: Int = 11,
        at date: Date = SandboxStore.now()
    ) -> SandboxOrder? {
        let catalog = store.catalog
        guard let channel = catalog.channels.first(where: { $0.id == channelID }) else { return nil }
        let display = (displayCurrency ?? channel.defaultCurrency).uppercased()
        let transactional = (transactionalCurrency ?? display).uppercased()
        guard catalog.currencies.contains(where: { $0.code == display }),
            let currency = catalog.currencies.first(where: { $0.code == transactional })
        else { return nil }
        let rate = exchangeRate ?? currency.exchangeRate
        var customer: SandboxCustomer?
        if let customerID {
            guard let known = store.customer(id: customerID) else { return nil }
            customer = known
        }
        var lines: [SandboxOrderLine] = []
        for item in items {
            guard item.quantity > 0, let product = store.product(id: item.productID) else { return nil }
            let variant = item.variantID.map { id in product.variants.first { $0.id == id } } ?? product.variants.first
            guard let variant else { return nil }
            lines.append(SandboxOrderLine(
                id: 0, productID: product.id, variantID: variant.id, name: product.name, sku: variant.sku,
                quantity: item.quantity, priceIncTax: Self.round(variant.calculatedPrice * rate, places: 2),
                discount: item.discount))
        }
        let order = store.addOrder(SandboxOrder(
            id: 0, customerID: customer?.id ?? 0, channelID: channelID, statusID: 0, dateCreated: date, dateModified: date,
            currencyCode: display, defaultCurrencyCode: transactional, currencyExchangeRate: rate, customerLocale: locale,
            cartID: cartID, billingEmail: customer?.email ?? guestEmail ?? "", billingFirstName: customer?.firstName ?? "Guest",
            billingLastName: customer?.lastName ?? "Shopper", lines: lines))
        webhooks.emit(scope: "store/order/created", data: ["type": "order", "id": .int(order.id)])
        guard status != 0 else { return order }
        return setStatus(orderID: order.id, statusID: status)
    }

    /// Moves an order to `statusID`: `store/order/statusUpdated` `{previous_status_id, new_status_id}`, and
    /// `store/cart/converted` when an order with a cart leaves Incomplete. Nothing is emitted when the status
    /// does not change. Returns the order, or nil when there is none.
    @discardableResult
    public func setStatus(orderID: Int, statusID: Int) -> SandboxOrder? {
        guard let previous = store.order(id: orderID)?.statusID else { return nil }
        guard previous != statusID else { return store.order(id: orderID) }
        guard let order = store.updateOrder(id: orderID, { $0.statusID = statusID }) else { return nil }
        emitStatusUpdated(orderID: orderID, from: previous, to: statusID)
        if previous == 0, let cartID = order.cartID {
            webhooks.emit(scope: "store/cart/converted", data: ["type": "cart", "id": .string(cartID), "orderId": .int(orderID)])
        }
        return order
    }

    /// Refunds units: `lines` maps order line ids to the units to refund now (nil: everything not yet refunded);
    /// `quantity_refunded` grows (never beyond the quantity), the status becomes 4 Refunded when every line is
    /// fully refunded and 14 Partially Refunded otherwise. Emits `store/order/refund/created`, then
    /// `store/order/statusUpdated` when the status changed. Returns the order, or nil when there is none.
    @discardableResult
    public func refund(orderID: Int, lines: [Int: Int]? = nil) -> SandboxOrder? {
        guard let previous = store.order(id: orderID)?.statusID else { return nil }
        let order = store.updateOrder(id: orderID) { order in
            for index in order.lines.indices {
                let line = order.lines[index]
                let asked = lines.map { $0[line.id] ?? 0 } ?? line.quantity
                order.lines[index].quantityRefunded = min(line.quantity, line.quantityRefunded + max(0, asked))
            }
            order.statusID = order.lines.allSatisfy(\.isRefunded) ? 4 : 14
        }
        guard let order else { return nil }
        webhooks.emit(scope: "store/order/refund/created", data: ["type": "order", "id": .int(orderID)])
        if order.statusID != previous { emitStatusUpdated(orderID: orderID, from: previous, to: order.statusID) }
        return order
    }

    /// Any other order edit BigCommerce reports as `store/order/updated` `{type: "order", id}`.
    @discardableResult
    public func updateOrder(id: Int, _ change: (inout SandboxOrder) -> Void) -> SandboxOrder? {
        guard let order = store.updateOrder(id: id, change) else { return nil }
        webhooks.emit(scope: "store/order/updated", data: ["type": "order", "id": .int(id)])
        return order
    }

    /// Archives an order (`is_deleted`): `store/order/archived` `{type: "order", id}`.
    @discardableResult
    public func archive(orderID: Int) -> SandboxOrder? {
        guard let order = store.updateOrder(id: orderID, { $0.isDeleted = true }) else { return nil }
        webhooks.emit(scope: "store/order/archived", data: ["type": "order", "id": .int(orderID)])
        return order
    }

    private func emitStatusUpdated(orderID: Int, from previous: Int, to next: Int) {
        webhooks.emit(scope: "store/order/statusUpdated", data: [
            "type": "order", "id": .int(orderID),
            "status": ["previous_status_id": .int(previous), "new_status_id": .int(next)],
        ])
    }

    static func round(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }
}
