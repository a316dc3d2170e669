import Testing

@testable import BigCommerceAPI

@Suite("Webhook scopes")
struct WebhookScopeTests {
    @Test func aWildcardSubscriptionCoversTheScopesUnderIt() {
        #expect(WebhookScope.subscription("store/order/*", covers: "store/order/created"))
        #expect(WebhookScope.subscription("store/cart/*", covers: "store/cart/lineItem/added"))
        #expect(WebhookScope.subscription("store/product/updated", covers: "store/product/updated"))
        #expect(!WebhookScope.subscription("store/product/updated", covers: "store/product/created"))
        #expect(!WebhookScope.subscription("store/order/*", covers: "store/orders/created"))
        #expect(!WebhookScope.subscription("store/priceList/record/*", covers: "store/priceList/records/updated"))
    }

    @Test func storeScopesCoverIssueThree() {
        let scopes = WebhookScope.storeScopes
        #expect(Set(scopes).count == scopes.count)
        for scope in [
            "store/product/created", "store/product/updated", "store/product/deleted",
            "store/product/inventory/updated",
            "store/product/inventory/order/updated", "store/sku/created", "store/sku/updated", "store/sku/deleted",
            "store/sku/inventory/updated", "store/sku/inventory/order/updated", "store/category/created",
            "store/category/updated", "store/category/deleted", "store/priceList/record/*", "store/priceList/records/*",
            "store/priceList/assignment/updated", "store/priceList/activated", "store/priceList/deactivated",
            "store/information/updated", "store/order/*", "store/cart/*", "store/customer/*", "store/subscriber/*",
        ] {
            #expect(scopes.contains(scope), "\(scope)")
        }
        #expect(scopes.allSatisfy { !$0.hasPrefix("store/channel/") })
    }

    @Test func channelScopesPerChannel() {
        let scopes = WebhookScope.channelScopes(channelIDs: [1, 2, 1])
        #expect(scopes.count == 10)
        #expect(scopes.contains("store/channel/1/product/assigned"))
        #expect(scopes.contains("store/channel/2/product/unassigned"))
        #expect(scopes.contains("store/channel/2/categoryTree/updated"))
        #expect(
            WebhookScope.scopesToRegister(channelIDs: [1]) == WebhookScope.storeScopes
                + WebhookScope.channelScopes(channelID: 1))
        #expect(WebhookScope.channelScopes(channelIDs: []).isEmpty)
    }

    @Test func everyRegisteredScopeHasAKnownCategory() {
        for scope in WebhookScope.scopesToRegister(channelIDs: [1, 7]) {
            #expect(WebhookScope.category(of: scope) != .other, "\(scope)")
        }
    }

    @Test func classifier() {
        let cases: [(String, WebhookScope.Category)] = [
            ("store/product/updated", .product), ("store/product/inventory/order/updated", .product),
            ("store/sku/inventory/updated", .sku), ("store/category/deleted", .category),
            ("store/customer/channel/login/access/updated", .customer), ("store/subscriber/deleted", .subscriber),
            ("store/channel/1/category/updated", .category),
            ("store/channel/1/product/assigned", .channelAssignment),
            ("store/channel/12/product/unassigned", .channelAssignment),
            ("store/channel/1/category/product/assigned", .channelAssignment),
            ("store/channel/1/categoryTree/updated", .categoryTree),
            ("store/priceList/records/created", .priceList), ("store/priceList/assignment/updated", .priceList),
            ("store/information/updated", .store), ("store/order/statusUpdated", .order),
            ("store/channel/1/order/created", .order), ("store/cart/lineItem/created", .cart),
            ("store/channel/1/cart/created", .cart), ("store/customer/created", .customer),
            ("store/channel/created", .other), ("store/app/uninstalled", .other), ("", .other), ("products", .other),
            ("store/Product/updated", .other), ("store/information/deleted", .other),
        ]
        for (scope, category) in cases {
            #expect(WebhookScope.category(of: scope) == category, "\(scope)")
        }
    }

    @Test func channelIDOfScope() {
        #expect(WebhookScope.channelID(of: "store/channel/12/product/assigned") == 12)
        #expect(WebhookScope.channelID(of: "store/channel/*/product/assigned") == nil)
        #expect(WebhookScope.channelID(of: "store/product/updated") == nil)
    }
}
