import Foundation
import JSONSupport

/// The control API's answers in words: what changed, each webhook and where it was delivered, and the sandbox's notes.
enum SandboxControlReport {
    /// A change's answer: a headline, `webhooks:` with a line per delivery, and `note:` lines.
    static func text(_ answer: JSONValue) -> String {
        var lines: [String] = []
        let action = answer["action"]?.stringValue ?? ""
        if let order = answer["order"] {
            lines += self.order(order)
        } else if let product = answer["product"] {
            switch action {
            case "update": lines.append("changed " + self.product(product))
            case "create": lines.append("created " + self.product(product))
            case "delete": lines.append("deleted product \(show(product["id"])) \"\(show(product["name"]))\"")
            case "assign", "unassign": lines.append("\(action)ed " + self.product(product))
            default: lines.append(self.product(product))
            }
        }
        lines += webhooks(answer["webhooks"])
        if case .array(let notes)? = answer["notes"] {
            lines += notes.compactMap(\.stringValue).map { "note: \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// `product 112 "Oak chair": price 24.00, stock 5, channels 1, 2`.
    static func product(_ product: JSONValue) -> String {
        var parts: [String] = []
        if amount(product["sale_price"]) > 0 {
            parts.append("price \(show(product["price"])), on sale at \(show(product["calculated_price"]))")
        } else {
            parts.append("price \(show(product["price"]))")
        }
        switch product["inventory_tracking"]?.stringValue {
        case "product": parts.append("stock \(show(product["stock"]))")
        case "variant": parts.append("stock \(show(product["stock"])) over \(items(product["variants"]).count) variants")
        default: parts.append("stock not tracked")
        }
        let channels = items(product["channels"]).map { show($0) }
        parts.append(channels.isEmpty ? "on no channel" : "channels \(channels.joined(separator: ", "))")
        if product["is_visible"] == .bool(false) { parts.append("hidden") }
        return "product \(show(product["id"])) \"\(show(product["name"]))\": " + parts.joined(separator: ", ")
    }

    /// `placed order 104: Awaiting Fulfillment (status 11) on channel 1, …`, a line per order line and the total.
    static func order(_ order: JSONValue) -> [String] {
        let currency = show(order["currency"])
        let buyer = order["customer_id"]?.intValue.flatMap { $0 == 0 ? nil : "customer \($0)" }
            ?? "a guest" + (order["billing_email"]?.stringValue.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? "")
        var lines = [
            "placed order \(show(order["id"])): \(show(order["status"])) (status \(show(order["status_id"]))) on channel "
                + "\(show(order["channel_id"])), by \(buyer), cart \(show(order["cart_id"]))",
        ]
        for line in items(order["lines"]) {
            lines.append("  \(show(line["quantity"])) × \(show(line["name"])) (product \(show(line["product_id"])), variant "
                + "\(show(line["variant_id"]))) at \(show(line["price_inc_tax"])) \(currency)")
        }
        lines.append("  total \(show(order["total"])) \(currency)")
        return lines
    }

    /// `webhooks:` and a line per delivery, or what explains there being none.
    static func webhooks(_ webhooks: JSONValue?) -> [String] {
        let events = items(webhooks)
        guard !events.isEmpty else { return ["webhooks: none (BigCommerce sends none for this change)"] }
        var lines = ["webhooks:"]
        for event in events {
            var scope = show(event["scope"])
            if let variant = event["data"]?["inventory"]?["variant_id"]?.intValue {
                scope += " (variant \(variant))"
            } else if let status = event["data"]?["status"] {
                scope += " (\(show(status["previous_status_id"])) → \(show(status["new_status_id"])))"
            }
            let deliveries = items(event["deliveries"])
            if deliveries.isEmpty { lines.append("  \(scope) → no hook") }
            for delivery in deliveries {
                lines.append("  \(scope) → \(outcome(delivery))")
            }
        }
        return lines
    }

    /// `delivered to URL`, `failed at URL: HTTP 401 (retried in 1 s)`, ….
    static func outcome(_ delivery: JSONValue) -> String {
        let destination = show(delivery["destination"])
        switch delivery["outcome"]?.stringValue {
        case "delivered":
            return "delivered to \(destination)"
        case "failed":
            let retry = delivery["retry_in_ms"]?.intValue.map { "retried in " + ($0 % 1_000 == 0 ? "\($0 / 1_000) s" : "\($0) ms") }
                ?? "no retries left: the hook is deactivated until `clerkbridge webhooks status` switches it back on"
            return "failed at \(destination): \(show(delivery["reason"])) (\(retry))"
        case "dropped":
            return "not sent: the hook to \(destination) was switched off"
        default:
            return "not attempted yet at \(destination)"
        }
    }

    /// `GET /sandbox/products`'s answer as a table, and how to see the next page.
    static func productTable(_ answer: JSONValue) -> String {
        let products = items(answer["products"])
        guard !products.isEmpty else { return "no products" }
        var rows = [["id", "name", "price", "stock", "channels"]]
        for product in products {
            let stock = product["inventory_tracking"]?.stringValue == "none" ? "not tracked" : show(product["stock"])
            var price = show(product["calculated_price"])
            let variantPrices = items(product["variants"]).map { amount($0["calculated_price"]) }
            if let cheapest = variantPrices.min(), cheapest != amount(product["calculated_price"]) {
                price += " (variants from \(cheapest))"
            }
            rows.append([
                show(product["id"]), String(show(product["name"]).prefix(40)), price, stock,
                items(product["channels"]).map { show($0) }.joined(separator: ", "),
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let next = answer["next_after"]?.intValue.map { "; next page: --after \($0)" } ?? ""
        lines.append("\(products.count) of \(show(answer["total"])) products\(next)")
        return lines.joined(separator: "\n")
    }

    static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    static func show(_ value: JSONValue?) -> String {
        switch value {
        case .number(let text)?, .string(let text)?: text
        case .bool(let flag)?: String(flag)
        default: "-"
        }
    }

    static func amount(_ value: JSONValue?) -> Decimal {
        Decimal(string: show(value), locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}
