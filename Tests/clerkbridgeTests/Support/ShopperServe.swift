import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Logging
import Reliability
import Sandbox
import Server
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

@testable import clerkbridge

/// `serve`'s shopper routes on loopback over a sandbox store, after a reindex filled the mirror and the Clerk
/// sandbox: what the shopper-route tests start from. Call `stop()` at the end.
struct ShopperServe {
    /// An answer: status, the body read as a JSON object (empty when it is not one), its text, `Cache-Control`,
    /// `Content-Type` and `Server-Timing`.
    struct Answer {
        var status: Int
        var json: [String: Any]
        var text: String
        var cacheControl: String?
        var contentType: String?
        var serverTiming: String?
    }

    let sandbox: SandboxServer
    let runtime: Runtime
    let targets: [ResolvedStorefront]
    private let server: RunningServer
    private let directory: URL

    /// The port `serve` listens on.
    var port: Int { server.port }

    /// Starts a sandbox of `productCount` products, reindexes it into a fresh database and serves the shopper
    /// routes of `StorefrontServing` on a free port, with the settings `adjust`ed.
    static func start(productCount: Int, adjust: (inout Settings) -> Void = { _ in }) async throws -> ShopperServe {
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: productCount), logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shopper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var settings = Settings.sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("db.sqlite").path)")
        adjust(&settings)
        let runtime = try await Runtime(settings: settings)
        let targets = try await runtime.targets(only: nil)
        _ = try await Reindexer(reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, logger: runtime.logger)
            .run(targets)
        // Generous Clerk budgets and wait for the store's search settings: these tests are about what is
        // answered, and a loaded machine must not turn a slow sandbox into a fallback (the budgets and the wait
        // themselves are tested in StorefrontTests).
        let routes = try StorefrontServing.routes(
            runtime: runtime,
            budgets: .init(placements: .seconds(10), search: .seconds(10), emailBlocks: .seconds(10)),
            searchSettingsWait: .seconds(30))
        let server = try await RunningServer.start(logger: runtime.logger) { onRunning in
            ServeCommand.application(
                runtime: runtime, authenticator: WebhookAuthenticator(sharedSecret: "s3cret", clientSecret: nil),
                signal: WorkSignal(), services: [], shopperRoutes: routes, port: 0, onRunning: onRunning)
        }
        return ShopperServe(sandbox: sandbox, runtime: runtime, targets: targets, server: server, directory: directory)
    }

    /// `GET` of `pathAndQuery` (e.g. `/v1/search?q=lamp`), with `headers`.
    func get(_ pathAndQuery: String, headers: [(String, String)] = []) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(pathAndQuery)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await runtime.http.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return Answer(
            status: Int(response.status.code), json: object, text: text,
            cacheControl: response.headers.first(name: "Cache-Control"),
            contentType: response.headers.first(name: "Content-Type"),
            serverTiming: response.headers.first(name: "Server-Timing"))
    }

    /// Stops the server, the runtime and the sandbox, and removes the database.
    func stop() async throws {
        try await server.stop()
        await runtime.shutdown()
        await sandbox.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }
}
