import Foundation
import JSONSupport

/// The control API's views of products, orders and webhook deliveries: what someone driving the sandbox wants to
/// see of them, not BigCommerce's wire shapes.
extension JSONWriter {
    /// `{id, name, sku, url, price, sale_price, calculated_price, inventory_tracking, stock, is_visible,
    /// availability, channels, variants: [{id, sku, options, calculated_price, stock}]}`; `calculated_price` is
    /// what shoppers pay (the sale price when set).
    mutating func controlProduct(_ product: SandboxProduct) {
        openObject()
        field("id", product.id)
        field("name", product.name)
        field("sku", product.sku)
        field("url", product.customURL)
        field("price", product.price)
        field("sale_price", product.salePrice)
        field("calculated_price", product.calculatedPrice)
        field("inventory_tracking", product.inventoryTracking)
        field("stock", product.inventoryLevel)
        field("is_visible", product.isVisible)
        field("availability", product.availability)
        field("channels", product.channels)
        key("variants")
        openArray()
        for variant in product.variants {
            openObject()
            field("id", variant.id)
            field("sku", variant.sku)
            field("options", variant.optionValues.map(\.label).joined(separator: " / "))
            field("calculated_price", variant.calculatedPrice)
            field("stock", variant.inventoryLevel)
            closeObject()
        }
        closeArray()
        closeObject()
    }

    /// `{id, status_id, status, channel_id, customer_id, billing_email, cart_id, currency, total, lines: [{id,
    /// product_id, variant_id, name, sku, quantity, price_inc_tax}]}`; amounts in `currency`, the transactional one.
    mutating func controlOrder(_ order: SandboxOrder) {
        openObject()
        field("id", order.id)
        field("status_id", order.statusID)
        field("status", SandboxOrder.statusName(order.statusID))
        field("channel_id", order.channelID)
        field("customer_id", order.customerID)
        field("billing_email", order.billingEmail)
        key("cart_id")
        if let cartID = order.cartID { string(cartID) } else { null() }
        field("currency", order.defaultCurrencyCode)
        field("total", order.subtotal - order.discountAmount)
        key("lines")
        openArray()
        for line in order.lines {
            openObject()
            field("id", line.id)
            field("product_id", line.productID)
            field("variant_id", line.variantID)
            field("name", line.name)
            field("sku", line.sku)
            field("quantity", line.quantity)
            field("price_inc_tax", line.priceIncTax)
            closeObject()
        }
        closeArray()
        closeObject()
    }

    /// `[{scope, data, deliveries: [{hook_id, destination, outcome, reason, retry_in_ms}]}]`: `outcome` is
    /// `delivered`, `failed` (with `reason`, and `retry_in_ms` unless the hook was deactivated), `pending` or
    /// `dropped`.
    mutating func controlWebhooks(_ events: [SandboxWebhookTrace.Event]) {
        openArray()
        for event in events {
            openObject()
            field("scope", event.scope)
            key("data")
            event.data.write(to: &self)
            key("deliveries")
            openArray()
            for delivery in event.deliveries {
                openObject()
                field("hook_id", delivery.hookID)
                field("destination", delivery.destination)
                switch delivery.outcome {
                case .pending: field("outcome", "pending")
                case .delivered: field("outcome", "delivered")
                case .dropped: field("outcome", "dropped")
                case .failed(let reason, let retryIn):
                    field("outcome", "failed")
                    field("reason", reason)
                    if let retryIn {
                        field("retry_in_ms", Int(retryIn.components.seconds * 1_000 + retryIn.components.attoseconds / 1_000_000_000_000_000))
                    }
                }
                closeObject()
            }
            closeArray()
            closeObject()
        }
        closeArray()
    }
}
