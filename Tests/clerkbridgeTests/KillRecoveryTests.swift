import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Sandbox
import SyncStore
import Testing

@testable import clerkbridge

/// `serve` as a real process, killed with SIGKILL in the middle of webhook and event traffic, then started again
/// on the same database: everything it acknowledged reaches Clerk, and an event is sent twice only when the kill
/// fell between Clerk's answer and its mark.
@Suite("serve killed with SIGKILL", .serialized)
struct KillRecoveryTests {
    @Test func everythingAcknowledgedReachesClerkAfterAKill() async throws {
        let binary = try await ServeProcess.buildBinary()
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 200), logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.yaml")
        try SandboxConfigFile(sandbox: sandbox).text.write(to: config, atomically: true, encoding: .utf8)
        let databaseURL = "sqlite:\(directory.appendingPathComponent("db.sqlite").path)"

        // The catalog is in Clerk before the traffic starts, as after an installation's first reindex.
        let runtime = try await Runtime(settings: .sandbox(sandbox, databaseURL: databaseURL))
        _ = try await ReindexCommand.reindex(runtime: runtime, storefront: nil, progress: ProgressReporter(isTerminal: false, interval: 600))
        let main = try #require(try await runtime.targets(only: nil).first { $0.channelID == 1 })
        let http = runtime.http

        let arguments = ["serve", "--config", config.path, "--database-url", databaseURL]
        let environment = [
            "BIGCOMMERCE_WEBHOOK_SECRET": ServeTraffic.sharedSecret, "CLERKBRIDGE_PORT": "0", "CLERKBRIDGE_LOG_LEVEL": "notice",
            "CLERKBRIDGE_EVENTS_RATE_LIMIT": "off", "CLERKBRIDGE_REINDEX_INTERVAL": "off", "CLERKBRIDGE_RECONCILE_INTERVAL": "off",
        ]
        var serve = try await ServeProcess.start(binary: binary, arguments: arguments, environment: environment)

        let products = Array(sandbox.store.allProducts().filter { $0.channels.contains(1) && $0.isVisible }.prefix(60))
        try #require(products.count == 60)
        var renamed: [Int: String] = [:]
        var events: [(visitor: String, product: Int)] = []
        for round in 0..<products.count {
            if round == products.count / 2 {
                // Killed while it holds claimed jobs and events: nothing releases them but their lease.
                serve.kill()
                serve = try await ServeProcess.start(binary: binary, arguments: arguments, environment: environment)
            }
            let product = products[round]
            let name = "Killed and back #\(round)"
            sandbox.store.updateProduct(id: product.id) { $0.name = name }
            if await ServeTraffic.deliver(id: product.id, storeHash: sandbox.storeHash, to: serve.port, http: http) { renamed[product.id] = name }
            let batch = (0..<8).map { index in (visitor: "k\(round)v\(index)", product: products[(round + index) % products.count].id) }
            if try await ServeTraffic.post(batch, batch: "kill-\(round)", to: serve.port, http: http) { events += batch }
        }
        #expect(renamed.count >= products.count - 2, "serve acknowledged too little: \(renamed.count) deliveries")
        #expect(events.count >= 8 * (products.count - 2))

        let clerk = sandbox.clerkStorage
        let missing = { ServeTraffic.missing(renamed: renamed, views: events, in: clerk, publicKey: main.clerkKeys.publicKey) }
        let arrived = await eventually(seconds: 90) { missing().products.isEmpty && missing().views == 0 }
        #expect(arrived, "not in Clerk: \(missing())")

        let views = clerk.logCalls(publicKey: main.clerkKeys.publicKey).filter { $0.endpoint == "log/product" }
        let sentTwice = views.count - Set(views.map { "\($0["visitor"]?.stringValue ?? "")/\($0["product"]?.intValue ?? 0)" }).count
        // At most the calls in flight when the process died: answered by Clerk, not yet marked.
        #expect(sentTwice <= runtime.settings.forwardConcurrency, "\(sentTwice) events reached Clerk twice")
        let store = try SQLiteSyncStore.open(DatabaseLocation.parse(databaseURL))
        #expect(try await store.deadLetters(includeResolved: false).isEmpty)
        #expect(try await store.jobCounts()[.dead] == 0)
        #expect(try await store.eventCounts()[.dead] == 0)

        await serve.stop()
        await runtime.shutdown()
        await sandbox.shutdown()
    }
}
