import AsyncHTTPClient
import ClerkAPI
import Foundation
import JSONSupport
import Logging
import Sandbox
import StorefrontRegistry
import SyncStore
import Synchronization
import Testing

@testable import Tracking

/// The forwarder against the Clerk simulator on loopback, through the real HTTP client.
@Suite(.serialized) struct EventForwarderTests {
    typealias Token = CustomerTokenVerifierTests

    final class Handoffs: Sendable {
        let orders = Mutex<[Int]>([])
    }

    struct Rig {
        let sandbox: SandboxServer
        let http: HTTPClient
        let clerk: ClerkClient
        let keys: ClerkStoreKeys
        let store: SQLiteSyncStore
        let handoffs = Handoffs()

        var intake: EventIntake {
            EventIntake(
                log: store, storefronts: ["main"],
                verifier: CustomerTokenVerifier(clientSecret: Token.secret, storeHash: Token.storeHash))
        }

        func forwarder(owner: String = "f1", configuration: ForwarderConfiguration = ForwarderConfiguration()) -> EventForwarder {
            let handoffs = handoffs
            return EventForwarder(
                store: store, clerk: clerk, storefronts: StorefrontRegistry(declared: [DeclaredStorefront(name: "main", clerkKeys: keys)]),
                configuration: configuration,
                purchases: { orderID, _ in handoffs.orders.withLock { $0.append(orderID) } }, owner: owner,
                logger: Logger(label: "test"))
        }

        func accept(_ events: [String], now: Date = testNow) async throws -> EventAnswer {
            try await intake.accept(Array("{\"events\": [\(events.joined(separator: ","))]}".utf8), now: now)
        }

        var calls: [ClerkLogCall] { sandbox.clerkStorage.logCalls(publicKey: keys.publicKey) }
    }

    func withRig(_ body: (Rig) async throws -> Void) async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), logger: Logger(label: "test"))
        let store = sandbox.clerkStores[0]
        let rig = Rig(
            sandbox: sandbox, http: http, clerk: clerk,
            keys: ClerkStoreKeys(publicKey: store.publicKey, privateKey: store.privateKey),
            store: try SQLiteSyncStore.inMemory())
        do {
            try await body(rig)
        } catch {
            try await http.shutdown()
            await sandbox.shutdown()
            throw error
        }
        try await http.shutdown()
        await sandbox.shutdown()
    }

    func event(_ id: String, visitor: String = "v8f3k2", type: String, _ fields: String) -> String {
        #"{"id": "\#(id)", "type": "\#(type)", "visitor_id": "\#(visitor)", "occurred_at": "2026-11-24T11:59:30Z", \#(fields)}"#
    }

    @Test func everyEventTypeBecomesItsClerkCallWithTheRightParameters() async throws {
        try await withRig { rig in
            let token = Token.token(payload: Token.payload())
            let answer = try await rig.accept([
                event("1", type: "product_viewed", #""product_id": 112, "variant_id": 77, "customer_token": "\#(token)""#),
                event("2", type: "category_viewed", #""category_id": 23"#),
                event("3", type: "search_performed", #""query": "trail shoe""#),
                event("4", type: "product_clicked", #""product_id": 113, "source": {"api": "recommendations/popular", "position": 3, "labels": ["Home - Popular"]}"#),
                event("5", type: "cart_item_added", #""product_id": 112, "variant_id": 77, "quantity": 2, "cart_id": "cart-1", "customer_token": "\#(token)""#),
                event("6", type: "cart_item_removed", #""product_id": 112, "quantity": 1, "cart_id": "cart-1""#),
                event("7", type: "cart_updated", #""cart_id": "cart-1", "items": [{"product_id": 112, "variant_id": 77, "quantity": 1}, {"product_id": 112, "variant_id": 78, "quantity": 2}]"#),
                event("8", type: "checkout_started", #""cart_id": "cart-1", "items": [{"product_id": 114, "quantity": 1}]"#),
                event("9", type: "order_purchased", #""order_id": 250, "items": [{"product_id": 112, "quantity": 3, "price": 19.5}]"#),
                event("10", type: "email_identified", #""email": "john.doe@example.com", "customer_token": "\#(token)""#),
            ])
            #expect(answer.accepted == 10)
            let pass = try await rig.forwarder().forwardOnce(now: testNow)
            #expect(pass.done == 10 && pass.dead == 0)

            let v: JSONValue = "v8f3k2"
            let expected: [(String, JSONValue)] = [
                ("log/email", ["email": "john.doe@example.com", "visitor": v]),
                ("log/product", ["product": 112, "visitor": v]),
                ("log/category", ["category": 23, "visitor": v]),
                ("search/search", ["labels": ["Storefront search"], "limit": 1, "query": "trail shoe", "visitor": v]),
                ("log/click", ["api": "recommendations/popular", "labels": ["Home - Popular"], "n": 3, "product": 113, "visitor": v]),
                ("log/cart/add", ["basket_id": "cart-1", "email": "john.doe@example.com", "products": [["id": 112, "qty": 2]], "visitor": v]),
                ("log/cart/remove", ["basket_id": "cart-1", "products": [["id": 112, "qty": 1]], "visitor": v]),
                ("log/cart/update", ["basket_id": "cart-1", "products": [["id": 112, "qty": 3]], "visitor": v]),
                ("log/cart/update", ["basket_id": "cart-1", "products": [["id": 114, "qty": 1]], "visitor": v]),
                ("log/cart/update", ["products": [], "visitor": v]),
            ]
            let calls = rig.calls
            #expect(calls.map(\.endpoint) == expected.map(\.0))
            for (call, (endpoint, parameters)) in zip(calls, expected) {
                #expect(call.parameters == parameters, "\(endpoint)")
            }
            // The email was linked once although three events carried the token; the purchase named its visitor.
            #expect(try await rig.store.isEmailLinked("john.doe@example.com", visitor: "v8f3k2", storefront: "main"))
            #expect(rig.handoffs.orders.withLock { $0 } == [250])
            // The purchase report was anonymous (no token on event 9), so only the cart corroborates it.
            #expect(try await rig.store.buyer(orderID: 250, cartID: nil, customerID: 4927) == nil)
            #expect(try await rig.store.buyer(orderID: 250, cartID: "cart-1", customerID: nil)?.evidence == .purchaseEvent)
            #expect(try await rig.store.buyer(orderID: 999, cartID: "cart-1", customerID: nil)?.visitor == "v8f3k2")
            #expect(try await rig.store.eventCounts()[.forwarded] == 10)
        }
    }

    @Test func aNewsletterSignUpWithoutATokenLinksTheAnonymousVisitorByLogEmailOnce() async throws {
        try await withRig { rig in
            let answer = try await rig.accept([
                event("1", visitor: "anon1", type: "product_viewed", #""product_id": 112"#),
                event("2", visitor: "anon1", type: "email_identified", #""email": "Reader@Example.com""#),
                event("3", visitor: "anon1", type: "email_identified", #""email": "reader@example.com""#),
                event("4", visitor: "anon1", type: "cart_item_added", #""product_id": 113, "quantity": 1"#),
            ])
            #expect(answer.accepted == 4 && answer.rejected.isEmpty)
            let pass = try await rig.forwarder().forwardOnce(now: testNow)
            #expect(pass.done == 4 && pass.dead == 0)
            #expect(rig.calls.map(\.endpoint) == ["log/product", "log/email", "log/cart/add"])
            let link = try #require(rig.calls.first { $0.endpoint == "log/email" })
            #expect(link.parameters == ["email": "Reader@Example.com", "visitor": "anon1"])
            #expect(rig.calls.last?["email"] == nil, "a typed address is not a verified customer's")
            #expect(try await rig.store.isEmailLinked("reader@example.com", visitor: "anon1", storefront: "main"))
        }
    }

    @Test func theSameEventIDReachesClerkOnce() async throws {
        try await withRig { rig in
            let batch = [event("dup", type: "product_viewed", #""product_id": 5"#)]
            _ = try await rig.accept(batch)
            try await rig.forwarder().forwardOnce(now: testNow)
            _ = try await rig.accept(batch, now: testNow.addingTimeInterval(60))
            try await rig.forwarder().forwardOnce(now: testNow.addingTimeInterval(60))
            #expect(rig.calls.count == 1)
        }
    }

    @Test func clerkDownDuringSendingDeliversEverythingAfterRecoveryAndNothingTwice() async throws {
        try await withRig { rig in
            let events = (0..<60).map { index in
                event("e\(index)", visitor: "v\(index % 6)", type: "product_viewed", #""product_id": \#(1000 + index)"#)
            }
            _ = try await rig.accept(events)
            let forwarder = rig.forwarder(configuration: ForwarderConfiguration(batchSize: 25, concurrency: 4, maxAttempts: 2))
            rig.sandbox.clerkFaults.configure { $0.down = true }
            var now = testNow
            for _ in 0..<5 {
                let pass = try await forwarder.forwardOnce(now: now)
                #expect(pass.done == 0 && pass.dead == 0)
                now = now.addingTimeInterval(120)
            }
            #expect(try await rig.store.eventCounts()[.dead] == 0)
            #expect(rig.calls.isEmpty)

            rig.sandbox.clerkFaults.configure { $0.down = false }
            let deadline = Date().addingTimeInterval(20)
            while try await rig.store.eventCounts()[.forwarded] != 60, Date() < deadline {
                try await forwarder.forwardOnce(now: now)
                now = now.addingTimeInterval(120)
            }
            let counts = try await rig.store.eventCounts()
            #expect(counts[.forwarded] == 60 && counts[.dead] == 0)
            let products = rig.calls.compactMap { $0["product"]?.intValue }
            #expect(products.count == 60)
            #expect(Set(products) == Set((0..<60).map { 1000 + $0 }))
        }
    }

    @Test func anOutageIsRecognisedWhenSomeEventsNeedNoClerkCallAndDeadLettersNothing() async throws {
        try await withRig { rig in
            // A checkout with no items and an email already linked make no Clerk call: they must not hide an outage.
            _ = try await rig.accept((0..<6).map { index in
                index % 3 == 0
                    ? event("c\(index)", visitor: "v\(index)", type: "checkout_started", #""cart_id": "k\#(index)", "items": []"#)
                    : event("p\(index)", visitor: "v\(index)", type: "product_viewed", #""product_id": \#(index + 1)"#)
            })
            rig.sandbox.clerkFaults.configure { $0.down = true }
            let forwarder = rig.forwarder(configuration: ForwarderConfiguration(maxAttempts: 2))
            var now = testNow
            for _ in 0..<4 {
                let pass = try await forwarder.forwardOnce(now: now)
                #expect(pass.dead == 0)
                now = now.addingTimeInterval(120)
            }
            let counts = try await rig.store.eventCounts()
            #expect(counts[.dead] == 0 && counts[.pending] == 4 && counts[.forwarded] == 2)
            rig.sandbox.clerkFaults.configure { $0.down = false }
            try await forwarder.forwardOnce(now: now.addingTimeInterval(120))
            #expect(try await rig.store.eventCounts()[.forwarded] == 6)
        }
    }

    @Test func anEventClerkAlwaysFailsIsDeadLetteredOnceItsOutageGraceIsOver() async throws {
        try await withRig { rig in
            _ = try await rig.accept([event("lone", type: "product_viewed", #""product_id": 1"#)])
            rig.sandbox.clerkFaults.configure { $0.down = true }
            let forwarder = rig.forwarder(configuration: ForwarderConfiguration(maxAttempts: 2, outageGrace: .seconds(3_600)))
            var now = testNow
            // Within the grace an outage uses no attempts, however many passes fail.
            for _ in 0..<5 {
                try await forwarder.forwardOnce(now: now)
                now = now.addingTimeInterval(600)
            }
            #expect(try await rig.store.eventCounts()[.pending] == 1)
            // After it, attempts count, and the event ends in the dead letters.
            for _ in 0..<4 {
                try await forwarder.forwardOnce(now: now)
                now = now.addingTimeInterval(600)
            }
            #expect(try await rig.store.eventCounts()[.dead] == 1)
            #expect(try await rig.store.deadLetters(includeResolved: false).map(\.entityID) == ["lone"])
        }
    }

    @Test func aPoisonEventIsDeadLetteredWithItsPayloadAndOthersGoThrough() async throws {
        try await withRig { rig in
            rig.sandbox.clerkFaults.configure { $0.rejectedVisitors = ["poison"] }
            _ = try await rig.accept([
                event("good1", type: "product_viewed", #""product_id": 1"#),
                event("bad", visitor: "poison", type: "category_viewed", #""category_id": 9"#),
                event("good2", visitor: "other", type: "product_viewed", #""product_id": 2"#),
            ])
            let pass = try await rig.forwarder().forwardOnce(now: testNow)
            #expect(pass.done == 2 && pass.dead == 1)
            let letters = try await rig.store.deadLetters(includeResolved: false)
            let letter = try #require(letters.first)
            #expect(letters.count == 1)
            #expect(letter.kind == EventForwarder.deadLetterKind && letter.entityID == "bad" && letter.storefront == "main")
            #expect(String(decoding: letter.requestPayload ?? [], as: UTF8.self).contains(#""category_id":9"#))
            #expect(letter.responseStatus == 400)
            #expect(String(decoding: letter.responseBody ?? [], as: UTF8.self).contains("ParsingError"))
            #expect(try await rig.store.eventCounts()[.dead] == 1)
        }
    }

    @Test func aRestartedForwarderResumesWhereTheCrashedOneStopped() async throws {
        try await withRig { rig in
            // Ten visitors, one event each: a visitor's later events would wait for the crashed lease (visitor order).
            _ = try await rig.accept((0..<10).map {
                event("r\($0)", visitor: "visitor\($0)", type: "product_viewed", #""product_id": \#($0 + 1)"#)
            })
            // A forwarder claims four and dies without a word.
            let crashed = try await rig.store.claimEvents(owner: "crashed", now: testNow, lease: .seconds(60), limit: 4)
            #expect(crashed.count == 4)
            let restarted = rig.forwarder(owner: "f2")
            #expect(try await restarted.forwardOnce(now: testNow.addingTimeInterval(1)).done == 6)
            #expect(try await restarted.forwardOnce(now: testNow.addingTimeInterval(61)).done == 4)
            #expect(Set(rig.calls.compactMap { $0["product"]?.intValue }) == Set(1...10))
            #expect(rig.calls.count == 10)
        }
    }

    @Test func aKilledForwardersEventsAreSentByTheNextWithinOneLeaseAndMarkedOnesNotAgain() async throws {
        try await withRig { rig in
            _ = try await rig.accept((0..<10).map { event("k\($0)", visitor: "v\($0)", type: "product_viewed", #""product_id": \#($0 + 1)"#) })
            // A forwarder with the production lease claims all ten, marks the three Clerk took, and is killed.
            let lease = ForwarderConfiguration().lease
            #expect(lease <= .seconds(15))
            let claimed = try await rig.store.claimEvents(owner: "killed", now: testNow, lease: lease, limit: 10)
            try await rig.store.markForwarded(ids: claimed.prefix(3).map(\.id), owner: "killed", now: testNow)
            let next = rig.forwarder(owner: "next")
            #expect(try await next.forwardOnce(now: testNow.addingTimeInterval(lease.timeInterval - 1)).claimed == 0)
            #expect(try await next.forwardOnce(now: testNow.addingTimeInterval(lease.timeInterval)).done == 7)
            #expect(Set(rig.calls.compactMap { $0["product"]?.intValue }) == Set(4...10))
            #expect(try await rig.store.eventCounts()[.forwarded] == 10)
        }
    }

    @Test func oneVisitorsEventsArriveInOrderUnderConcurrency() async throws {
        try await withRig { rig in
            _ = try await rig.accept((0..<40).map { index in
                event("o\(index)", visitor: "v\(index % 2)", type: "cart_item_added", #""product_id": \#(index + 1), "quantity": 1"#)
            })
            try await rig.forwarder(configuration: ForwarderConfiguration(concurrency: 8)).forwardOnce(now: testNow)
            for visitor in ["v0", "v1"] {
                let sequence = rig.calls.filter { $0["visitor"]?.stringValue == visitor }.compactMap { $0["products"] }
                let ids = sequence.compactMap { value -> Int? in
                    if case .array(let items) = value { return items.first?["id"]?.intValue }
                    return nil
                }
                #expect(ids == ids.sorted() && ids.count == 20, "\(visitor)")
            }
        }
    }
}
