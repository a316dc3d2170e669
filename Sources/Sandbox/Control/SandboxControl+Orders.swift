import Foundation
import Hummingbird
import JSONSupport

/// The order route of the control API: an order placed through ``SandboxOrderEvents`` after the whole request was
/// checked.
extension SandboxControl {
    static let maxQuantity = 10_000

    /// `POST /sandbox/orders`: `items` (each `product_id`, optional `variant_id`, `quantity` 1–10 000, default 1),
    /// `customer_id` (a guest without it, billed to `email`), `cart_id` (default: a new cart), `status_id` (0–14,
    /// default 11 Awaiting Fulfillment), `channel_id` (default 1), `currency` (one the channel sells in, default
    /// its default currency).
    func placeOrder(_ bytes: [UInt8]) async throws -> Response {
        let body = try ControlBody(bytes, allowed: ["items", "customer_id", "email", "cart_id", "status_id", "channel_id", "currency"])
        let channelID = try body.int("channel_id", in: 1...Int.max) ?? 1
        guard let channel = store.catalog.channels.first(where: { $0.id == channelID }) else {
            throw ControlFailure(
                status: .unprocessableContent, code: "unknown_channel",
                message: "there is no channel \(channelID) (the sandbox's channels: \(channelList))", field: "channel_id")
        }
        guard let itemBodies = try body.objects("items", allowed: ["product_id", "variant_id", "quantity"]) else {
            throw ControlFailure(status: .badRequest, code: "missing_field", message: "items is required: the products bought", field: "items")
        }
        var items: [SandboxOrderItem] = []
        for item in itemBodies {
            guard let productID = try item.int("product_id", in: 1...Int.max) else {
                throw ControlFailure(status: .badRequest, code: "missing_field", message: "\(item.field("product_id")) is required", field: item.field("product_id"))
            }
            let variantID = try item.int("variant_id", in: 1...Int.max)
            let quantity = try item.int("quantity", in: 1...Self.maxQuantity) ?? 1
            guard let product = store.product(id: productID) else { throw Self.unknownProduct(productID, field: item.field("product_id")) }
            guard product.channels.contains(channelID) else {
                throw ControlFailure(
                    status: .unprocessableContent, code: "not_on_channel",
                    message: "product \(productID) is not sold on channel \(channelID) (its channels: \(product.channels.map(String.init).joined(separator: ", ")))",
                    field: item.field("product_id"))
            }
            if let variantID, !product.variants.contains(where: { $0.id == variantID }) {
                throw ControlFailure(
                    status: .unprocessableContent, code: "unknown_variant",
                    message: "product \(productID) has no variant \(variantID) (its variants: \(product.variants.map { String($0.id) }.joined(separator: ", ")))",
                    field: item.field("variant_id"))
            }
            items.append(SandboxOrderItem(productID: productID, variantID: variantID, quantity: quantity))
        }
        let customerID = try body.int("customer_id", in: 1...Int.max)
        if let customerID, store.customer(id: customerID) == nil {
            let known = store.customers().map { "\($0.id) \($0.email)" }.joined(separator: ", ")
            throw ControlFailure(
                status: .unprocessableContent, code: "unknown_customer",
                message: "there is no customer \(customerID) (the sandbox's customers: \(known))", field: "customer_id")
        }
        let email = try body.string("email", maxLength: 254)
        if let email {
            guard customerID == nil else { throw ControlFailure.invalid("email", "goes only with a guest order: a customer's order is billed to the customer's email") }
            guard email.contains("@") else { throw ControlFailure.invalid("email", "must be an email address") }
        }
        let cartID = try body.string("cart_id", maxLength: 64)
        let statusID = try body.int("status_id", in: 0...14) ?? 11
        let currency = try body.string("currency", maxLength: 3)?.uppercased() ?? channel.defaultCurrency
        guard channel.enabledCurrencies.contains(currency) else {
            throw ControlFailure(
                status: .unprocessableContent, code: "unknown_currency",
                message: "channel \(channelID) sells in \(channel.enabledCurrencies.joined(separator: ", ")), not \(currency)", field: "currency")
        }
        var notes: [String] = []
        switch statusID {
        case 0: notes.append("it stays Incomplete (status 0): its cart is not converted and it is not a sale until its status changes")
        case 5, 6: notes.append("it is \(SandboxOrder.statusName(statusID)): not a sale")
        default: break
        }
        return try await answer("order", status: .created, notes: notes) {
            let order = orderEvents.placeOrder(
                channelID: channelID, customerID: customerID, guestEmail: email, items: items, displayCurrency: currency,
                cartID: cartID ?? UUID().uuidString.lowercased(), status: statusID)
            guard let order else {
                throw ControlFailure(status: .conflict, code: "not_placed", message: "the catalog changed while the order was placed; nothing was stored")
            }
            return order
        } describe: { writer, order in
            writer.key("order")
            writer.controlOrder(order)
        }
    }
}
