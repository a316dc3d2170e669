import AsyncHTTPClient
import Dashboard
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Server
import SyncStore
import Testing

/// Who reaches the dashboard: signing in for a session cookie, the CSRF token every page `POST` needs, the read-only
/// role, and loopback-only access without a token.
@Suite("dashboard access")
struct AdminAccessTests {
    typealias H = AdminHarness

    /// The `name=value` of the session cookie `response` sets, with its attributes.
    static func sessionCookie(_ response: TestResponse) throws -> (pair: String, attributes: String) {
        let header = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("clerkbridge_admin=") })
        let pair = String(header.prefix { $0 != ";" })
        return (pair, String(header.dropFirst(pair.count)))
    }

    /// The page's CSRF token, from its meta tag.
    static func csrfToken(_ page: TestResponse) throws -> String {
        let html = String(buffer: page.body)
        let marker = #"<meta name="csrf-token" content=""#
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    @Test func signingInGivesAStrictHttpOnlySessionAndEveryPostNeedsItsCSRFToken() async throws {
        try await H.with { harness in
            let letter = try await harness.productLetter(harness.productID)
            let other = try await harness.productLetter(harness.listedProducts[1])
            try await harness.test { client in
                try await client.execute(uri: "/admin/dead-letters?kind=product_push", method: .get) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/admin/sign-in?return_to=%2Fadmin%2Fdead-letters%3Fkind%3Dproduct_push")
                }
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                try await client.execute(uri: "/admin/sign-in", method: .post, headers: form, body: ByteBuffer(string: "token=guess")) { response in
                    #expect(response.status == .unauthorized)
                    #expect(String(buffer: response.body).contains("neither the admin token nor the read-only token"))
                    #expect(response.headers[.setCookie] == nil)
                }
                let cookie = try await client.execute(
                    uri: "/admin/sign-in", method: .post, headers: form,
                    body: ByteBuffer(string: "token=\(H.adminToken)&return_to=%2Fadmin%2Fdead-letters")
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/admin/dead-letters")
                    let cookie = try Self.sessionCookie(response)
                    #expect(cookie.attributes.contains("HttpOnly") && cookie.attributes.contains("SameSite=Strict"))
                    #expect(cookie.attributes.contains("Path=/admin") && cookie.attributes.contains("Max-Age=43200"))
                    #expect(!cookie.attributes.contains("Secure"), "the public URL is http")
                    return cookie.pair
                }
                let page = try await client.execute(uri: "/admin/dead-letters", method: .get, headers: [.cookie: cookie]) { $0 }
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(page.headers[.cacheControl] == "no-store")
                let csrf = try Self.csrfToken(page)
                #expect(csrf.count == 43)

                // The cookie alone does not act.
                try await client.execute(uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "csrf_token_invalid")
                }
                var wrong: HTTPFields = [.cookie: cookie]
                wrong[HTTPField.Name("X-CSRF-Token")!] = String(csrf.reversed())
                try await client.execute(uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: wrong) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "csrf_token_invalid")
                }
                var fromElsewhere: HTTPFields = [.cookie: cookie, .origin: "https://evil.example.com"]
                fromElsewhere[HTTPField.Name("X-CSRF-Token")!] = csrf
                try await client.execute(uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: fromElsewhere) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "csrf_token_invalid")
                }
                #expect(try await harness.store.deadLetter(id: letter)?.resolvedAt == nil)

                var right: HTTPFields = [.cookie: cookie]
                right[HTTPField.Name("X-CSRF-Token")!] = csrf
                try await client.execute(uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: right) { response in
                    #expect(response.status == .ok)
                }
                // As a form field, the way the pages post without their script.
                try await client.execute(
                    uri: "/admin/api/dead-letters/\(other)/discard", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "csrf_token=\(csrf)")
                ) { response in
                    #expect(response.status == .ok)
                }

                // Signing out ends the session.
                try await client.execute(
                    uri: "/admin/sign-out", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf_token=\(csrf)")
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/admin/sign-in")
                    #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
                }
                try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .seeOther)
                }
            }
            #expect(try await harness.store.countDeadLetters(matching: DeadLetterFilter()) == 0)
        }
    }

    @Test func theReadOnlyTokenSignsInToLookNotToAct() async throws {
        try await H.with { harness in
            let letter = try await harness.productLetter(harness.productID)
            try await harness.test { client in
                let cookie = try await client.execute(
                    uri: "/admin/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "token=\(H.readOnlyToken)")
                ) { try Self.sessionCookie($0).pair }
                let page = try await client.execute(uri: "/admin/dead-letters", method: .get, headers: [.cookie: cookie]) { $0 }
                #expect(String(buffer: page.body).contains("Read-only"))
                #expect(!String(buffer: page.body).contains("/dead-letters/\(letter)/replay"))
                var headers: HTTPFields = [.cookie: cookie]
                headers[HTTPField.Name("X-CSRF-Token")!] = try Self.csrfToken(page)
                try await client.execute(uri: "/admin/api/dead-letters/\(letter)/replay", method: .post, headers: headers) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "read_only")
                }
            }
            #expect(try await harness.store.deadLetter(id: letter)?.resolvedAt == nil)
        }
    }

    @Test func withoutATokenOnlyLoopbackClientsAreServedAndBrowsersNeedTheirSession() async throws {
        try await H.with(access: AdminAccess(adminToken: nil)) { harness in
            let letter = try await harness.productLetter(harness.productID)
            // Over a real socket from 127.0.0.1: served, with a session for the page's forms.
            try await harness.test(.live) { client in
                try await client.execute(uri: "/admin/api/overview", method: .get) { #expect($0.status == .ok) }
                let page = try await client.execute(uri: "/admin", method: .get) { $0 }
                #expect(page.status == .ok)
                let cookie = try Self.sessionCookie(page).pair
                try await client.execute(uri: "/admin/sign-in", method: .get) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/admin")
                }
                // Through a proxy on the same machine: refused, since the real client is elsewhere.
                try await client.execute(uri: "/admin/api/overview", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"]) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "admin_loopback_only")
                }
                // A page elsewhere making this browser post: it sends Origin and has no session.
                try await client.execute(
                    uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: [.origin: "https://evil.example.com"]
                ) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "csrf_token_invalid")
                }
                var withToken: HTTPFields = [.cookie: cookie, .origin: "http://localhost"]
                withToken[HTTPField.Name("X-CSRF-Token")!] = try Self.csrfToken(page)
                try await client.execute(uri: "/admin/api/dead-letters/\(letter)/discard", method: .post, headers: withToken) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                }
            }
            // Without a peer address (not a loopback socket): refused.
            try await harness.test(.router) { client in
                try await client.execute(uri: "/admin/api/overview", method: .get) { response in
                    #expect(response.status == .forbidden && H.errorCode(response) == "admin_loopback_only")
                    #expect(String(buffer: response.body).contains("CLERKBRIDGE_ADMIN_TOKEN"))
                }
                try await client.execute(uri: "/admin", method: .get) { response in
                    #expect(response.status == .forbidden && String(buffer: response.body).contains("Not allowed here"))
                }
            }
        }
    }

    @Test func aNameThatIsNotLoopbackIsRefusedWithoutAToken() async throws {
        try await H.with(access: AdminAccess(adminToken: nil)) { harness in
            let server = try await LoopbackServer.start(harness.router())
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                // What a DNS-rebinding page sends: its own name, resolved to 127.0.0.1.
                var request = HTTPClientRequest(url: "\(server.origin)/admin/api/overview")
                request.headers.replaceOrAdd(name: "Host", value: "rebind.evil.example:\(server.port)")
                let refused = try await client.execute(request, timeout: .seconds(10))
                #expect(refused.status.code == 403)
                let named = try await client.execute(HTTPClientRequest(url: "http://localhost:\(server.port)/admin/api/overview"), timeout: .seconds(10))
                #expect(named.status.code == 200)
            } catch {
                Issue.record("\(error)")
            }
            try await client.shutdown()
            await server.shutdown()
        }
    }

    @Test func loopbackHostsAndOrigins() {
        for host in ["localhost", "localhost:8080", "127.0.0.1:8080", "127.3.4.5", "[::1]:8080", "admin.localhost:80"] {
            #expect(AdminAccess.isLoopbackHost(host), "\(host)")
        }
        for host in ["example.com", "127.0.0.1.evil.example", "10.0.0.1:8080", "[::2]", "localhost.example.com"] {
            #expect(!AdminAccess.isLoopbackHost(host), "\(host)")
        }
        #expect(AdminAccess.origin("http://localhost:8080", matchesHost: "localhost:8080"))
        #expect(AdminAccess.origin("https://admin.example.com", matchesHost: "admin.example.com"))
        #expect(!AdminAccess.origin("https://evil.example.com", matchesHost: "admin.example.com"))
        #expect(!AdminAccess.origin("null", matchesHost: "admin.example.com"))
    }

    @Test func assetsAreServedForGoodUnderTheirHash() async throws {
        try await H.with { harness in
            try await harness.test { client in
                for asset in [DashboardAssets.stylesheet.name, DashboardAssets.script.name] {
                    try await client.execute(uri: "/admin/assets/\(asset)", method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                        #expect(response.headers[.contentType]?.hasPrefix("text/") == true)
                    }
                }
                try await client.execute(uri: "/admin/assets/admin.css", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/admin/api/overview", method: .delete, headers: H.bearer()) { response in
                    #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET, HEAD")
                }
                try await client.execute(uri: "/admin/api/nothing", method: .get, headers: H.bearer()) { #expect($0.status == .notFound) }
            }
        }
    }
}
