import BigCommerceAPI
import Foundation
import StorefrontRegistry
import SyncStore

/// Turns a verified webhook delivery into the queue jobs it calls for. Pure: no I/O, so the receiver can
/// answer in milliseconds; the jobs re-read current state from BigCommerce, so the order and repetition
/// of deliveries do not matter.
public enum WebhookJobPlanner {
    /// Why a delivery cannot be planned (answered with a 4xx, never processed).
    public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The scope is not one clerkbridge subscribes to or stores.
        case unknownScope(String)
        /// The scope is known but `data` lacks the id it needs.
        case missingIdentifier(scope: String, field: String)

        public var description: String {
            switch self {
            case .unknownScope(let scope): "scope `\(scope)` is not one clerkbridge subscribes to"
            case .missingIdentifier(let scope, let field): "a `\(scope)` delivery needs `data.\(field)`"
            }
        }
    }

    /// Scopes stored without jobs: order transactions and other order scopes, carts other than a conversion,
    /// customer addresses and payment instruments (Clerk's customers hold neither), and platform notices.
    static func isStoredOnly(_ scope: String) -> Bool {
        switch WebhookScope.category(of: scope) {
        case .order: return !orderSyncActions.contains(action(of: scope))
        case .cart: return action(of: scope) != "cart/converted"
        case .customer: return !customerSyncActions.contains(action(of: scope))
        default:
            return scope == "store/app/uninstalled" || scope == "store/hook/deliveryException"
        }
    }

    /// The customer scopes (after `store/`) that queue a `customer.sync` job.
    static let customerSyncActions: Set<String> = [
        "customer/created", "customer/updated", "customer/deleted", "customer/channel/login/access/updated",
    ]

    /// The order scopes (after `store/` or `store/channel/{id}/`) that queue an `order.sync` job.
    static let orderSyncActions: Set<String> = [
        "order/created", "order/updated", "order/statusUpdated", "order/archived", "order/refund/created",
    ]

    /// `order/created` for `store/order/created` and `store/channel/2/order/created`.
    static func action(of scope: String) -> String {
        let parts = scope.split(separator: "/", omittingEmptySubsequences: false)
        let rest = parts.count > 3 && parts[1] == "channel" ? parts.dropFirst(3) : parts.dropFirst(1)
        return rest.joined(separator: "/")
    }

    /// The jobs for `payload`, each a key and the payload to store with it (the scope, for the operator).
    /// - Throws: ``PlanError`` for a scope clerkbridge does not know or data without the needed id.
    public static func jobs(for payload: WebhookPayload) throws(PlanError) -> [(JobKey, [UInt8])] {
        let scope = payload.scope
        let note = Array(scope.utf8)
        if isStoredOnly(scope) { return [] }
        switch WebhookScope.category(of: scope) {
        case .product:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.intID ?? data.inventory?.productID else {
                    throw .missingIdentifier(scope: scope, field: "id")
                }
                // A locale edit changes the texts of that channel locale only.
                if scope == "store/product/updated", let channel = data.context?.channelID,
                    let locale = data.context?.locale, !locale.isEmpty
                {
                    return (BackgroundJob.localizedProduct(id, TranslationLocale(channelID: channel, code: locale)).key, note)
                }
                return (BackgroundJob.product(id).key, note)
            }
        case .sku:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.sku?.productID ?? data.inventory?.productID ?? data.productID else {
                    throw .missingIdentifier(scope: scope, field: "sku.product_id")
                }
                return (BackgroundJob.product(id).key, note)
            }
        case .channelAssignment:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.productID else { throw .missingIdentifier(scope: scope, field: "product_id") }
                return (BackgroundJob.product(id).key, note)
            }
        case .category, .categoryTree, .store:
            return [(BackgroundJob.catalogRefresh.key, note)]
        case .priceList:
            guard scope.hasPrefix("store/priceList/record") else {
                // List (de)activation and assignments change which list prices a channel.
                return [(BackgroundJob.catalogRefresh.key, note)]
            }
            return try payload.data.map { data throws(PlanError) in
                guard let list = data.priceListID else { throw .missingIdentifier(scope: scope, field: "price_list_id") }
                guard let variant = data.variantID else { throw .missingIdentifier(scope: scope, field: "variant_id") }
                return (BackgroundJob.priceRecord(priceListID: list, variantID: variant).key, note)
            }
        case .order:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.orderID.flatMap({ Int($0) }) ?? data.intID else {
                    throw .missingIdentifier(scope: scope, field: "id")
                }
                let job = OrderSyncPayload(source: .webhook, scope: scope)
                return (BackgroundJob.order(id).key, job.encoded())
            }
        case .cart:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.orderID.flatMap({ Int($0) }) else {
                    throw .missingIdentifier(scope: scope, field: "orderId")
                }
                let job = OrderSyncPayload(source: .webhook, scope: scope, cartID: data.id)
                return (BackgroundJob.order(id).key, job.encoded())
            }
        case .customer:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.customerID ?? data.intID else { throw .missingIdentifier(scope: scope, field: "id") }
                return (BackgroundJob.customer(id).key, note)
            }
        case .subscriber:
            return try payload.data.map { data throws(PlanError) in
                guard let id = data.intID else { throw .missingIdentifier(scope: scope, field: "id") }
                return (BackgroundJob.subscriber(id).key, note)
            }
        case .other:
            throw .unknownScope(scope)
        }
    }
}
