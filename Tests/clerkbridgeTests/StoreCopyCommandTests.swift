import Foundation
import PostgresTestSupport
import SyncStore
import SyncStorePostgres
import Testing

@testable import clerkbridge

/// `clerkbridge store copy` as an operator runs it: a filled SQLite file into an empty PostgreSQL database over a
/// password login, then the mistakes (a destination that holds data, the wrong kind of URL, a wrong password), each
/// a clear exit 2 that names what was wrong, never prints the password, and leaves the destination as it was.
@Suite(
    "store copy from the command line", .serialized,
    .enabled(if: TemporaryPostgres.runs, Comment(rawValue: TemporaryPostgres.installHint)))
struct StoreCopyCommandTests {
    @Test func aFilledFileIsCopiedOnceAndMistakesAreNamedWithoutThePassword() async throws {
        let binary = try await ServeProcess.buildBinary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("copy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // What a running installation leaves in its file: jobs, a delivery, a marker.
        let path = directory.appendingPathComponent("clerkbridge.sqlite").path
        let sqlite = try SQLiteSyncStore(path: path)
        let now = Date()
        _ = try await sqlite.enqueue(
            [(JobKey(kind: .productSync, entity: "101"), []), (JobKey(kind: .productSync, entity: "102"), [])], runAt: now, now: now)
        _ = try await sqlite.accept(
            WebhookDelivery(webhookID: "w1", payloadHash: "h1", scope: "store/product/updated", storeID: "1", body: [1]),
            jobs: [], now: now)
        try await sqlite.setMarker("schedule.reindex", value: [], at: now)

        // An empty database owned by a role that logs in with a password.
        let empty = try await TemporaryPostgres.shared.emptyDatabase()
        let (role, password) = ("copier_\(UUID().uuidString.prefix(6).lowercased())", "pw-\(UUID().uuidString.prefix(10))")
        try await TemporaryPostgres.shared.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'", in: empty)
        try await TemporaryPostgres.shared.execute("ALTER DATABASE \(empty.database) OWNER TO \(role)", in: empty)
        let destination = try await TemporaryPostgres.shared.overTCP(
            empty, user: role, password: password, parameters: ["sslmode": "disable"])
        let url = "postgres://\(role):\(password)@127.0.0.1:\(destination.port)/\(empty.database)?sslmode=disable"
        func copy(_ arguments: [String]) async throws -> CLIRun {
            let run = try await CLIRun.run(binary, ["store", "copy"] + arguments, in: directory)
            #expect(!run.printed.contains(password), "the password was printed: \(run.printed)")
            return run
        }

        let copied = try await copy(["--from", "sqlite:\(path)", "--to", url, "--json"])
        #expect(copied.status == 0, "\(copied.printed)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(copied.output.utf8)) as? [String: Any])
        let rows = Dictionary(
            uniqueKeysWithValues: (summary["tables"] as? [[String: Any]] ?? []).compactMap { table in
                (table["name"] as? String).map { ($0, table["rows"] as? Int ?? -1) }
            })
        #expect(rows["jobs"] == 2 && rows["webhook_deliveries"] == 1 && rows["markers"] == 1, "\(rows)")
        #expect((summary["to"] as? String)?.contains(empty.database) == true)
        let jobsCopied = try await TemporaryPostgres.shared.integer("SELECT count(*)::int8 FROM jobs", in: empty)
        #expect(jobsCopied == 2)

        // Again, without --replace: refused, naming the tables that hold data; nothing changes.
        let again = try await copy(["--from", "sqlite:\(path)", "--to", url])
        #expect(again.status == 2 && again.errors.contains("already holds data") && again.errors.contains("jobs"), "\(again.printed)")
        #expect(try await TemporaryPostgres.shared.integer("SELECT count(*)::int8 FROM jobs", in: empty) == 2)

        // The wrong kind of URL on either side, and a wrong password.
        let intoSQLite = try await copy(["--from", "sqlite:\(path)", "--to", "sqlite:\(path)"])
        #expect(intoSQLite.status == 2 && intoSQLite.errors.contains("--to"), "\(intoSQLite.printed)")
        let fromPostgres = try await copy(["--from", url, "--to", url])
        #expect(fromPostgres.status == 2 && fromPostgres.errors.contains("--from"), "\(fromPostgres.printed)")
        let wrong = try await CLIRun.run(
            binary, ["store", "copy", "--from", "sqlite:\(path)", "--to", url.replacingOccurrences(of: password, with: "not-\(password)")],
            in: directory)
        #expect(wrong.status == 2 && wrong.errors.contains("--to"), "\(wrong.printed)")
        #expect(!wrong.printed.contains("not-\(password)"))

        await TemporaryPostgres.shared.drop(empty)
        try await TemporaryPostgres.shared.execute("DROP ROLE IF EXISTS \(role)", in: TemporaryPostgres.shared.database())
    }
}
