import Foundation
import JSONSupport

/// Request builders for the tracking endpoints (`log/*`): every call is a POST with a JSON body holding `key`
/// (and `private_key` for `log/returned` only), then the parameters in name order, optional ones left out when
/// absent. Pure: nothing is sent here.
extension ClerkRequest {
    /// `POST /log/product`: `{"key","product","visitor"}`.
    static func logProductView(productID: Int, visitor: String, keys: ClerkStoreKeys) -> ClerkRequest {
        tracking("log/product", keys: keys) {
            $0.addInt("product", productID)
            $0.addString("visitor", visitor)
        }
    }

    /// `POST /log/category`: `{"key","category","visitor"}`.
    static func logCategoryView(categoryID: Int, visitor: String, keys: ClerkStoreKeys) -> ClerkRequest {
        tracking("log/category", keys: keys) {
            $0.addInt("category", categoryID)
            $0.addString("visitor", visitor)
        }
    }

    /// `POST /log/click`: `{"key","api"?,"external"?,"labels"?,"n"?,"product","visitor"}`; `external` only when
    /// true, `labels` only when not empty.
    static func logClick(
        productID: Int, visitor: String, api: String?, position: Int?, labels: [String], external: Bool,
        keys: ClerkStoreKeys
    ) -> ClerkRequest {
        tracking("log/click", keys: keys) {
            $0.addStringIfPresent("api", api)
            if external { $0.addBool("external", true) }
            if !labels.isEmpty { $0.addStringArray("labels", labels) }
            if let position { $0.addInt("n", position) }
            $0.addInt("product", productID)
            $0.addString("visitor", visitor)
        }
    }

    /// `POST /log/cart/{add,remove,update}`: `{"key","basket_id"?,"email"?,"products":[{"id","qty"}],"visitor"?}`.
    static func logCart(
        _ action: CartAction, products: [CartLine], visitor: String?, email: String?, basketID: String?,
        keys: ClerkStoreKeys
    ) -> ClerkRequest {
        tracking(action.path, keys: keys, capacity: 32 * products.count) {
            $0.addStringIfPresent("basket_id", basketID)
            $0.addStringIfPresent("email", email)
            $0.addRawArray(
                "products",
                products.lazy.map { line in
                    var item = JSONBodyBuilder(capacity: 32)
                    item.addInt("id", line.productID)
                    item.addInt("qty", line.quantity)
                    return item.finish().bytes
                })
            $0.addStringIfPresent("visitor", visitor)
        }
    }

    /// `POST /log/sale`: `{"key","customer"?,"email"?,"products":[{"id","price","quantity"}],"sale","visitor"?}`,
    /// prices written from their decimal digits. Throws `.parsing` without building anything when a price is NaN.
    static func logSale(
        orderID: String, products: [SaleLine], visitor: String?, customerID: String?, email: String?,
        keys: ClerkStoreKeys
    ) throws(ClerkError) -> ClerkRequest {
        var items: [[UInt8]] = []
        items.reserveCapacity(products.count)
        for line in products {
            guard let price = JSONNumber.decimal(line.price) else {
                throw ClerkError(
                    kind: .parsing, message: "the price of product \(line.productID) is not a number",
                    endpoint: "POST /log/sale")
            }
            var item = JSONBodyBuilder(capacity: 48)
            item.addInt("id", line.productID)
            item.addRaw("price", price)
            item.addInt("quantity", line.quantity)
            items.append(item.finish().bytes)
        }
        return tracking("log/sale", keys: keys, capacity: items.reduce(0) { $0 + $1.count + 1 }) {
            $0.addStringIfPresent("customer", customerID)
            $0.addStringIfPresent("email", email)
            $0.addRawArray("products", items)
            $0.addString("sale", orderID)
            $0.addStringIfPresent("visitor", visitor)
        }
    }

    /// `POST /log/email`: `{"key","email","visitor"}`.
    static func logEmail(email: String, visitor: String, keys: ClerkStoreKeys) -> ClerkRequest {
        tracking("log/email", keys: keys) {
            $0.addString("email", email)
            $0.addString("visitor", visitor)
        }
    }

    /// `POST /log/returned`: `{"key","private_key","order","product","quantity"}`, the only tracking call that
    /// carries the private key (redacted in `redactedPayload` like any other).
    static func logReturned(productID: Int, orderID: String, quantity: Int, keys: ClerkStoreKeys) -> ClerkRequest {
        json(.post, path: "log/returned", keys: keys) {
            $0.addString("order", orderID)
            $0.addInt("product", productID)
            $0.addInt("quantity", quantity)
        }
    }

    /// `POST /search/search`: `{"key","labels"?,"limit","query","visitor"}`, for recording a search the storefront
    /// ran itself (the result is not used).
    static func recordSearch(query: String, visitor: String, labels: [String], keys: ClerkStoreKeys) -> ClerkRequest {
        tracking("search/search", keys: keys) {
            if !labels.isEmpty { $0.addStringArray("labels", labels) }
            $0.addInt("limit", 1)
            $0.addString("query", query)
            $0.addString("visitor", visitor)
        }
    }

    private static func tracking(
        _ path: String, keys: ClerkStoreKeys, capacity: Int = 128, members: (inout JSONBodyBuilder) -> Void
    ) -> ClerkRequest {
        json(.post, path: path, keys: keys, includePrivateKey: false, capacity: capacity, members: members)
    }
}
