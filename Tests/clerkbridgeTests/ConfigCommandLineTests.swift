import Foundation
import Testing

/// Config files with mistakes, and `config check`, through the real `clerkbridge` binary: exit status, what stderr
/// names, and that no secret value is ever printed.
@Suite("config on the command line", .serialized)
struct ConfigCommandLineTests {
    /// Environment every run gets: valid credentials whose values must never be printed.
    static let environment = [
        "BIGCOMMERCE_STORE_HASH": "abc123", "BIGCOMMERCE_ACCESS_TOKEN": "hush-env-access-token",
        "BIGCOMMERCE_WEBHOOK_SECRET": "hush-env-webhook-secret", "CLERKBRIDGE_EMAIL_BLOCKS_TOKEN": "hush-env-email-blocks-token",
    ]

    /// A fresh directory with `config.yaml` holding `text`; commands run in it.
    static func directory(config text: String, name: String = "config.yaml") throws -> (directory: URL, config: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent(name)
        try text.write(to: config, atomically: true, encoding: .utf8)
        return (directory, config.path)
    }

    /// Runs `arguments` with `--config` the file holding `text`, in its directory.
    static func run(_ arguments: [String], config text: String, environment: [String: String] = environment) async throws -> CLIRun {
        let binary = try await ServeProcess.buildBinary()
        let (directory, config) = try directory(config: text)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await CLIRun.run(binary, arguments + ["--config", config], environment: environment, in: directory)
    }

    @Test func typosInKeysStopEveryCommandNamingPathLineAndNearestKey() async throws {
        let config = """
            bigcommerce:
              access_token: hush-file-access-token
            clerk:
              batch_sise: 100
            storefronts:
              - name: us
                clerk_public_key: pub-us
                clerk_private_key: hush-file-private-us
              - name: eu
                lokale: de
                clerk_public_key: pub-eu
                clerk_private_key: hush-file-private-eu
            """
        for command in [["config", "check"], ["status"], ["reindex"], ["dlq", "list", "--json"], ["webhooks", "list"]] {
            let run = try await Self.run(command, config: config)
            #expect(run.status == 2, "\(command): \(run.errors)")
            #expect(run.errors.contains("has 2 problems"))
            #expect(run.errors.contains("line 4, column 3: `clerk.batch_sise` is not a known key; did you mean `batch_size`?"))
            #expect(run.errors.contains("line 10, column 5: `storefronts[1].lokale` is not a known key; did you mean `locale`?"))
            #expect(run.output.isEmpty)
            #expect(!run.printed.contains("hush-"), "\(command) printed a secret: \(run.printed)")
        }
    }

    @Test func aMisspeltDatabaseURLStopsInsteadOfCreatingADatabaseHere() async throws {
        let binary = try await ServeProcess.buildBinary()
        let (directory, config) = try Self.directory(config: "database_ur: sqlite:elsewhere.sqlite\nstorefronts:\n  - name: us\n    clerk_public_key: p\n    clerk_private_key: hush-k\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CLIRun.run(binary, ["status", "--config", config], environment: Self.environment, in: directory)
        #expect(run.status == 2)
        #expect(run.errors.contains("line 1, column 1: `database_ur` is not a known key; did you mean `database_url`?"))
        let created = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "config.yaml" }
        #expect(created.isEmpty, "created \(created)")
        #expect(!run.printed.contains("hush-"))
    }

    @Test func storefrontForStorefrontsIsNamedNotReportedAsAMissingClerkKey() async throws {
        let run = try await Self.run(
            ["config", "check"], config: "storefront:\n  - name: us\n    clerk_public_key: p\n    clerk_private_key: hush-k\n")
        #expect(run.status == 2)
        #expect(run.errors.contains("line 1, column 1: `storefront` is not a known key; did you mean `storefronts`?"))
        #expect(!run.errors.contains("CLERK_PUBLIC_KEY"))
        #expect(!run.printed.contains("hush-"))
    }

    @Test func yamlThatDoesNotParseNamesItsLineAndColumn() async throws {
        let run = try await Self.run(
            ["reindex"], config: "bigcommerce:\n  store_hash: abc123\n   access_token: hush-broken\nstorefronts: []\n")
        #expect(run.status == 2)
        #expect(run.errors.contains("line 3, column 16: not valid YAML"), "\(run.errors)")
        #expect(!run.printed.contains("hush-"))
    }

    @Test func aListWhereANumberBelongsNamesTheExpectedType() async throws {
        let run = try await Self.run(
            ["config", "check"], config: "storefronts:\n  - name: us\n    channel_id: [1]\n    clerk_public_key: p\n    clerk_private_key: hush-k\n")
        #expect(run.status == 2)
        #expect(run.errors.contains("line 3, column 17: `storefronts[0].channel_id` should be a whole number, not a list"))
        #expect(!run.errors.contains("Scalar"))
    }

    @Test func jsonConfigFilesAreCheckedTheSameWay() async throws {
        let binary = try await ServeProcess.buildBinary()
        let (directory, config) = try Self.directory(
            config: #"{"storefronts": [{"name": "us", "lokale": "en", "clerk_public_key": "p", "clerk_private_key": "hush-k"}]}"#,
            name: "config.json")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CLIRun.run(binary, ["config", "check", "--config", config], environment: Self.environment, in: directory)
        #expect(run.status == 2)
        #expect(run.errors.contains("line 1, column 33: `storefronts[0].lokale` is not a known key; did you mean `locale`?"), "\(run.errors)")
    }

    @Test func aBadValueFromTheEnvironmentOrTheFileIsNamedButNotShown() async throws {
        var environment = Self.environment
        environment["CLERKBRIDGE_PORT"] = "hush-not-a-port"
        let fromEnvironment = try await Self.run(["config", "check"], config: Self.valid, environment: environment)
        #expect(fromEnvironment.status == 2)
        #expect(fromEnvironment.errors.contains("CLERKBRIDGE_PORT (server.port) must be a port number"))
        #expect(!fromEnvironment.printed.contains("hush-"))

        let fromFile = try await Self.run(["config", "check"], config: Self.valid + "sync:\n  max_removal_fraction: 1.5\n")
        #expect(fromFile.status == 2)
        #expect(fromFile.errors.contains("CLERKBRIDGE_MAX_REMOVAL_FRACTION (sync.max_removal_fraction, line 11) must be a number from 0 to 1"))
    }

    static let valid = """
        bigcommerce:
          access_token: hush-file-access-token
          client_secret: hush-file-client-secret
        admin_token: hush-file-admin-token
        storefronts:
          - name: us
            locale: en
            clerk_public_key: pub-us
            clerk_private_key: hush-file-private-us

        """

    @Test func configCheckPrintsEveryEffectiveSettingWithItsSourceAndNoSecret() async throws {
        let binary = try await ServeProcess.buildBinary()
        let (directory, config) = try Self.directory(config: Self.valid)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = [
            "config", "check", "--config", config, "--database-url", "postgres://clerkbridge:hush-db-password@db.example.com:5432/clerk",
        ]
        let json = try await CLIRun.run(binary, arguments + ["--json"], environment: Self.environment, in: directory)
        #expect(json.status == 0, "\(json.errors)")
        #expect(CompactJSON.problem(in: json.output) == nil, "\(CompactJSON.problem(in: json.output) ?? "")")
        #expect(!json.printed.contains("hush-"), "printed a secret: \(json.printed)")

        struct Report: Decodable {
            struct Entry: Decodable, Equatable {
                var key: String
                var value: String?
                var source: String
                var flag: String?
                var variable: String?
                var line: Int?
            }
            var ok: Bool
            var settings: [Entry]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(json.output.utf8))
        let entries = Dictionary(report.settings.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(report.ok)
        #expect(entries["config"] == .init(key: "config", value: config, source: "flag", flag: "--config"))
        #expect(entries["bigcommerce.store_hash"] == .init(key: "bigcommerce.store_hash", value: "abc123", source: "environment", variable: "BIGCOMMERCE_STORE_HASH"))
        // The environment wins over the file, and a secret is masked wherever it came from.
        #expect(entries["bigcommerce.access_token"] == .init(key: "bigcommerce.access_token", value: "***", source: "environment", variable: "BIGCOMMERCE_ACCESS_TOKEN"))
        #expect(entries["bigcommerce.client_secret"] == .init(key: "bigcommerce.client_secret", value: "***", source: "file", line: 3))
        #expect(entries["bigcommerce.webhook_secret"]?.value == "***")
        #expect(entries["email_blocks.token"]?.value == "***")
        #expect(entries["admin_token"] == .init(key: "admin_token", value: "***", source: "file", line: 4))
        #expect(entries["storefronts[0].clerk_private_key"] == .init(key: "storefronts[0].clerk_private_key", value: "***", source: "file", line: 9))
        #expect(entries["storefronts[0].clerk_public_key"]?.value == "pub-us")
        #expect(entries["storefronts[0].locale"] == .init(key: "storefronts[0].locale", value: "en", source: "file", line: 7))
        #expect(entries["storefronts[0].currency"] == .init(key: "storefronts[0].currency", source: "default"))
        #expect(entries["database_url"] == .init(
            key: "database_url", value: "postgres://clerkbridge:***@db.example.com:5432/clerk", source: "flag", flag: "--database-url"))
        #expect(entries["bigcommerce.api_url"] == .init(key: "bigcommerce.api_url", value: "https://api.bigcommerce.com", source: "default"))
        #expect(entries["sync.max_removal_fraction"] == .init(key: "sync.max_removal_fraction", value: "0.2", source: "default"))
        #expect(entries["placements.home"]?.source == "default")

        let text = try await CLIRun.run(binary, arguments, environment: Self.environment, in: directory)
        #expect(text.status == 0)
        #expect(!text.printed.contains("hush-"))
        let lines = text.output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("bigcommerce.client_secret ") && $0.contains("***") && $0.hasSuffix("file line 3") })
        #expect(lines.contains { $0.hasPrefix("bigcommerce.store_hash ") && $0.hasSuffix("environment BIGCOMMERCE_STORE_HASH") })
        #expect(lines.contains { $0.hasPrefix("database_url ") && $0.hasSuffix("flag --database-url") })
        #expect(lines.last == "configuration ok")
    }
}
