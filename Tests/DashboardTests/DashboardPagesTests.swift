import Dashboard
import Foundation
import SyncEngine
import SyncStore
import Testing

@Suite("dashboard pages")
struct DashboardPagesTests {
    let pages = DashboardPages()
    let now = Date(timeIntervalSince1970: 1_700_003_630)

    func frame(canAct: Bool = true) -> PageFrame {
        PageFrame(csrfToken: "csrf-123", canAct: canAct, signedIn: true, notice: "Dead letter 4 discarded.", now: now)
    }

    func overview() async throws -> DashboardOverview {
        let store = try SQLiteSyncStore.inMemory()
        try await store.addDeadLetter(draft("5"), at: now)
        return try await OverviewReader(store: store, storefronts: registry(), health: nil).overview(now: now)
    }

    @Test func theOverviewIsADocumentWithTheChartTheFiguresAndTheRefresh() async throws {
        let html = pages.render(.overview(try await overview()), frame: frame())
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains(#"<meta name="csrf-token" content="csrf-123">"#))
        #expect(html.contains(#"<main id="content" data-refresh>"#))
        #expect(html.contains(#"<svg class="chart""#))
        #expect(html.contains("Dead letters"))
        #expect(html.contains(#"data-dead-letters>1<"#))
        #expect(html.contains(#"<p class="notice" role="status">Dead letter 4 discarded.</p>"#))
        #expect(html.contains(DashboardAssets.stylesheet.name) && html.contains(DashboardAssets.script.name))
        // No inline script or style: the Content-Security-Policy allows neither.
        #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains("<style"))
        let fragment = pages.render(.overview(try await overview()), frame: frame(), fragment: true)
        #expect(!fragment.contains("<!doctype") && fragment.contains(#"<svg class="chart""#))
    }

    @Test func textFromTheStoreIsEscaped() async throws {
        let letter = DeadLetter(
            id: 3, storefront: "us", kind: "product_push", entityID: "<b>9</b>", requestPayload: Array(#"{"name":"<script>alert(1)</script>"}"#.utf8),
            responseStatus: 400, responseBody: Array("<img src=x onerror=alert(2)>".utf8), error: "bad \"quote\" & <tag>", attempts: 1,
            history: [DeadLetterAttempt(at: now, error: "<i>first</i>", responseStatus: 400)], firstFailedAt: now, lastFailedAt: now,
            resolvedAt: nil)
        let html = pages.render(.deadLetter(DeadLetterDetail(letter, mask: SecretMask(secrets: []))), frame: frame())
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("<b>9</b>") && !html.contains("<i>first"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("bad &quot;quote&quot; &amp; &lt;tag&gt;"))
        #expect(html.contains(#"action="/admin/api/dead-letters/3/replay""#))
        #expect(html.contains(#"<input type="hidden" name="csrf_token" value="csrf-123">"#))
        #expect(html.contains("HTTP 400"))
    }

    @Test func theReadOnlyRoleSeesNoActions() async throws {
        let summary = DeadLetterSummary(
            DeadLetter(
                id: 8, storefront: nil, kind: "catalog.refresh", entityID: "store", requestPayload: nil, responseStatus: nil,
                responseBody: nil, error: "timeout", attempts: 3, history: [], firstFailedAt: now, lastFailedAt: now, resolvedAt: nil))
        let listing = DeadLetterListing(
            filter: DeadLetterFilter(), letters: [summary], total: 1, offset: 0, limit: 50, storefronts: ["us"], replayable: 1, discardable: 1)
        let admin = pages.render(.deadLetters(listing), frame: frame())
        #expect(admin.contains(#"action="/admin/api/dead-letters/8/replay""#))
        #expect(admin.contains(#"<input type="hidden" name="confirm" value="1">"#))
        #expect(admin.contains(#"data-letter="8""#) && admin.contains("store-wide"))
        let viewer = pages.render(.deadLetters(listing), frame: frame(canAct: false))
        #expect(!viewer.contains("/replay") && !viewer.contains("/discard"))
        #expect(viewer.contains("Read-only"))
    }

    @Test func everyPageRenders() async throws {
        let job = JobEntry(
            Job(
                id: 4, key: JobKey(kind: .productSync, entity: "12"), payload: Array("store/product/updated".utf8), state: .retryable,
                attempts: 2, runAt: now.addingTimeInterval(30), leaseOwner: nil, leaseExpiresAt: nil, lastError: "HTTP 503",
                waitReason: .outage, history: [JobAttempt(at: now, error: "HTTP 503", transient: true)], createdAt: now, updatedAt: now),
            detailed: true, mask: SecretMask(secrets: []))
        let pagesToRender: [DashboardPage] = [
            .jobs(JobListing(filter: JobFilter(state: .retryable), jobs: [job], counts: [.retryable: 1], offset: 0, limit: 50)),
            .job(job),
            .webhooks(WebhookStatus(
                destination: "https://cb.example.com/webhooks/bigcommerce", checkedAt: nil, hooks: [], missingScopes: ["store/product/updated"],
                blockedDomains: [], deliveries: [], error: nil)),
            .storefronts(StorefrontSettings.all(in: registry())),
            .problem(status: 404, title: "Not found", message: "no dead letter with id 9"),
        ]
        for page in pagesToRender {
            let html = pages.render(page, frame: frame())
            #expect(html.hasPrefix("<!doctype html>") && html.hasSuffix("</html>\n"), "\(page)")
        }
        let jobs = pages.render(pagesToRender[0], frame: frame())
        #expect(jobs.contains("in 30 s") && jobs.contains("waits: outage") && jobs.contains(#"action="/admin/api/jobs/4/cancel""#))
        let storefronts = pages.render(pagesToRender[3], frame: frame())
        #expect(storefronts.contains("pub-us") && !storefronts.contains("secret-private-us"))
        let signIn = pages.signIn(error: "That token is neither.", returnTo: "/admin/jobs")
        #expect(signIn.contains(#"name="token" type="password""#) && signIn.contains("That token is neither."))
    }
}
