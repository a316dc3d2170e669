import ArgumentParser
import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Logging
import Reliability
import Sandbox
import Server
import ServiceLifecycle
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `clerkbridge storefront install` end to end against the sandbox: config file → settings → Scripts API.
@Suite("storefront install", .serialized)
struct StorefrontInstallTests {
    /// A config file for `sandbox` with `public_url`, the sandbox's Clerk stores as storefronts (channels 1 and 2).
    static func configFile(_ sandbox: SandboxServer, publicURL: String?) throws -> String {
        var config: [String: Any] = [
            "bigcommerce": [
                "store_hash": sandbox.storeHash, "access_token": sandbox.accessToken,
                "api_url": sandbox.bigCommerceURL.absoluteString, "client_id": "app-client-id-42",
                "client_secret": "app-client-secret-never-shown",
            ],
            "clerk": ["api_url": sandbox.clerkURL.absoluteString],
            "database_url": "sqlite::memory:",
            "log": ["level": "critical"],
            "storefronts": sandbox.clerkStores.map {
                ["name": $0.name, "channel_id": $0.channelID, "currency": $0.currency,
                 "clerk_public_key": $0.publicKey, "clerk_private_key": $0.privateKey] as [String: Any]
            },
        ]
        if let publicURL { config["server"] = ["public_url": publicURL] }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cb-install-\(UUID().uuidString).json").path
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func settings(_ path: String) throws -> Settings {
        try SettingsLoader(environment: [:], flags: .init(configPath: path)).load()
    }

    static func start(_ configuration: SandboxConfiguration = SandboxConfiguration(productCount: 5)) async throws -> SandboxServer {
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        return try await SandboxServer.start(configuration, logger: quiet)
    }

    @Test func installsOneScriptPerChannelAndASecondRunChangesNothing() async throws {
        let sandbox = try await Self.start()
        defer { Task { await sandbox.shutdown() } }
        let path = try Self.configFile(sandbox, publicURL: "http://127.0.0.1:8080/")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let settings = try Self.settings(path)
        #expect(settings.clientID == "app-client-id-42")

        let first = try await StorefrontCommand.Install.install(settings: settings, allowHTTP: true)
        #expect(first.filter { $0.hasPrefix("created\tchannel ") }.count == 2, "\(first)")
        #expect(first.last == "2 channels: 2 created, 0 updated, 0 unchanged")
        let scripts = sandbox.scripts.scripts().sorted { $0.channelID < $1.channelID }
        #expect(scripts.map(\.channelID) == [1, 2])
        #expect(scripts.map(\.src) == [
            "http://127.0.0.1:8080/storefront.js?channel_id=1", "http://127.0.0.1:8080/storefront.js?channel_id=2",
        ])
        for script in scripts {
            #expect(script.name == "clerkbridge" && script.kind == "src" && script.loadMethod == "defer")
            #expect(script.location == "footer" && script.visibility == "all_pages" && script.consentCategory == "analytics")
            #expect(script.enabled && script.autoUninstall)
        }

        let second = try await StorefrontCommand.Install.install(settings: settings, allowHTTP: true)
        #expect(second.filter { $0.hasPrefix("unchanged\tchannel ") }.count == 2)
        #expect(second.last == "2 channels: already installed, nothing changed")
        #expect(sandbox.scripts.scripts().sorted { $0.channelID < $1.channelID } == scripts, "nothing was written")

        // Someone switched one off: the next run puts it right.
        let switchedOff = try await ScriptSandbox.client(sandbox) { try await $0.updateScript(uuid: scripts[1].uuid, ScriptRequest(enabled: false)) }
        #expect(!switchedOff.isEnabled)
        let third = try await StorefrontCommand.Install.install(settings: settings, allowHTTP: true)
        #expect(third.contains { $0.hasPrefix("updated\tchannel 2\t\(scripts[1].uuid)") })
        #expect(sandbox.scripts.script(uuid: scripts[1].uuid)?.enabled == true)
        #expect(sandbox.scripts.scripts().count == 2)

        for line in first + second + third {
            #expect(!line.contains(sandbox.accessToken) && !line.contains("app-client-secret-never-shown"))
        }
    }

    @Test func withoutTheCheckoutContentScopeItFallsBackToStorefrontPages() async throws {
        var configuration = SandboxConfiguration(productCount: 5)
        configuration.grantsCheckoutContentScope = false
        let sandbox = try await Self.start(configuration)
        defer { Task { await sandbox.shutdown() } }
        let path = try Self.configFile(sandbox, publicURL: "http://127.0.0.1:8080")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let settings = try Self.settings(path)

        let first = try await StorefrontCommand.Install.install(settings: settings, allowHTTP: true)
        #expect(first.filter { $0.hasPrefix("created\tchannel ") && $0.contains("\tstorefront\t") }.count == 2, "\(first)")
        #expect(first.contains { $0.hasPrefix("note:") && $0.contains("Checkout Content") && $0.contains("order webhooks") })
        #expect(sandbox.scripts.scripts().allSatisfy { $0.visibility == "storefront" })
        let second = try await StorefrontCommand.Install.install(settings: settings, allowHTTP: true)
        #expect(second.last == "2 channels: already installed, nothing changed")

        // Once the scope is granted, a run upgrades the scripts to all pages.
        sandbox.scripts.grantsCheckoutContentScope = true
        let third = try await StorefrontCommand.Install.install(settings: settings, allowHTTP: true)
        #expect(third.filter { $0.hasPrefix("updated\tchannel ") && $0.contains("\tall_pages\t") }.count == 2, "\(third)")
        #expect(!third.contains { $0.hasPrefix("note:") })
    }

    @Test func itCannotStartWithoutAnHTTPSPublicURLOrAPublicURLAtAll() async throws {
        let sandbox = try await Self.start()
        defer { Task { await sandbox.shutdown() } }
        let http = try Self.configFile(sandbox, publicURL: "http://127.0.0.1:8080")
        let none = try Self.configFile(sandbox, publicURL: nil)
        defer {
            try? FileManager.default.removeItem(atPath: http)
            try? FileManager.default.removeItem(atPath: none)
        }
        for path in [http, none] {
            let command = try StorefrontCommand.Install.parse(["--config", path])
            await #expect(throws: ExitCode(2)) { try await command.run() }
        }
        #expect(sandbox.scripts.scripts().isEmpty)
        // A wrong access token cannot start either, and nothing shows the token.
        var wrongToken = try Self.settings(http)
        wrongToken.bigCommerce = BigCommerceCredentials(
            storeHash: sandbox.storeHash, accessToken: "wrong-token-value", apiURL: sandbox.bigCommerceURL)
        do {
            _ = try await StorefrontCommand.Install.install(settings: wrongToken, allowHTTP: true)
            Issue.record("a wrong token installed scripts")
        } catch CommandFailure.couldNotStart(let message) {
            #expect(message.contains("BIGCOMMERCE_ACCESS_TOKEN") && !message.contains("wrong-token-value"))
        }
        // The command is registered as `clerkbridge storefront install`.
        let parsed = try Clerkbridge.parseAsRoot(["storefront", "install", "--config", http, "--allow-http"])
        #expect(parsed is StorefrontCommand.Install)
    }

    @Test func serveServesTheScriptOfEachChannel() async throws {
        let sandbox = try await Self.start()
        var settings = Settings.sandbox(sandbox, databaseURL: "sqlite::memory:")
        settings.publicURL = "https://cb.example.com/"
        settings.clientID = "app-client-id-42"
        settings.clientSecret = "app-client-secret-never-shown"
        let runtime = try await Runtime(settings: settings)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = ServeCommand.application(
            runtime: runtime, authenticator: WebhookAuthenticator(sharedSecret: "s3cret", clientSecret: nil),
            signal: WorkSignal(), services: [], port: 0, onRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: runtime.logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        func get(_ path: String) async throws -> (Int, String, String?) {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), String(buffer: body), response.headers.first(name: "Content-Type"))
        }
        let (status, script, type) = try await get("/storefront.js?channel_id=2")
        #expect(status == 200 && type == "application/javascript; charset=utf-8")
        #expect(script.contains(#""events_url":"https://cb.example.com/v1/events""#))
        #expect(script.contains(#""name":"outlet-eur""#) && script.contains(#""name":"outlet-gbp""#) && !script.contains("main-usd"))
        #expect(script.contains(#""app_client_id":"app-client-id-42""#))
        for secret in settings.secrets { #expect(!script.contains(secret)) }
        let (defaultStatus, defaultScript, _) = try await get("/storefront.js")
        #expect(defaultStatus == 200 && defaultScript.contains(#""name":"main-usd""#))
        #expect(try await get("/storefront.js?channel_id=3").0 == 404)

        await group.triggerGracefulShutdown()
        _ = try? await running.value
        await runtime.shutdown()
        await sandbox.shutdown()
    }

    @Test func theScriptCarriesTheResolvedCurrencyAndLocaleOnceTheStoreIsRead() async throws {
        let sandbox = try await Self.start()
        var settings = Settings.sandbox(sandbox, databaseURL: "sqlite::memory:")
        settings.storefronts[0].currency = nil
        settings.storefronts[0].locale = nil
        let runtime = try await Runtime(settings: settings)
        let route = StorefrontScriptRoute(configuration: ServeCommand.scriptConfiguration(settings), storefronts: runtime.storefronts)
        func injected(_ channel: Int) throws -> String { try #require(route.script(forChannel: channel)) }
        let declared = try injected(1)
        #expect(!declared.contains(#""currency""#) && !declared.contains(#""locale""#))
        let targets = try await runtime.targets(only: nil)
        let resolved = try injected(1)
        #expect(resolved.contains(#""currency":"\#(targets[0].storefront.currency)""#))
        #expect(resolved.contains(#""locale":"\#(targets[0].storefront.locale)""#))
        #expect(Set(targets.map(\.channelID)) == [1, 2])
        #expect(try injected(2).contains(#""name":"\#(targets.first { $0.channelID == 2 }!.name)""#))
        await runtime.shutdown()
        await sandbox.shutdown()
    }

    @Test func theClientIDIsReadAndNeverTakenForTheSecret() throws {
        let base = ["BIGCOMMERCE_STORE_HASH": "abc123", "BIGCOMMERCE_ACCESS_TOKEN": "tok", "CLERK_PUBLIC_KEY": "p", "CLERK_PRIVATE_KEY": "k"]
        var env = base
        env["BIGCOMMERCE_CLIENT_ID"] = "client-id-1"
        #expect(try SettingsLoader(environment: env).load().clientID == "client-id-1")
        #expect(try SettingsLoader(environment: base).load().clientID == nil)
        env["BIGCOMMERCE_CLIENT_SECRET"] = "client-id-1"
        #expect(throws: ConfigurationError.self) { try SettingsLoader(environment: env).load() }
        env["BIGCOMMERCE_CLIENT_SECRET"] = "the-secret"
        let settings = try SettingsLoader(environment: env).load()
        #expect(!settings.secrets.contains("client-id-1") && settings.secrets.contains("the-secret"))
        let rendered = StorefrontScriptRoute(
            configuration: ServeCommand.scriptConfiguration(settings), storefronts: StorefrontRegistry(declared: settings.storefronts)
        ).script(forChannel: 1) ?? ""
        #expect(rendered.contains(#""app_client_id":"client-id-1""#) && !rendered.contains("the-secret"))
    }
}

enum ScriptSandbox {
    /// Runs `body` with a BigCommerce client for `sandbox`.
    static func client<T: Sendable>(_ sandbox: SandboxServer, _ body: (BigCommerceClient) async throws -> T) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = BigCommerceClient(
            credentials: BigCommerceCredentials(storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL),
            httpClient: http, logger: Logger(label: "test"))
        do {
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
