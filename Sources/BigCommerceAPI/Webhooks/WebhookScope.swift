/// The webhook scopes clerkbridge subscribes to, and a classifier for the scope of a delivery.
///
/// Store-wide scopes are listed in `storeScopes`. Channel assignment and category-tree scopes exist only
/// per channel (`store/channel/{channel_id}/…`); BigCommerce documents no wildcard for the channel id, so
/// `channelScopes(channelIDs:)` spells them out for each channel.
public enum WebhookScope {
    /// Whether a hook subscribed to `subscription` receives deliveries of `scope`: the same scope, or a `prefix/*`
    /// subscription covering it (`store/order/*` receives `store/order/created`).
    public static func subscription(_ subscription: String, covers scope: String) -> Bool {
        if subscription == scope { return true }
        guard subscription.hasSuffix("/*") else { return false }
        return scope.hasPrefix(subscription.dropLast())
    }

    /// What a scope is about, for routing a delivery to the right job.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// `store/product/…`, including product inventory.
        case product
        /// `store/sku/…`, including SKU inventory.
        case sku
        /// `store/category/…` and `store/channel/{id}/category/{created|updated|deleted}`.
        case category
        /// `store/channel/{id}/product/assigned|unassigned` and `…/category/product/assigned|unassigned`.
        case channelAssignment
        /// `store/channel/{id}/categoryTree/updated`.
        case categoryTree
        /// `store/priceList/…`.
        case priceList
        /// `store/information/updated`.
        case store
        /// `store/order/…` and `store/channel/{id}/order/…`.
        case order
        /// `store/cart/…` and `store/channel/{id}/cart/…`.
        case cart
        /// `store/customer/…`: accounts, their addresses and channel access.
        case customer
        /// `store/subscriber/…`: newsletter subscriptions.
        case subscriber
        /// Anything else.
        case other
    }

    /// Product scopes: created, updated, deleted, inventory and inventory changed by an order.
    public static let productScopes = [
        "store/product/created", "store/product/updated", "store/product/deleted",
        "store/product/inventory/updated", "store/product/inventory/order/updated",
    ]

    /// SKU scopes: created, updated, deleted, inventory and inventory changed by an order.
    public static let skuScopes = [
        "store/sku/created", "store/sku/updated", "store/sku/deleted",
        "store/sku/inventory/updated", "store/sku/inventory/order/updated",
    ]

    /// Category scopes (store-wide).
    public static let categoryScopes = ["store/category/created", "store/category/updated", "store/category/deleted"]

    /// Price-list scopes: lists activated/deactivated, records single and batch, assignments.
    public static let priceListScopes = [
        "store/priceList/activated", "store/priceList/deactivated",
        "store/priceList/record/*", "store/priceList/records/*",
        "store/priceList/assignment/updated", "store/priceList/assignment/deleted",
    ]

    /// Store information updates.
    public static let storeInformationScopes = ["store/information/updated"]

    /// Orders: the sale logger's `order.sync` jobs (transactions and other order scopes are only stored).
    public static let orderScopes = ["store/order/*"]

    /// Carts: `store/cart/converted` queues the order's `order.sync` job; the others are only stored.
    public static let cartScopes = ["store/cart/*"]

    /// Customers: created, updated, deleted and channel access queue a `customer.sync` job; address changes are
    /// only stored (Clerk's customer documents hold no address).
    public static let customerScopes = ["store/customer/*"]

    /// Newsletter subscriptions: a change queues a `subscriber.sync` job (Clerk's `subscribed`).
    public static let subscriberScopes = ["store/subscriber/*"]

    /// Every store-wide scope to register, in registration order, without duplicates.
    public static let storeScopes: [String] =
        productScopes + skuScopes + categoryScopes + priceListScopes + storeInformationScopes + orderScopes + cartScopes
        + customerScopes + subscriberScopes

    /// The per-channel scopes for one channel: product assignment, category product assignment and category-tree updates.
    public static func channelScopes(channelID: Int) -> [String] {
        [
            "store/channel/\(channelID)/product/assigned", "store/channel/\(channelID)/product/unassigned",
            "store/channel/\(channelID)/category/product/assigned",
            "store/channel/\(channelID)/category/product/unassigned",
            "store/channel/\(channelID)/categoryTree/updated",
        ]
    }

    /// The per-channel scopes for every channel in `channelIDs` (duplicates ignored, in the order given).
    public static func channelScopes(channelIDs: [Int]) -> [String] {
        var seen = Set<Int>()
        return channelIDs.filter { seen.insert($0).inserted }.flatMap { channelScopes(channelID: $0) }
    }

    /// Everything to register for a store whose storefront channels are `channelIDs`.
    public static func scopesToRegister(channelIDs: [Int]) -> [String] {
        storeScopes + channelScopes(channelIDs: channelIDs)
    }

    /// The category of `scope`, from its path segments (case-sensitive, as BigCommerce sends them).
    public static func category(of scope: String) -> Category {
        let parts = scope.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "store" else { return .other }
        switch parts[1] {
        case "product": return .product
        case "sku": return .sku
        case "category": return .category
        case "priceList": return .priceList
        case "order": return .order
        case "cart": return .cart
        case "customer": return .customer
        case "subscriber": return .subscriber
        case "information": return parts.count == 3 && parts[2] == "updated" ? .store : .other
        case "channel": return channelCategory(Array(parts.dropFirst(2)))
        default: return .other
        }
    }

    /// `store/channel/{id}/…`: the part after the channel id decides.
    private static func channelCategory(_ rest: [String]) -> Category {
        guard rest.count >= 2 else { return .other }
        let tail = Array(rest.dropFirst())
        switch tail[0] {
        case "product" where tail.count == 2 && (tail[1] == "assigned" || tail[1] == "unassigned"):
            return .channelAssignment
        case "category"
        where tail.count == 3 && tail[1] == "product" && (tail[2] == "assigned" || tail[2] == "unassigned"):
            return .channelAssignment
        case "category":
            return .category
        case "categoryTree":
            return .categoryTree
        case "order":
            return .order
        case "cart":
            return .cart
        default:
            return .other
        }
    }

    /// The channel id of a `store/channel/{id}/…` scope; `nil` for other scopes and wildcards.
    public static func channelID(of scope: String) -> Int? {
        let parts = scope.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "store", parts[1] == "channel" else { return nil }
        return Int(parts[2])
    }
}
