import Dashboard
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import SyncStore
import Testing

/// `/admin/api/*` through the real router over the sandbox: who may call it, the shapes contract.md gives, and what
/// each action does to the store.
@Suite("dashboard API")
struct AdminAPITests {
    typealias H = AdminHarness

    @Test func withTokensTheAPIWantsABearerAndTheReadOnlyTokenCannotAct() async throws {
        try await H.with { harness in
            let letter = try await harness.productLetter(harness.productID)
            try await harness.test { client in
                for uri in ["/admin/api/overview", "/admin/api/dead-letters", "/admin/api/dead-letters/\(letter)", "/admin/api/jobs",
                            "/admin/api/webhooks", "/admin/api/storefronts"] {
                    try await client.execute(uri: uri, method: .get) { response in
                        #expect(response.status == .unauthorized, "\(uri)")
                        #expect(response.headers[.wwwAuthenticate] == "Bearer", "\(uri)")
                        #expect(H.errorCode(response) == "unauthenticated", "\(uri)")
                    }
                    try await client.execute(uri: uri, method: .get, headers: H.bearer("not-the-token-at-all")) { response in
                        #expect(response.status == .unauthorized, "\(uri)")
                    }
                    try await client.execute(uri: uri, method: .get, headers: H.bearer()) { response in
                        #expect(response.status == .ok, "\(uri)")
                        #expect(response.headers[.contentType] == "application/json", "\(uri)")
                        #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                    }
                    try await client.execute(uri: uri, method: .get, headers: H.bearer(H.readOnlyToken)) { response in
                        #expect(response.status == .ok, "\(uri)")
                    }
                }
                for uri in ["/admin/api/dead-letters/\(letter)/replay", "/admin/api/dead-letters/\(letter)/discard",
                            "/admin/api/dead-letters/replay?confirm=1", "/admin/api/dead-letters/discard?confirm=1",
                            "/admin/api/jobs/1/retry", "/admin/api/jobs/1/cancel"] {
                    try await client.execute(uri: uri, method: .post) { response in
                        #expect(response.status == .unauthorized, "\(uri)")
                    }
                    try await client.execute(uri: uri, method: .post, headers: H.bearer(H.readOnlyToken)) { response in
                        #expect(response.status == .forbidden, "\(uri)")
                        #expect(H.errorCode(response) == "read_only", "\(uri)")
                    }
                }
            }
            #expect(try await harness.store.deadLetter(id: letter)?.resolvedAt == nil, "nothing the refused calls asked for happened")
        }
    }

    @Test func theOverviewHasContractsShape() async throws {
        try await H.with { harness in
            try await harness.productLetter(harness.productID)
            try await harness.store.enqueue(JobKey(kind: .productSync, entity: "5"), payload: [], runAt: Date(), now: Date().addingTimeInterval(-30))
            try await harness.test { client in
                try await client.execute(uri: "/admin/api/overview", method: .get, headers: H.bearer()) { response in
                    let overview = try H.object(response)
                    for key in ["storefronts", "queue", "events", "dead_letters", "dependencies", "throughput", "ready", "problems"] {
                        #expect(overview[key] != nil, "\(key)")
                    }
                    #expect(overview["dead_letters"] as? Int == 1)
                    let storefronts = try #require(overview["storefronts"] as? [[String: Any]])
                    #expect(storefronts.map { $0["name"] as? String } == harness.targets.map(\.name))
                    for storefront in storefronts {
                        #expect(storefront["documents"] is Int && storefront["lag_seconds"] is Int)
                        #expect((storefront["lag_seconds"] as? Int ?? 0) >= 30)
                        #expect(storefront["last_reindex"] == nil, "never reindexed: left out, not null")
                    }
                    let queue = try #require(overview["queue"] as? [String: Any])
                    for key in ["available", "running", "retryable", "completed", "dead", "oldest_pending_seconds"] {
                        #expect(queue[key] is Int, "\(key)")
                    }
                    #expect(queue["available"] as? Int == 1)
                    let events = try #require(overview["events"] as? [String: Any])
                    #expect(events["pending"] is Int && events["oldest_pending_seconds"] is Int)
                    let throughput = try #require(overview["throughput"] as? [String: Any])
                    #expect((throughput["series"] as? [Any])?.count == 60)
                    #expect(String(buffer: response.body).contains("null") == false)
                }
            }
        }
    }

    @Test func deadLettersAreListedFilteredAndShownWithTheirPayloadsMasked() async throws {
        try await H.with { harness in
            let other = harness.targets[1].name
            let first = try await harness.productLetter(harness.productID, at: Date().addingTimeInterval(-60))
            let second = try await harness.productLetter(harness.listedProducts[1], storefront: other, error: "HTTP 500 from Clerk")
            try await harness.store.addDeadLetter(
                DeadLetterDraft(storefront: nil, kind: "catalog.refresh", entityID: "store", error: "timeout"), at: Date())
            try await harness.test { client in
                try await client.execute(uri: "/admin/api/dead-letters", method: .get, headers: H.bearer()) { response in
                    let letters = try H.array(response)
                    #expect(letters.count == 3)
                    #expect(response.headers[HTTPField.Name("X-Total-Count")!] == "3")
                    let entry = try #require(letters.first { $0["id"] as? Int == Int(first) })
                    #expect(Set(entry.keys) == ["id", "storefront", "kind", "entity_id", "error", "attempts", "first_failed_at", "last_failed_at"])
                    #expect(letters.first { $0["kind"] as? String == "catalog.refresh" }?["storefront"] == nil)
                }
                let filters: [(String, [String])] = [
                    ("storefront=\(other)", ["\(harness.listedProducts[1])"]),
                    ("storefront=*", ["store"]),
                    ("kind=catalog.refresh", ["store"]),
                    ("q=http+500", ["\(harness.listedProducts[1])"]),
                    ("storefront=\(harness.storefront)&kind=product_push&q=price", ["\(harness.productID)"]),
                    ("limit=1&offset=2", ["\(harness.productID)"]),
                ]
                for (query, entities) in filters {
                    try await client.execute(uri: "/admin/api/dead-letters?\(query)", method: .get, headers: H.bearer()) { response in
                        let value = try H.array(response)
                        #expect(value.map { $0["entity_id"] as? String } == entities, "\(query)")
                    }
                }
                for (query, mentioned) in [("kind=product_pushh", "product_pushh"), ("storefront=Not+A+Name", "storefront"),
                                           ("limit=0", "limit"), ("color=red", "color"), ("resolved=maybe", "resolved")] {
                    try await client.execute(uri: "/admin/api/dead-letters?\(query)", method: .get, headers: H.bearer()) { response in
                        #expect(response.status == .badRequest, "\(query)")
                        #expect(String(buffer: response.body).contains(mentioned), "\(query)")
                    }
                }
                try await client.execute(uri: "/admin/api/dead-letters/\(second)", method: .get, headers: H.bearer()) { response in
                    let detail = try H.object(response)
                    #expect(detail["id"] as? Int == Int(second))
                    let request = try #require(detail["request"] as? String)
                    #expect(request.contains(#""private_key":"***""#))
                    #expect(!String(buffer: response.body).contains(harness.targets[1].clerkKeys.privateKey))
                    #expect((detail["response"] as? String)?.contains("ParsingError") == true)
                    #expect(detail["response_status"] as? Int == 200)
                    let history = try #require(detail["history"] as? [[String: Any]])
                    #expect(history.count == 1 && history[0]["error"] as? String == "HTTP 500 from Clerk")
                }
                try await client.execute(uri: "/admin/api/dead-letters/999", method: .get, headers: H.bearer()) { response in
                    #expect(response.status == .notFound && H.errorCode(response) == "not_found")
                }
                try await client.execute(uri: "/admin/api/dead-letters/abc", method: .get, headers: H.bearer()) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }

    @Test func replayAndDiscardAnswerTheirOutcomeAndTheLetterLeavesTheList() async throws {
        try await H.with { harness in
            let product = try await harness.productLetter(harness.productID)
            let unreadable = try await harness.store.addDeadLetter(
                DeadLetterDraft(storefront: harness.storefront, kind: "product_push", entityID: "not-a-product", error: "?"), at: Date())
            let job = try await harness.store.addDeadLetter(
                DeadLetterDraft(storefront: nil, kind: "catalog.refresh", entityID: "store", error: "timeout"), at: Date())
            let discard = try await harness.productLetter(harness.listedProducts[1])
            try await harness.test { client in
                func action(_ path: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                    try await client.execute(uri: path, method: .post, headers: H.bearer()) { ($0.status, (try? H.object($0)) ?? [:]) }
                }
                let replayed = try await action("/admin/api/dead-letters/\(product)/replay")
                #expect(replayed.0 == .ok)
                #expect(replayed.1["outcome"] as? String == "resolved" && replayed.1["id"] as? Int == Int(product))
                #expect(harness.sandbox.clerkStorage.products(publicKey: harness.targets[0].clerkKeys.publicKey)[harness.productID] != nil)

                let failing = try await action("/admin/api/dead-letters/\(unreadable)/replay")
                #expect(failing.1["outcome"] as? String == "still_failing")
                #expect((failing.1["detail"] as? String)?.contains("cannot be replayed") == true)

                let queued = try await action("/admin/api/dead-letters/\(job)/replay")
                #expect(queued.1["outcome"] as? String == "queued" && queued.1["job_id"] is Int)

                let discarded = try await action("/admin/api/dead-letters/\(discard)/discard")
                #expect(discarded.1["outcome"] as? String == "discarded")

                let again = try await action("/admin/api/dead-letters/\(discard)/discard")
                #expect(again.0 == .conflict)
                #expect((again.1["error"] as? [String: Any])?["code"] as? String == "already_resolved")
                #expect(try await action("/admin/api/dead-letters/4242/replay").0 == .notFound)

                try await client.execute(uri: "/admin/api/dead-letters", method: .get, headers: H.bearer()) { response in
                    let value = try H.array(response)
                    #expect(value.map { $0["id"] as? Int } == [Int(unreadable)])
                }
            }
            let jobs = try await harness.store.jobs(state: .available, limit: 10)
            #expect(jobs.map(\.key) == [JobKey(kind: .catalogRefresh, entity: "store")])
        }
    }

    @Test func bulkActionsNeedAConfirmationMatchingTheFilterAndStopAtTheCap() async throws {
        try await H.with { harness in
            let base = Date().addingTimeInterval(-10_000)
            for index in 0..<(DeadLetterDesk.replayLimit + 3) {
                try await harness.store.addDeadLetter(
                    DeadLetterDraft(storefront: nil, kind: "catalog.refresh", entityID: "e\(index)", error: "timeout"),
                    at: base.addingTimeInterval(Double(index)))
            }
            try await harness.productLetter(harness.productID)
            try await harness.test { client in
                let form: HTTPFields = H.bearer(H.adminToken, [.contentType: "application/x-www-form-urlencoded"])
                try await client.execute(uri: "/admin/api/dead-letters/replay", method: .post, headers: form, body: ByteBuffer(string: "kind=catalog.refresh")) {
                    #expect($0.status == .badRequest && H.errorCode($0) == "confirmation_required")
                }
                try await client.execute(
                    uri: "/admin/api/dead-letters/replay", method: .post, headers: form,
                    body: ByteBuffer(string: "kind=catalog.refresh&confirm=\(DeadLetterDesk.replayLimit + 3)")
                ) { response in
                    #expect(response.status == .conflict && H.errorCode(response) == "confirmation_stale")
                    #expect(String(buffer: response.body).contains("\(DeadLetterDesk.replayLimit + 3) letters match"))
                }
                #expect(try await harness.store.countDeadLetters(matching: DeadLetterFilter()) == DeadLetterDesk.replayLimit + 4)

                let json = H.bearer(H.adminToken, [.contentType: "application/json"])
                try await client.execute(
                    uri: "/admin/api/dead-letters/replay", method: .post, headers: json,
                    body: ByteBuffer(string: #"{"kind":"catalog.refresh","confirm":\#(DeadLetterDesk.replayLimit)}"#)
                ) { response in
                    let result = try H.object(response)
                    #expect(result["matched"] as? Int == DeadLetterDesk.replayLimit + 3)
                    #expect(result["acted"] as? Int == DeadLetterDesk.replayLimit)
                    #expect(result["remaining"] as? Int == 3)
                    #expect((result["outcomes"] as? [String: Int]) == ["queued": DeadLetterDesk.replayLimit])
                    #expect((result["results"] as? [Any])?.count == DeadLetterDesk.replayLimit)
                }
                try await client.execute(
                    uri: "/admin/api/dead-letters/discard?storefront=*", method: .post, headers: json, body: ByteBuffer(string: #"{"confirm":3}"#)
                ) { response in
                    let value = try H.object(response)
                    #expect((value["outcomes"] as? [String: Int]) == ["discarded": 3])
                }
            }
            #expect(try await harness.store.countDeadLetters(matching: DeadLetterFilter()) == 1, "the product letter was not matched")
        }
    }

    @Test func jobsAreListedAndRetriedOrCancelled() async throws {
        try await H.with { harness in
            let now = Date()
            let waiting = try await harness.store.enqueue(JobKey(kind: .orderSync, entity: "100"), payload: [], runAt: now.addingTimeInterval(900), now: now).jobID
            let dead = try await harness.store.enqueue(JobKey(kind: .catalogRefresh, entity: "store"), payload: [], runAt: now, now: now).jobID
            let running = try await harness.store.enqueue(JobKey(kind: .productSync, entity: "3"), payload: [], runAt: now, now: now).jobID
            _ = try await harness.store.claim(owner: "w", now: now, lease: .seconds(60), limit: 5, kinds: [.catalogRefresh, .productSync])
            try await harness.store.fail(id: dead, owner: "w", error: "HTTP 500", retryAt: nil, now: now)
            try await harness.test { client in
                try await client.execute(uri: "/admin/api/jobs?state=dead", method: .get, headers: H.bearer()) { response in
                    let jobs = try H.array(response)
                    #expect(jobs.map { $0["id"] as? Int } == [Int(dead)])
                    #expect(Set(jobs[0].keys) == ["id", "kind", "entity", "state", "attempts", "run_at", "last_error", "created_at", "updated_at"])
                    #expect(jobs[0]["last_error"] as? String == "HTTP 500")
                }
                try await client.execute(uri: "/admin/api/jobs?kind=order.sync", method: .get, headers: H.bearer()) { response in
                    let value = try H.array(response)
                    #expect(value.map { $0["id"] as? Int } == [Int(waiting)])
                }
                try await client.execute(uri: "/admin/api/jobs?state=stuck", method: .get, headers: H.bearer()) { response in
                    #expect(response.status == .badRequest && String(buffer: response.body).contains("state must be one of available"))
                }
                try await client.execute(uri: "/admin/api/jobs/\(dead)", method: .get, headers: H.bearer()) { response in
                    let job = try H.object(response)
                    #expect((job["history"] as? [[String: Any]])?.first?["error"] as? String == "HTTP 500")
                }
                try await client.execute(uri: "/admin/api/jobs/\(dead)/retry", method: .post, headers: H.bearer()) { response in
                    let value = try H.object(response)
                    #expect(value["outcome"] as? String == "queued")
                }
                try await client.execute(uri: "/admin/api/jobs/\(waiting)/retry", method: .post, headers: H.bearer()) { response in
                    let value = try H.object(response)
                    #expect(value["outcome"] as? String == "due_now")
                }
                try await client.execute(uri: "/admin/api/jobs/\(waiting)/cancel", method: .post, headers: H.bearer()) { response in
                    let value = try H.object(response)
                    #expect(value["outcome"] as? String == "cancelled")
                }
                try await client.execute(uri: "/admin/api/jobs/\(running)/cancel", method: .post, headers: H.bearer()) { response in
                    #expect(response.status == .conflict && H.errorCode(response) == "not_cancellable")
                }
            }
            #expect(try await harness.store.job(id: dead)?.state == .available)
            #expect(try await harness.store.job(id: waiting)?.state == .dead)
            #expect(try await harness.store.job(id: running)?.state == .running)
        }
    }

    @Test func webhooksAndStorefrontsShowWhatIsRegisteredAndResolvedWithoutSecrets() async throws {
        try await H.with { harness in
            try await harness.test { client in
                try await client.execute(uri: "/admin/api/storefronts", method: .get, headers: H.bearer()) { response in
                    let storefronts = try H.array(response)
                    #expect(storefronts.map { $0["name"] as? String } == harness.targets.map(\.name))
                    #expect(storefronts[0]["default"] as? Bool == true && storefronts[0]["resolved"] as? Bool == true)
                    #expect(storefronts[0]["currency"] as? String == harness.targets[0].storefront.currency)
                    #expect(storefronts[0]["clerk_public_key"] as? String == harness.targets[0].clerkKeys.publicKey)
                    let body = String(buffer: response.body)
                    for target in harness.targets { #expect(!body.contains(target.clerkKeys.privateKey)) }
                }
                try await client.execute(uri: "/admin/api/webhooks", method: .get, headers: H.bearer()) { response in
                    let status = try H.object(response)
                    #expect(status["destination"] as? String == "http://127.0.0.1:9/webhooks/bigcommerce")
                    #expect(status["error"] == nil && status["checked_at"] is String)
                    // Nothing registered with the sandbox yet: every scope clerkbridge needs is missing.
                    #expect(((status["missing_scopes"] as? [String]) ?? []).contains("store/product/updated"))
                }
            }
        }
    }

    @Test func aFormPostedWithoutTheScriptIsRedirectedBackSayingWhatWasDone() async throws {
        try await H.with { harness in
            let letter = try await harness.productLetter(harness.productID)
            try await harness.test { client in
                let headers = H.bearer(H.adminToken, [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"])
                try await client.execute(
                    uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: headers,
                    body: ByteBuffer(string: "return_to=%2Fadmin%2Fdead-letters%3Fkind%3Dproduct_push")
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/admin/dead-letters?kind=product_push&done=discarded&letter=\(letter)")
                }
                // A return address outside the dashboard is not followed.
                let other = try await harness.productLetter(harness.listedProducts[2])
                try await client.execute(
                    uri: "/admin/api/dead-letters/\(other)/discard", method: .post, headers: headers,
                    body: ByteBuffer(string: "return_to=https%3A%2F%2Fevil.example.com%2F")
                ) { response in
                    #expect(response.status == .ok && response.headers[.location] == nil)
                }
            }
        }
    }
}
