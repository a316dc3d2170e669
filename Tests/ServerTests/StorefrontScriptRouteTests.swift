import BigCommerceAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Reliability
import Server
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

/// `GET /storefront.js` through the real Hummingbird router.
@Suite("storefront script route")
struct StorefrontScriptRouteTests {
    static let configuration = StorefrontScriptConfiguration(
        publicURL: "https://cb.example.com/", appClientID: "app-client-id-123")
    static let storefronts = [
        declared("us", channel: 1, currency: "USD", locale: "en"),
        declared("eu", channel: 1, currency: "EUR", locale: "de"),
        declared("b2b", channel: 2, currency: "USD"),
    ]

    /// A storefront as declared, with the test keys.
    static func declared(_ name: String, channel: Int, currency: String? = nil, locale: String? = nil) -> DeclaredStorefront {
        DeclaredStorefront(name: name, channelID: channel, currency: currency, locale: locale, clerkKeys: TestStorefronts.keys)
    }

    /// The script `configuration` serves on `channel` for the declared `storefronts`.
    static func script(
        _ configuration: StorefrontScriptConfiguration = configuration, storefronts: [DeclaredStorefront] = storefronts,
        channel: Int = 1
    ) -> String? {
        StorefrontScriptRoute(configuration: configuration, storefronts: StorefrontRegistry(declared: storefronts))
            .script(forChannel: channel)
    }

    struct Answer {
        var status: Int
        var headers: HTTPFields
        var body: String
    }

    func get(
        _ uri: String, headers: HTTPFields = [:], configuration: StorefrontScriptConfiguration = configuration,
        storefronts: [DeclaredStorefront] = storefronts
    ) async throws -> Answer {
        let store = try SQLiteSyncStore.inMemory()
        let receiver = WebhookReceiver(
            authenticator: WebhookAuthenticator(sharedSecret: "s", clientSecret: nil), inbox: store, storeHash: "abc",
            signal: WorkSignal(), logger: Logger(label: "test"))
        let registry = StorefrontRegistry(declared: storefronts)
        let router = ServerRoutes.router(
            receiver: receiver, readiness: StoreReadiness(queue: store, expectWorkers: false), storefronts: registry,
            storefrontScript: StorefrontScriptRoute(configuration: configuration, storefronts: registry))
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: headers) {
                Answer(status: Int($0.status.code), headers: $0.headers, body: String(buffer: $0.body))
            }
        }
    }

    /// The configuration object injected into a served script.
    static func injected(_ script: String) throws -> [String: Any] {
        let start = try #require(script.range(of: "var config = "))
        let end = try #require(script.range(of: ";\n", range: start.upperBound..<script.endIndex))
        let literal = String(script[start.upperBound..<end.lowerBound])
        return try #require(JSONSerialization.jsonObject(with: Data(literal.utf8)) as? [String: Any])
    }

    @Test func servesTheFirstStorefrontsChannelByDefault() async throws {
        let answer = try await get("/storefront.js")
        #expect(answer.status == 200)
        #expect(answer.headers[.contentType] == "application/javascript; charset=utf-8")
        #expect(answer.headers[.cacheControl] == "public, max-age=300")
        #expect(answer.headers[.eTag]?.hasPrefix("\"") == true)
        let config = try Self.injected(answer.body)
        #expect(config["events_url"] as? String == "https://cb.example.com/v1/events")
        #expect(config["channel_id"] as? Int == 1)
        #expect(config["app_client_id"] as? String == "app-client-id-123")
        let storefronts = try #require(config["storefronts"] as? [[String: Any]])
        #expect(storefronts.map { $0["name"] as? String } == ["us", "eu"])
        #expect(storefronts.map { $0["currency"] as? String } == ["USD", "EUR"])
        #expect(storefronts.map { $0["locale"] as? String } == ["en", "de"])
        #expect(answer.body.contains("window.clerkbridge") || answer.body.contains("w.clerkbridge = api"))
        #expect(!answer.body.contains(StorefrontScript.placeholder))
    }

    @Test func servesTheChannelAskedFor() async throws {
        let answer = try await get("/storefront.js?channel_id=2")
        #expect(answer.status == 200)
        let config = try Self.injected(answer.body)
        #expect(config["channel_id"] as? Int == 2)
        #expect((config["storefronts"] as? [[String: Any]])?.map { $0["name"] as? String } == ["b2b"])
        #expect((config["storefronts"] as? [[String: Any]])?.first?["locale"] == nil, "absent values are omitted")
        #expect(answer.headers[.eTag] != (try await get("/storefront.js?channel_id=1")).headers[.eTag])
    }

    @Test func unknownAndInvalidChannelsAreErrorsInTheContractShape() async throws {
        let unknown = try await get("/storefront.js?channel_id=7")
        #expect(unknown.status == 404)
        #expect(unknown.headers[.contentType] == "application/json")
        let error = try #require(
            (try JSONSerialization.jsonObject(with: Data(unknown.body.utf8)) as? [String: Any])?["error"] as? [String: Any])
        #expect(error["code"] as? String == "unknown_channel")
        #expect((error["message"] as? String)?.contains("7") == true)
        for bad in ["abc", "-1", "0", "1.5", "01"] {
            let answer = try await get("/storefront.js?channel_id=\(bad)")
            #expect(answer.status == 400, "\(bad)")
            #expect(answer.body.contains(#""code":"invalid_parameter""#), "\(bad)")
        }
        let none = try await get("/storefront.js", configuration: StorefrontScriptConfiguration(publicURL: "https://x"), storefronts: [])
        #expect(none.status == 404)
    }

    @Test func anUnchangedScriptIsA304() async throws {
        let first = try await get("/storefront.js?channel_id=1")
        let etag = try #require(first.headers[.eTag])
        for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
            let again = try await get("/storefront.js?channel_id=1", headers: [.ifNoneMatch: header])
            #expect(again.status == 304, "\(header)")
            #expect(again.body.isEmpty)
            #expect(again.headers[.eTag] == etag)
            #expect(again.headers[.cacheControl] == "public, max-age=300")
        }
        let stale = try await get("/storefront.js?channel_id=1", headers: [.ifNoneMatch: "\"0000000000000000\""])
        #expect(stale.status == 200 && !stale.body.isEmpty)
    }

    @Test func theStylesheetIsServedBesideTheScriptCachedWithAnETag() async throws {
        let answer = try await get("/storefront.css")
        #expect(answer.status == 200 && answer.body == StorefrontStylesheetRoute.source)
        #expect(answer.headers[.contentType] == "text/css; charset=utf-8")
        #expect(answer.headers[.cacheControl] == "public, max-age=300")
        let etag = try #require(answer.headers[.eTag])
        let again = try await get("/storefront.css", headers: [.ifNoneMatch: "W/\(etag)"])
        #expect(again.status == 304 && again.body.isEmpty && again.headers[.eTag] == etag)
        #expect(try await get("/storefront.css", headers: [.ifNoneMatch: "\"0000000000000000\""]).status == 200)
        // The script knows where it is.
        let config = try Self.injected(try await get("/storefront.js").body)
        #expect(config["stylesheet_url"] as? String == "https://cb.example.com/storefront.css")
    }

    /// The stylesheet's selectors, comments and at-rule preludes left out.
    static func selectors(_ css: String) -> [String] {
        let uncommented = css.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
        var selectors: [String] = []
        var prelude = ""
        for character in uncommented {
            switch character {
            case "{":
                let text = prelude.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.hasPrefix("@") { selectors += text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
                prelude = ""
            case "}", ";": prelude = ""
            default: prelude.append(character)
            }
        }
        return selectors
    }

    @Test func everyRuleOfTheStylesheetIsScopedToClerkbridgeClasses() {
        let selectors = Self.selectors(StorefrontStylesheetRoute.source)
        #expect(selectors.count > 20)
        for selector in selectors {
            #expect(selector.hasPrefix(".clerkbridge"), "\(selector) would style the merchant's page")
        }
        // Themes restyle it through custom properties, each with a default where it is used.
        let properties = Set(StorefrontStylesheetRoute.source.matches(of: /var\((--clerkbridge-[a-z-]+),/).map { String($0.1) })
        for documented in [
            "--clerkbridge-font", "--clerkbridge-text", "--clerkbridge-muted", "--clerkbridge-sale", "--clerkbridge-star",
            "--clerkbridge-columns", "--clerkbridge-card-min-width", "--clerkbridge-gap", "--clerkbridge-radius",
        ] {
            #expect(properties.contains(documented), "\(documented)")
        }
        #expect(!StorefrontStylesheetRoute.source.contains(/--clerkbridge-[a-z-]+\s*:/), "set by themes, never by the stylesheet")
    }

    @Test func resolvedStorefrontsAreServedWithANewETag() async throws {
        let registry = StorefrontRegistry(declared: [Self.declared("us", channel: 1)])
        let route = StorefrontScriptRoute(
            configuration: StorefrontScriptConfiguration(publicURL: "https://cb.example.com"), storefronts: registry)
        let router = Router()
        route.addRoutes(to: router)
        try await Application(router: router).test(.router) { client in
            let before = try await client.execute(uri: "/storefront.js", method: .get) { $0.headers[.eTag] }
            registry.resolve([TestStorefronts.resolved("us", baseURL: "https://shop.example.com", locale: "en")])
            let etag = try #require(before)
            let (status, after, body) = try await client.execute(
                uri: "/storefront.js", method: .get, headers: [.ifNoneMatch: etag]
            ) { (Int($0.status.code), $0.headers[.eTag], String(buffer: $0.body)) }
            #expect(status == 200, "the old ETag no longer matches")
            #expect(after != nil && after != etag)
            #expect((try Self.injected(body)["storefronts"] as? [[String: Any]])?.first?["currency"] as? String == "USD")
        }
        #expect(try Self.injected(try #require(route.script(forChannel: 1)))["storefronts"].map { "\($0)" }?.contains("en") == true)
        // A new configuration is served too.
        route.update(configuration: StorefrontScriptConfiguration(publicURL: "https://other.example.com"))
        #expect(route.script(forChannel: 1)?.contains("https://other.example.com/v1/events") == true)
    }

    @Test func configurationValuesAreInjectedAsJSONNeverPasted() throws {
        let hostile = StorefrontScriptConfiguration(publicURL: "https://cb.example.com", appClientID: "id\\\"")
        let named = [Self.declared("x\"</script><script>alert(1)</script>\u{2028}'", channel: 1)]
        let script = try #require(Self.script(hostile, storefronts: named))
        #expect(!script.contains("</script>"))
        #expect(!script.contains("\u{2028}"))
        let config = try Self.injected(script)
        #expect((config["storefronts"] as? [[String: Any]])?.first?["name"] as? String
            == "x\"</script><script>alert(1)</script>\u{2028}'")
        #expect(config["app_client_id"] as? String == "id\\\"")
        #expect(Self.script(hostile, storefronts: named, channel: 2) == nil)
    }

    /// Node.js, to check the script's syntax: `$NODE` or the usual paths; nil when none is installed.
    static let node: String? = {
        var candidates = ["/usr/bin/node", "/usr/local/bin/node"]
        if let given = ProcessInfo.processInfo.environment["NODE"], !given.isEmpty { candidates.insert(given, at: 0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(.enabled(if: node != nil, "no node binary found: install nodejs or set NODE"))
    func theServedScriptParsesAsJavaScript() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-\(UUID().uuidString).js")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(try #require(Self.script()).utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.node))
        process.arguments = ["--check", file.path]
        let errors = Pipe()
        process.standardError = errors
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { process in
            exited.continuation.yield(process.terminationStatus)
            exited.continuation.finish()
        }
        try process.run()
        var statuses = exited.stream.makeAsyncIterator()
        let status = await statuses.next()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status == 0, "node --check: \(message)")
    }

    @Test func theScriptHasNoSecretsAndOnlyOneGlobal() throws {
        let plain = StorefrontScriptConfiguration(publicURL: "https://cb.example.com")
        let script = try #require(Self.script(plain, storefronts: [Self.declared("default", channel: 1)]))
        #expect(!script.contains("app_client_id\":"), "no client id configured, none injected")
        // Strict mode inside one function: the only assignment to window is window.clerkbridge.
        #expect(script.hasPrefix("(function () {\n  'use strict';"))
        let assignments = script.components(separatedBy: "w.").filter { $0.range(of: #"^[A-Za-z_]+ =[^=]"#, options: .regularExpression) != nil }
        #expect(assignments.map { $0.prefix(while: { $0 != " " }) } == ["clerkbridge"])
    }
}
