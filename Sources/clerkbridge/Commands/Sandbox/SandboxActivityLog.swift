import Foundation
import JSONSupport
import Sandbox

/// What the sandbox's Clerk stores receive, a line each, for whoever watches the `clerkbridge sandbox` terminal:
/// documents written and removed, and the tracking calls (a sale included). Reads are not shown.
enum SandboxActivityLog {
    /// The line for `activity`, or nil for a read.
    static func line(_ activity: ClerkActivity) -> String? {
        switch activity {
        case .written(let store, let collection, let documents):
            return "Clerk \(store.name): " + written(collection, documents)
        case .removed(let store, let collection, let ids):
            let what = ids.count == 1 ? "\(singular(collection)) \(ids[0])" : "\(ids.count) \(collection.rawValue)"
            return "Clerk \(store.name): \(what) removed"
        case .called(let store, let call) where call.endpoint == "log/sale":
            let lines = SandboxControlReport.items(call["products"]).map {
                "\(SandboxControlReport.show($0["quantity"])) × product \(SandboxControlReport.show($0["id"]))"
            }
            var parts = [lines.joined(separator: ", ")]
            if let customer = call["customer"] { parts.append("customer \(SandboxControlReport.show(customer))") }
            parts.append(call["visitor"].map { "visitor \(SandboxControlReport.show($0))" } ?? "no visitor")
            return "Clerk \(store.name): sale \(SandboxControlReport.show(call["sale"])) logged (\(parts.joined(separator: "; ")))"
        case .called(let store, let call) where call.endpoint.hasPrefix("log/"):
            let details = ["visitor", "product", "category"].compactMap { name in
                call[name].map { "\(name) \(SandboxControlReport.show($0))" }
            }
            return "Clerk \(store.name): \(call.endpoint)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        case .called:
            return nil
        }
    }

    /// `product 118 "Oak vase" written (price 19.99, stock 4)`, or `250 products written`.
    static func written(_ collection: ClerkStorage.Collection, _ documents: [(id: Int, document: JSONValue)]) -> String {
        guard documents.count == 1, let (id, document) = documents.first else { return "\(documents.count) \(collection.rawValue) written" }
        var details: [String] = []
        if let price = document["price"] { details.append("price \(SandboxControlReport.show(price))") }
        if let stock = document["stock"], stock != .null { details.append("stock \(SandboxControlReport.show(stock))") }
        if let inStock = document["in_stock"] { details.append(inStock == .bool(true) ? "in stock" : "out of stock") }
        let name = document["name"].map { " \"\(SandboxControlReport.show($0))\"" } ?? ""
        return "\(singular(collection)) \(id)\(name) written" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }

    static func singular(_ collection: ClerkStorage.Collection) -> String {
        collection == .products ? "product" : "category"
    }
}
