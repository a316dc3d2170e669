import Foundation
import SyncStore
import Testing

@testable import Tracking

/// `EventIntake`: per-event storefront and identity rules, durability before the answer, redelivery.
@Suite struct EventIntakeTests {
    typealias Token = CustomerTokenVerifierTests

    func intake(_ store: SQLiteSyncStore) -> EventIntake {
        EventIntake(
            log: store, storefronts: ["main", "eu"],
            verifier: CustomerTokenVerifier(clientSecret: Token.secret, storeHash: Token.storeHash))
    }

    func body(_ events: [String]) -> [UInt8] {
        Array("{\"events\": [\(events.joined(separator: ","))]}".utf8)
    }

    func stored(_ store: SQLiteSyncStore) async throws -> [AcceptedEvent] {
        try await store.claimEvents(owner: "t", now: testNow, lease: .seconds(30), limit: 100).map {
            try AcceptedEvent(stored: $0.event)
        }
    }

    @Test func validEventsAreStoredBesideRejectedNeighbours() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let answer = try await intake(store).accept(
            body([
                eventJSON(id: "a", type: "product_viewed", fields: #""product_id": 1"#),
                eventJSON(id: "b", type: "product_viewed", fields: #""product_id": 2, "storefront": "nowhere""#),
                eventJSON(id: "c", type: "teleported", fields: #""product_id": 3"#),
                eventJSON(id: "d", type: "category_viewed", fields: #""category_id": 4, "storefront": "eu""#),
            ]), now: testNow)
        #expect(answer.accepted == 2)
        #expect(answer.rejected.map(\.index) == [1, 2])
        #expect(answer.rejected.map(\.code) == [.unknownStorefront, .unknownType])
        let events = try await stored(store)
        #expect(events.map(\.event.id) == ["a", "d"])
        #expect(events.map(\.storefront) == ["main", "eu"])
    }

    @Test func aVerifiedTokenAttachesTheCustomerAndIsNotStored() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let token = Token.token(payload: Token.payload())
        _ = try await intake(store).accept(
            body([eventJSON(id: "a", type: "product_viewed", fields: #""product_id": 1, "customer_token": "\#(token)""#)]),
            now: testNow)
        let event = try #require(try await stored(store).first)
        #expect(event.customer == CustomerIdentity(customerID: 4927, email: "john.doe@example.com", groupID: 6))
        #expect(event.event.customerToken == nil)
        let payload = String(decoding: try #require(try await store.claimEvents(owner: "u", now: testNow.addingTimeInterval(60), lease: .seconds(1), limit: 1).first).event.payload, as: UTF8.self)
        #expect(!payload.contains(token))
    }

    @Test func forgedExpiredOrForeignTokensLeaveTheEventAnonymous() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let now = Int(testNow.timeIntervalSince1970)
        let tokens = [
            Token.token(payload: Token.payload(), secret: "someone-else"),
            Token.token(payload: Token.payload(iat: now - 3_600, exp: now - 1_800)),
            Token.token(payload: Token.payload(storeHash: "other1")),
            "not.a.jwt",
        ]
        let events = tokens.enumerated().map { index, token in
            eventJSON(id: "e\(index)", type: "product_viewed", fields: #""product_id": 1, "customer_token": "\#(token)""#)
        }
        let answer = try await intake(store).accept(body(events), now: testNow)
        #expect(answer.accepted == 4 && answer.rejected.isEmpty)
        #expect(try await stored(store).allSatisfy { $0.customer == nil })
    }

    @Test func aTypedEmailIsAcceptedWithOrWithoutATokenAndOnlyATokenMakesACustomer() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let token = Token.token(payload: Token.payload())
        let answer = try await intake(store).accept(
            body([
                eventJSON(id: "a", type: "email_identified", fields: #""email": "John.Doe@example.com", "customer_token": "\#(token)""#),
                eventJSON(id: "b", type: "email_identified", fields: #""email": "newsletter@example.com""#),
                eventJSON(id: "c", type: "email_identified", fields: #""email": "not an address""#),
            ]), now: testNow)
        #expect(answer.accepted == 2 && answer.rejected.map(\.code) == [.invalidEmail])
        let kept = try await stored(store)
        #expect(kept.map(\.event.id) == ["a", "b"])
        #expect(kept.first { $0.event.id == "a" }?.customer?.email == "john.doe@example.com")
        #expect(kept.first { $0.event.id == "b" }?.customer == nil, "a typed address is not a verified customer")
    }

    @Test func aRedeliveredEventCountsAsAcceptedAndIsStoredOnce() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let batch = body([eventJSON(id: "a", type: "product_viewed", fields: #""product_id": 1"#)])
        #expect(try await intake(store).accept(batch, now: testNow).accepted == 1)
        #expect(try await intake(store).accept(batch, now: testNow).accepted == 1)
        #expect(try await store.eventCounts()[.pending] == 1)
    }

    @Test func aBatchThatIsNotOneKeepsNothing() async throws {
        let store = try SQLiteSyncStore.inMemory()
        await #expect(throws: EventIntakeError.batch(.invalidBatch("the body is not valid JSON"))) {
            try await intake(store).accept(Array("{nope".utf8), now: testNow)
        }
        #expect(try await store.eventCounts()[.pending] == 0)
    }
}
