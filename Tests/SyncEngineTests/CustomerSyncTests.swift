import ClerkAPI
import Foundation
import JSONSupport
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

/// Customers against the sandbox (mapping.md §4): the import equals the mapping for two channels with newsletter
/// consents; webhooks keep them in step; a deleted customer is deleted from Clerk; `privacy forget` erases a shopper.
@Suite("customers and privacy against the sandbox", .serialized)
struct CustomerSyncTests {
    static let seed = SandboxShopperSeed(customers: 120, newsletterOnly: 10, orders: 60, months: 6)

    func start() async throws -> (Harness, [ResolvedStorefront]) {
        let harness = try await Harness.start(products: 40, shoppers: Self.seed)
        return (harness, try await harness.targets())
    }

    func differences(_ harness: Harness, _ targets: [ResolvedStorefront]) -> [String] {
        let expected = ExpectedShoppers.customers(in: harness.sandbox.store, targets: targets)
        var found: [String] = []
        for target in targets {
            let held = harness.sandbox.clerkStorage.customers(publicKey: target.clerkKeys.publicKey)
            let have = Dictionary(uniqueKeysWithValues: held.compactMap { key, value in Int(key).map { ($0, value) } })
            found += ExpectedShoppers.differences(expected[target.name] ?? [:], have, label: target.name)
        }
        return found
    }

    @Test func clerksCustomersEqualTheMappingOnBothChannels() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        let job = try await harness.run(.customerImport, on: worker)
        #expect(job?.state == .completed, "\(job?.lastError ?? "")")
        #expect(differences(harness, targets).isEmpty, "\(differences(harness, targets).prefix(5))")

        // The seed covers what the mapping distinguishes: both subscription states, per-channel and global accounts.
        let expected = ExpectedShoppers.customers(in: harness.sandbox.store, targets: targets)
        let documents = expected.values.flatMap(\.values)
        #expect(documents.contains { $0["subscribed"] == .bool(true) } && documents.contains { $0["subscribed"] == .bool(false) })
        #expect((expected["main-usd"] ?? [:]).count != (expected["outlet-eur"] ?? [:]).count)
        let report = try #require(try await harness.customerWork(targets).customers.lastReport())
        #expect(report.ok && report.total.sent == documents.count)

        // A second import sends nothing.
        let written = harness.sandbox.clerkFaults.counters.customersWritten
        try await harness.run(.customerImport, on: worker)
        #expect(harness.sandbox.clerkFaults.counters.customersWritten == written)
    }

    @Test func webhooksKeepCustomersInStepAndADeletedCustomerLeavesClerk() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        try await harness.run(.customerImport, on: worker)
        let main = try #require(targets.first { $0.name == "main-usd" })
        let outlet = try #require(targets.first { $0.name == "outlet-eur" })
        let global = try #require(harness.sandbox.store.customers().first { $0.channelIDs == nil })
        #expect(harness.sandbox.clerkStorage.customers(publicKey: main.clerkKeys.publicKey)[String(global.id)] != nil)

        // Renamed, then moved to channel 2 only: gone from main-usd, present in the outlet stores.
        harness.sandbox.customerEvents.update(customerID: global.id) { $0.firstName = "Renamed" }
        try await harness.run(.customer(global.id), on: worker)
        let renamed = harness.sandbox.clerkStorage.customers(publicKey: main.clerkKeys.publicKey)[String(global.id)].flatMap { JSONValue.parse($0) }
        #expect(renamed?["name"]?.stringValue?.hasPrefix("Renamed ") == true)
        harness.sandbox.customerEvents.setChannels(customerID: global.id, [2])
        try await harness.run(.customer(global.id), on: worker)
        #expect(harness.sandbox.clerkStorage.customers(publicKey: main.clerkKeys.publicKey)[String(global.id)] == nil)
        #expect(harness.sandbox.clerkStorage.customers(publicKey: outlet.clerkKeys.publicKey)[String(global.id)] != nil)

        // A newsletter subscription with consent turns `subscribed` on.
        let subscriber = harness.sandbox.customerEvents.subscribe(SandboxSubscriber(
            id: 0, email: global.email.uppercased(), firstName: "", lastName: "", source: "storefront", channelID: 2,
            consents: ["marketing_newsletter"], dateCreated: Date(), dateModified: Date()))
        try await harness.run(.subscriber(subscriber.id), on: worker)
        #expect(differences(harness, targets).isEmpty, "\(differences(harness, targets).prefix(5))")

        // Deleted in BigCommerce: deleted from every Clerk store that held it.
        #expect(harness.sandbox.customerEvents.delete(customerID: global.id))
        let job = try await harness.run(.customer(global.id), on: worker)
        #expect(job?.state == .completed)
        for target in targets {
            #expect(harness.sandbox.clerkStorage.customers(publicKey: target.clerkKeys.publicKey)[String(global.id)] == nil)
        }
        #expect(harness.sandbox.clerkFaults.counters.customersDeleted >= 2)
        #expect(differences(harness, targets).isEmpty)
    }

    @Test func privacyForgetErasesTheShopperFromClerkAndFromClerkbridge() async throws {
        let (harness, targets) = try await start()
        defer { Task { await harness.shutdown() } }
        let worker = harness.historyWorker(targets)
        try await harness.run(.customerImport, on: worker)
        let main = try #require(targets.first { $0.name == "main-usd" })
        let shopper = try #require(harness.sandbox.store.customers().first { $0.channelIDs == nil })
        let other = try #require(harness.sandbox.store.customers().last { $0.channelIDs == nil })
        let now = Date()
        // What clerkbridge keeps about both: events, an email link, a purchase report.
        for (visitor, person) in [("forgetV", shopper), ("keepV", other)] {
            _ = try await harness.store.append([
                ShopperEvent(eventID: "\(visitor)-1", storefront: "main-usd", type: "product_viewed", visitor: visitor, occurredAt: now,
                             payload: Array(#"{"id":"1"}"#.utf8)),
            ], now: now)
            try await harness.store.recordEmailLink(person.email, visitor: visitor, storefront: "main-usd", at: now)
            try await harness.store.recordPurchase(orderID: person.id + 10_000, visitor: visitor, storefront: "main-usd", customerID: person.id, at: now)
        }
        // An event naming the email in its payload, from a visitor not linked yet.
        _ = try await harness.store.append([
            ShopperEvent(eventID: "stray", storefront: "main-usd", type: "email_identified", visitor: "strayV", occurredAt: now,
                         payload: Array(#"{"email":"\#(shopper.email.uppercased())"}"#.utf8)),
        ], now: now)

        let eraser = ShopperEraser(
            client: harness.bigCommerce, clerk: harness.clerk, writer: harness.writer, targets: targets, store: harness.store,
            logger: harness.logger)
        let report = try await eraser.forget(email: "  \(shopper.email.uppercased()) ")
        #expect(report.ok, "\(report)")
        #expect(report.local.events == 2 && report.local.emailLinks == 1 && report.local.attributions == 1)
        #expect(harness.sandbox.clerkFaults.counters.forgets == targets.count)
        #expect(harness.sandbox.clerkStorage.customers(publicKey: main.clerkKeys.publicKey)[String(shopper.id)] == nil)
        #expect(harness.sandbox.clerkStorage.customers(publicKey: main.clerkKeys.publicKey)[String(other.id)] != nil)
        #expect(try await harness.store.isEmailLinked(other.email, visitor: "keepV", storefront: "main-usd"))
        #expect(!(try await harness.store.isEmailLinked(shopper.email, visitor: "forgetV", storefront: "main-usd")))
        #expect(try await harness.store.buyer(orderID: other.id + 10_000, cartID: nil, customerID: other.id) != nil)
        #expect(try await harness.store.buyer(orderID: shopper.id + 10_000, cartID: nil, customerID: shopper.id) == nil)
        #expect(try await harness.store.eventCounts().values.reduce(0, +) == 1)

        // A forgotten shopper is not sent to Clerk again by a later import or webhook.
        try await harness.run(.customerImport, on: worker)
        harness.sandbox.customerEvents.update(customerID: shopper.id) { $0.lastName = "Again" }
        try await harness.run(.customer(shopper.id), on: worker)
        for target in targets {
            #expect(harness.sandbox.clerkStorage.customers(publicKey: target.clerkKeys.publicKey)[String(shopper.id)] == nil)
        }
    }
}
