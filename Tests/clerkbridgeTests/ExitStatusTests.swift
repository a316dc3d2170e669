import Foundation
import Logging
import Sandbox
import SyncStore
import Testing

@testable import clerkbridge

/// The one exit-status table, kept by every command through the real binary against the sandbox: 0 ok, 1 finished
/// with problems, 2 could not start, 64 usage; and every `--json` output one compact line without nulls.
@Suite("exit statuses on the command line", .serialized)
struct ExitStatusTests {
    static let wrongToken = "hush-wrong-access-token"

    /// The sandbox, its config file and a database in a fresh directory.
    struct Setup {
        let sandbox: SandboxServer
        let directory: URL
        let config: String
        let databaseURL: String
        let binary: URL

        /// Runs `arguments` with the config file and database, plus `environment`.
        func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLIRun {
            try await CLIRun.run(
                binary, arguments + ["--config", config, "--database-url", databaseURL],
                environment: ["CLERKBRIDGE_LOG_LEVEL": "error"].merging(environment) { _, given in given }, in: directory)
        }

        /// What no output may contain: the sandbox's access token and Clerk private keys, and the wrong token.
        var secrets: [String] { [sandbox.accessToken, ExitStatusTests.wrongToken] + sandbox.clerkStores.map(\.privateKey) }

        func expectNoSecret(in run: CLIRun, _ command: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for secret in secrets {
                #expect(!run.printed.contains(secret), "\(command) printed a secret", sourceLocation: sourceLocation)
            }
        }

        func stop() async {
            await sandbox.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func setUp() async throws -> Setup {
        let binary = try await ServeProcess.buildBinary()
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 5), logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cb-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config.yaml")
        try SandboxConfigFile(sandbox: sandbox).text
            .replacingOccurrences(of: SandboxConfigFile.publicURL, with: "http://127.0.0.1:9/")
            .write(to: config, atomically: true, encoding: .utf8)
        return Setup(
            sandbox: sandbox, directory: directory, config: config.path,
            databaseURL: "sqlite:\(directory.appendingPathComponent("db.sqlite").path)", binary: binary)
    }

    @Test func aRefusedTokenIsExitTwoForEveryCommandThatCallsBigCommerce() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let wrong = ["BIGCOMMERCE_ACCESS_TOKEN": Self.wrongToken, "BIGCOMMERCE_WEBHOOK_SECRET": "a-webhook-secret"]
        for command in [
            ["webhooks", "list"], ["webhooks", "status"], ["webhooks", "register", "--allow-http"],
            ["storefront", "install", "--allow-http"], ["reindex"], ["verify"], ["dlq", "replay", "--all"],
        ] {
            let run = try await setup.run(command, environment: wrong)
            #expect(run.status == 2, "\(command.joined(separator: " ")) exited \(run.status): \(run.errors)")
            #expect(run.errors.contains("BIGCOMMERCE_ACCESS_TOKEN"), "\(command): \(run.errors)")
            setup.expectNoSecret(in: run, command.joined(separator: " "))
        }
    }

    @Test func aLocaleItsChannelDoesNotHaveIsExitTwoNamingStorefrontLocaleAndTheChannelsLocales() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let text = try String(contentsOfFile: setup.config, encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "  - name: outlet-eur\n    channel_id: 2\n    currency: EUR\n",
            with: "  - name: outlet-eur\n    channel_id: 2\n    currency: EUR\n    locale: it\n")
        try #require(edited != text)
        try edited.write(toFile: setup.config, atomically: true, encoding: .utf8)
        let run = try await setup.run(["reindex"])
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.errors.contains(
            "`outlet-eur` has locale it, which is not a locale of channel 2 (locales: en (default), de, fr); nothing was changed"),
            "\(run.errors)")
        setup.expectNoSecret(in: run, "reindex")
    }

    @Test func anUnreachableAPIIsExitTwoNamingItsSetting() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        let run = try await setup.run(["webhooks", "list"], environment: ["BIGCOMMERCE_API_URL": "http://127.0.0.1:9"])
        #expect(run.status == 2)
        #expect(run.errors.contains("BIGCOMMERCE_API_URL"), "\(run.errors)")
        setup.expectNoSecret(in: run, "webhooks list")
    }

    @Test func aPortInUseIsExitTwoNamingThePort() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        // The sandbox's BigCommerce listens there already.
        let port = try #require(setup.sandbox.bigCommerceURL.port)
        let run = try await setup.run(
            ["serve"], environment: ["CLERKBRIDGE_PORT": "\(port)", "BIGCOMMERCE_WEBHOOK_SECRET": "a-webhook-secret"])
        #expect(run.status == 2)
        #expect(run.errors.contains("error: CLERKBRIDGE_PORT (server.port) \(port): 127.0.0.1:\(port) is already in use"), "\(run.errors)")
        setup.expectNoSecret(in: run, "serve")
    }

    @Test func usageMistakesAreExitSixtyFour() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }
        for command in [["reindex", "--no-such-flag"], ["dlq", "replay"], ["dlq", "show", "not-a-number"], ["no-such-command"]] {
            let run = try await setup.run(command)
            #expect(run.status == 64, "\(command) exited \(run.status): \(run.errors)")
        }
    }

    @Test func theJSONOutputsAreCompactSortedAndWithoutNulls() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.stop() } }

        // Nothing pushed yet: verify finds every document missing.
        let differences = try await setup.run(["verify", "--json"])
        #expect(differences.status == 1, "\(differences.errors)")
        #expect(CompactJSON.problem(in: differences.output) == nil, "verify: \(CompactJSON.problem(in: differences.output) ?? "")")

        let reindexed = try await setup.run(["reindex", "--json"])
        #expect(reindexed.status == 0, "\(reindexed.errors)")
        #expect(CompactJSON.problem(in: reindexed.output) == nil, "reindex: \(CompactJSON.problem(in: reindexed.output) ?? "")")

        let identical = try await setup.run(["verify", "--json"])
        #expect(identical.status == 0, "\(identical.errors)")
        #expect(CompactJSON.problem(in: identical.output) == nil)

        // A store-wide letter has no storefront: the member is left out, not null.
        let store = try SQLiteSyncStore.open(DatabaseLocation.parse(setup.databaseURL))
        try await store.addDeadLetter(DeadLetterDraft(storefront: nil, kind: "catalog.refresh", entityID: "store", error: "gone"), at: Date())
        let letters = try await setup.run(["dlq", "list", "--json"])
        #expect(letters.status == 0)
        #expect(CompactJSON.problem(in: letters.output) == nil, "dlq list: \(CompactJSON.problem(in: letters.output) ?? "")")
        #expect(letters.output.contains(#""kind":"catalog.refresh""#) && !letters.output.contains("storefront"))

        let status = try await setup.run(["status", "--json"])
        #expect(status.status == 0)
        #expect(CompactJSON.problem(in: status.output) == nil, "status: \(CompactJSON.problem(in: status.output) ?? "")")

        let config = try await setup.run(["config", "check", "--json"])
        #expect(config.status == 0)
        #expect(CompactJSON.problem(in: config.output) == nil)

        for (command, run) in [("verify", differences), ("reindex", reindexed), ("dlq list", letters), ("status", status), ("config check", config)] {
            setup.expectNoSecret(in: run, command)
        }
    }

    @Test func theHelpDocumentsTheTable() async throws {
        let binary = try await ServeProcess.buildBinary()
        let help = try await CLIRun.run(binary, ["--help"])
        #expect(help.status == 0)
        for row in ["0   done", "1   finished with problems (listed)", "2   could not start: configuration, credentials, unreachable API, port in use", "64  usage"] {
            #expect(help.output.contains(row), "--help lacks `\(row)`")
        }
    }
}
