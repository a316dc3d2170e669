import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import Testing

@testable import clerkbridge

/// Wrong credentials and unreachable APIs stop a command before it starts, naming the setting at fault.
@Suite("start-up errors", .serialized)
struct StartupErrorTests {
    func settings(_ sandbox: SandboxServer, token: String? = nil, storeHash: String? = nil, apiURL: URL? = nil,
                  clerkURL: URL? = nil, privateKey: String? = nil) -> Settings {
        let store = sandbox.clerkStores[0]
        return Settings(
            bigCommerce: BigCommerceCredentials(
                storeHash: storeHash ?? sandbox.storeHash, accessToken: token ?? sandbox.accessToken,
                apiURL: apiURL ?? sandbox.bigCommerceURL),
            clientSecret: nil, webhookSecret: nil, clerkAPIURL: clerkURL ?? sandbox.clerkURL, clerkBatchSize: 250,
            storefronts: [DeclaredStorefront(
                name: store.name, channelID: store.channelID, currency: store.currency,
                clerkKeys: ClerkStoreKeys(publicKey: store.publicKey, privateKey: privateKey ?? store.privateKey))],
            databaseURL: "sqlite::memory:", host: "127.0.0.1", port: 0, publicURL: nil, adminToken: nil,
            logLevel: .critical, logFormat: .text, warnings: [])
    }

    func startupError(_ settings: Settings) async throws -> String {
        let runtime = try await Runtime(settings: settings, retry: RetryPolicy(base: .milliseconds(1), cap: .milliseconds(5), maxAttempts: 3))
        defer { Task { await runtime.shutdown() } }
        do {
            _ = try await runtime.targets(only: nil)
            return ""
        } catch let error as StartupError {
            return error.description
        }
    }

    @Test func aWrongAccessTokenIsNamedButNotShown() async throws {
        let sandbox = try await SandboxServer.start()
        let message = try await startupError(settings(sandbox, token: "wrong-token-123"))
        #expect(message.contains("BIGCOMMERCE_ACCESS_TOKEN"))
        #expect(!message.contains("wrong-token-123"))
        await sandbox.shutdown()
    }

    @Test func anUnknownStoreHashIsNamed() async throws {
        let sandbox = try await SandboxServer.start()
        let message = try await startupError(settings(sandbox, storeHash: "nosuchstore"))
        #expect(message.contains("BIGCOMMERCE_STORE_HASH"))
        await sandbox.shutdown()
    }

    @Test func aWrongClerkPrivateKeyNamesTheStorefrontAndTheKey() async throws {
        let sandbox = try await SandboxServer.start()
        let message = try await startupError(settings(sandbox, privateKey: "wrong-private-key"))
        #expect(message.contains(sandbox.clerkStores[0].name))
        #expect(message.contains("clerk_private_key"))
        #expect(!message.contains("wrong-private-key"))
        await sandbox.shutdown()
    }

    @Test func anUnreachableBigCommerceIsRetriedThenReportedClearly() async throws {
        let sandbox = try await SandboxServer.start()
        let closed = URL(string: "http://127.0.0.1:9")!
        let message = try await startupError(settings(sandbox, apiURL: closed))
        #expect(message.contains("127.0.0.1:9"))
        #expect(message.lowercased().contains("reach") || message.lowercased().contains("connect"))
        await sandbox.shutdown()
    }

    @Test func theExitCodesAreContractMd() {
        #expect(CommandFailure.couldNotStart("x").exitCode.rawValue == 2)
        #expect(CommandFailure.finishedWithFailures.exitCode.rawValue == 1)
    }
}
