import Testing
@testable import SyncStore

@Suite("database location")
struct DatabaseLocationTests {
    @Test func sqlitePaths() throws {
        #expect(try DatabaseLocation.parse("sqlite:clerkbridge.sqlite") == .sqliteFile(path: "clerkbridge.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite:data/x.db") == .sqliteFile(path: "data/x.db"))
        #expect(try DatabaseLocation.parse("sqlite:/var/lib/x.db") == .sqliteFile(path: "/var/lib/x.db"))
        #expect(try DatabaseLocation.parse("sqlite:///var/lib/x.db") == .sqliteFile(path: "/var/lib/x.db"))
        #expect(try DatabaseLocation.parse("  SQLite:x.db\n") == .sqliteFile(path: "x.db"))
        #expect(try DatabaseLocation.parse("sqlite::memory:") == .sqliteInMemory)
        #expect(try DatabaseLocation.parse(DatabaseLocation.defaultURL) == .sqliteFile(path: "clerkbridge.sqlite"))
    }

    @Test func postgresIsRecognised() throws {
        let location = try DatabaseLocation.parse("postgres://bridge:p%40ss@db.internal:6543/clerk?sslmode=require")
        guard case .postgres(let postgres) = location else {
            Issue.record("expected a PostgreSQL location, got \(location)")
            return
        }
        #expect(postgres.host == "db.internal")
        #expect(postgres.port == 6543)
        #expect(postgres.user == "bridge")
        #expect(postgres.password == "p@ss")
        #expect(postgres.database == "clerk")
        #expect(postgres.parameters == ["sslmode": "require"])
        #expect(location.description == "postgres://bridge:***@db.internal:6543/clerk")
        let defaulted = try DatabaseLocation.parse("postgresql://db/clerk")
        #expect(defaulted == .postgres(PostgresLocation(host: "db", port: 5432, user: nil, password: nil, database: "clerk")))
    }

    @Test(arguments: [
        ("", "is empty"),
        ("   ", "is empty"),
        ("clerkbridge.sqlite", "unsupported database URL 'clerkbridge.sqlite'"),
        ("mysql://root:hunter2@db/x", "unsupported database URL 'mysql://root:***@db/x'"),
        ("sqlite:", "the path after 'sqlite:' is missing"),
        ("sqlite://data/x.db", "would name a host"),
        ("sqlite:data/", "names a directory"),
        ("postgres://user:hunter2@/clerk", "the host is missing"),
        ("postgres://user:hunter2@db:5432", "database name"),
        ("postgres://user:hunter2@db:99999/clerk", "out of range"),
        ("postgres://user:hunter2@db:abc/clerk", "not a valid URL"),
    ])
    func errorsNameTheValue(value: String, expected: String) {
        let error = #expect(throws: DatabaseLocationError.self) { try DatabaseLocation.parse(value) }
        let message = error?.description ?? ""
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("CLERKBRIDGE_DATABASE_URL"))
        #expect(!message.contains("hunter2"), "\(message)")
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, !value.contains("hunter2") {
            #expect(message.contains(trimmed), "\(message)")
        }
    }
}
