import BigCommerceAPI
import Crypto
import Foundation
import JSONSupport
import Sandbox
import Testing

/// Deliveries over real HTTP to a loopback receiver: payload, signature, matching, retries, duplicates, deny-listing.
@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    static func sha1Hex(_ bytes: [UInt8]) -> String {
        Insecure.SHA1.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func deliveryHasTheRealPayloadShapeAndVerifies() async throws {
        try await WebhookFixture.with { fixture in
            let sandbox = fixture.sandbox
            _ = try await fixture.client.createHook(
                scope: "store/product/updated", destination: fixture.destination(), headers: ["X-Clerkbridge-Webhook-Secret": "s3cret"])
            let productID = try #require(sandbox.store.allProducts().first { _ in true }?.id)
            let before = Int(Date().timeIntervalSince1970)
            #expect(sandbox.catalogEvents.setPrice(productID: productID, price: 12.5) != nil)
            #expect(await eventually { fixture.receiver.deliveries.count == 1 })
            #expect(await fixture.settle())

            let delivery = try #require(fixture.receiver.deliveries.first)
            let payload = try #require(delivery.json)
            guard case .object(let fields) = payload else { throw CancellationError() }
            #expect(fields.map(\.key) == ["scope", "store_id", "data", "hash", "created_at", "producer"])
            #expect(payload["scope"] == "store/product/updated")
            #expect(payload["store_id"] == .string(SandboxWebhooks.storeID))
            #expect(payload["data"] == ["type": "product", "id": JSONValue.int(productID)])
            #expect(payload["hash"]?.stringValue == Self.sha1Hex(try #require(payload["data"]).encoded()))
            #expect((payload["created_at"]?.intValue ?? 0) >= before)
            #expect(payload["producer"] == .string("stores/\(sandbox.storeHash)"))

            let decoded = try WebhookPayload.decode(delivery.body)
            #expect(decoded.data.first?.intID == productID)
            #expect(decoded.data.first?.type == "product")

            #expect(delivery.header("content-type") == "application/json")
            #expect(delivery.header("x-clerkbridge-webhook-secret") == "s3cret")
            #expect(delivery.header("webhook-id")?.isEmpty == false)
            #expect(delivery.header("webhook-signature")?.hasPrefix("v1,") == true)
            let bySignature = WebhookAuthenticator(sharedSecret: nil, clientSecret: SandboxConfiguration.defaultWebhookClientSecret)
            #expect(bySignature.authenticate(headers: delivery.headerList, body: delivery.body, now: Date()) == .verified(method: .signature))
            let wrongSecret = WebhookAuthenticator(sharedSecret: nil, clientSecret: "another-secret")
            #expect(!wrongSecret.authenticate(headers: delivery.headerList, body: delivery.body, now: Date()).isVerified)
            let bySharedSecret = WebhookAuthenticator(sharedSecret: "s3cret", clientSecret: nil)
            #expect(bySharedSecret.authenticate(headers: delivery.headerList, body: delivery.body, now: Date()) == .verified(method: .sharedSecret))

            let counters = sandbox.webhooks.counters
            #expect(counters.eventsEmitted == 1)
            #expect(counters.deliveriesAttempted == 1)
            #expect(counters.deliveriesSucceeded == 1)
            #expect(counters.pending == 0)
        }
    }

    @Test func withoutAClientSecretDeliveriesAreUnsigned() async throws {
        var configuration = SandboxConfiguration(allowInsecureWebhookDestinations: true)
        configuration.webhookClientSecret = nil
        try await WebhookFixture.with(configuration) { fixture in
            _ = try fixture.sandbox.webhooks.createHook(scope: "store/category/updated", destination: fixture.destination())
            fixture.sandbox.webhooks.emit(scope: "store/category/updated", data: ["type": "category", "id": 5])
            #expect(await fixture.settle())
            let delivery = try #require(fixture.receiver.deliveries.first)
            #expect(delivery.header("webhook-signature") == nil)
            #expect(delivery.header("webhook-id") == nil)
        }
    }

    @Test func wildcardScopesMatchAndInactiveHooksGetNothing() async throws {
        try await WebhookFixture.with { fixture in
            let webhooks = fixture.sandbox.webhooks
            _ = try webhooks.createHook(scope: "store/product/*", destination: fixture.destination("products"))
            _ = try webhooks.createHook(scope: "store/priceList/record/*", destination: fixture.destination("records"))
            _ = try webhooks.createHook(scope: "store/category/updated", destination: fixture.destination("categories"))
            _ = try webhooks.createHook(scope: "store/product/updated", destination: fixture.destination("inactive"), isActive: false)

            webhooks.emit(scope: "store/product/updated", data: ["type": "product", "id": 1])
            webhooks.emit(scope: "store/product/inventory/updated", data: ["type": "product", "id": 2])
            webhooks.emit(scope: "store/priceList/record/updated", data: ["price_list_id": 1, "variant_id": 3, "currency": "USD"])
            webhooks.emit(scope: "store/priceList/records/updated", data: [["price_list_id": 1, "variant_id": 4, "currency": "USD"]])
            webhooks.emit(scope: "store/sku/updated", data: ["type": "sku", "id": 5])
            #expect(await fixture.settle())

            var scopesByPath: [String: Set<String>] = [:]
            for delivery in fixture.receiver.deliveries {
                scopesByPath[delivery.path, default: []].insert(delivery.json?["scope"]?.stringValue ?? "")
            }
            #expect(scopesByPath["/webhooks/products"] == ["store/product/updated", "store/product/inventory/updated"])
            #expect(scopesByPath["/webhooks/records"] == ["store/priceList/record/updated"])
            #expect(scopesByPath["/webhooks/categories"] == nil)
            #expect(scopesByPath["/webhooks/inactive"] == nil)
            #expect(webhooks.counters.eventsEmitted == 5)
            #expect(fixture.receiver.deliveries.count == 3)
        }
    }

    @Test func aFailedDeliveryIsRetriedWithTheSameIDAndBody() async throws {
        try await WebhookFixture.with(respond: { index, _ in index == 0 ? 500 : 200 }) { fixture in
            let hook = try fixture.sandbox.webhooks.createHook(scope: "store/product/created", destination: fixture.destination())
            fixture.sandbox.webhooks.emit(scope: "store/product/created", data: ["type": "product", "id": 7])
            #expect(await eventually { fixture.receiver.deliveries.count == 2 })
            #expect(await fixture.settle())
            let deliveries = fixture.receiver.deliveries
            #expect(deliveries.map(\.status) == [500, 200])
            #expect(deliveries[0].header("webhook-id") == deliveries[1].header("webhook-id"))
            #expect(deliveries[0].body == deliveries[1].body)
            let authenticator = WebhookAuthenticator(sharedSecret: nil, clientSecret: SandboxConfiguration.defaultWebhookClientSecret)
            #expect(authenticator.authenticate(headers: deliveries[1].headerList, body: deliveries[1].body, now: Date()).isVerified)
            let counters = fixture.sandbox.webhooks.counters
            #expect(counters.failedAttempts == 1)
            #expect(counters.deliveriesSucceeded == 1)
            #expect(counters.hooksDeactivated == 0)
            #expect(fixture.sandbox.webhooks.hook(id: hook.id)?.isActive == true)
        }
    }

    @Test func exhaustedRetriesDeactivateTheHook() async throws {
        try await WebhookFixture.with(respond: { _, _ in 503 }) { fixture in
            let webhooks = fixture.sandbox.webhooks
            let hook = try await fixture.client.createHook(scope: "store/product/deleted", destination: fixture.destination())
            webhooks.emit(scope: "store/product/deleted", data: ["type": "product", "id": 8])
            #expect(await eventually { webhooks.hook(id: hook.id)?.isActive == false })
            #expect(await fixture.settle())
            let retries = WebhookFixture.fastSettings.retryDelays.count
            #expect(fixture.receiver.deliveries.count == retries + 1)
            #expect(Set(fixture.receiver.deliveries.compactMap { $0.header("webhook-id") }).count == 1)
            #expect(webhooks.counters.failedAttempts == retries + 1)
            #expect(webhooks.counters.hooksDeactivated == 1)

            let admin = try await fixture.client.hooksAdmin()
            #expect(admin.hooks.first?.status == "deactivated")
            #expect(admin.hooks.first?.isDeactivated == true)
            #expect(try await fixture.client.hooks().first?.isActive == false)

            #expect(webhooks.emit(scope: "store/product/deleted", data: ["type": "product", "id": 9]) == 0)
            let reactivated = try await fixture.client.updateHook(id: hook.id, isActive: true)
            #expect(reactivated.isActive)
            #expect(try await fixture.client.hooksAdmin().hooks.first?.status == "active")
        }
    }

    @Test func anUnreachableDestinationCountsAsFailure() async throws {
        let closed = try await SandboxWebhookReceiver.start()
        let destination = closed.url.absoluteString
        await closed.shutdown()
        try await WebhookFixture.with { fixture in
            let webhooks = fixture.sandbox.webhooks
            let hook = try webhooks.createHook(scope: "store/sku/updated", destination: destination)
            webhooks.emit(scope: "store/sku/updated", data: ["type": "sku", "id": 1])
            #expect(await fixture.settle())
            #expect(webhooks.hook(id: hook.id)?.isActive == false)
            #expect(webhooks.counters.failedAttempts == WebhookFixture.fastSettings.retryDelays.count + 1)
        }
    }

    @Test func aSlowReceiverTimesOut() async throws {
        var settings = WebhookFixture.fastSettings
        settings.timeout = .milliseconds(50)
        settings.retryDelays = [.milliseconds(10)]
        try await WebhookFixture.with(settings: settings, receiverLatency: .milliseconds(500)) { fixture in
            let webhooks = fixture.sandbox.webhooks
            let hook = try webhooks.createHook(scope: "store/product/created", destination: fixture.destination())
            webhooks.emit(scope: "store/product/created", data: ["type": "product", "id": 1])
            #expect(await fixture.settle())
            #expect(webhooks.counters.failedAttempts == 2)
            #expect(webhooks.counters.deliveriesSucceeded == 0)
            #expect(webhooks.hook(id: hook.id)?.status == "deactivated")
        }
    }

    @Test func duplicatesArriveIdentical() async throws {
        var settings = WebhookFixture.fastSettings
        settings.duplicateRate = 1
        try await WebhookFixture.with(settings: settings) { fixture in
            _ = try fixture.sandbox.webhooks.createHook(scope: "store/category/updated", destination: fixture.destination())
            #expect(fixture.sandbox.webhooks.emit(scope: "store/category/updated", data: ["type": "category", "id": 3]) == 2)
            #expect(await fixture.settle())
            let deliveries = fixture.receiver.deliveries
            #expect(deliveries.count == 2)
            #expect(Set(deliveries.compactMap { $0.json?["hash"]?.stringValue }).count == 1)
            #expect(Set(deliveries.compactMap { $0.header("webhook-id") }).count == 1)
            #expect(deliveries.first?.body == deliveries.last?.body)
            #expect(fixture.sandbox.webhooks.counters.duplicatesSent == 1)
        }
    }

    @Test func aReorderWindowShufflesCloseEvents() async throws {
        for window in [0, 8] {
            var settings = WebhookFixture.fastSettings
            settings.reorderWindow = window
            settings.maxConcurrentDeliveries = 1
            try await WebhookFixture.with(settings: settings) { fixture in
                _ = try fixture.sandbox.webhooks.createHook(scope: "store/product/updated", destination: fixture.destination())
                for id in 1...8 { fixture.sandbox.webhooks.emit(scope: "store/product/updated", data: ["type": "product", "id": JSONValue.int(id)]) }
                #expect(await fixture.settle())
                let ids = fixture.payloads.compactMap { $0.at("data.id")?.intValue }
                #expect(ids.sorted() == Array(1...8))
                if window == 0 { #expect(ids == Array(1...8)) } else { #expect(ids != Array(1...8)) }
            }
        }
    }

    @Test func aPartlyFilledReorderWindowIsFlushed() async throws {
        var settings = WebhookFixture.fastSettings
        settings.reorderWindow = 50
        try await WebhookFixture.with(settings: settings) { fixture in
            _ = try fixture.sandbox.webhooks.createHook(scope: "store/product/updated", destination: fixture.destination())
            for id in 1...3 { fixture.sandbox.webhooks.emit(scope: "store/product/updated", data: ["type": "product", "id": JSONValue.int(id)]) }
            #expect(await fixture.settle())
            #expect(fixture.receiver.deliveries.count == 3)
        }
    }

    @Test func aFailingDomainIsDenyListedThenServedAgain() async throws {
        var settings = WebhookFixture.fastSettings
        settings.denyListMinimumAttempts = 4
        // Long enough that a loaded machine still reads the block before it ends; settle() waits up to 10 s.
        settings.denyListDuration = .seconds(4)
        settings.retryDelays = [.milliseconds(50), .milliseconds(50), .milliseconds(50)]
        try await WebhookFixture.with(settings: settings, respond: { index, _ in index < 4 ? 500 : 200 }) { fixture in
            let webhooks = fixture.sandbox.webhooks
            _ = try webhooks.createHook(scope: "store/product/updated", destination: fixture.destination())
            for id in 1...4 { webhooks.emit(scope: "store/product/updated", data: ["type": "product", "id": JSONValue.int(id)]) }
            #expect(await eventually { !webhooks.blockedDomains().isEmpty })
            let admin = try await fixture.client.hooksAdmin()
            let blocked = try #require(admin.blockedDomains.first)
            #expect(blocked.destination == "127.0.0.1")
            #expect((blocked.timeLeft ?? 0) >= 1)
            #expect(blocked.reasons.first?.failureDescription == "HTTP 500")
            #expect(blocked.reasons.first?.count == 4)
            #expect(await fixture.settle())
            #expect(webhooks.counters.heldByBlockedDomain > 0)
            #expect(webhooks.counters.deliveriesSucceeded == 4)
            #expect(webhooks.blockedDomains().isEmpty)
        }
    }
}
