import ArgumentParser
import Foundation
import Logging
import SyncStore
import SyncStorePostgres

/// `clerkbridge store`: the database itself, apart from what syncs through it.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on the database itself: copy an SQLite store to PostgreSQL.",
        subcommands: [Copy.self])

    /// `clerkbridge store copy --from sqlite:PATH --to postgres://…`: moving up to PostgreSQL without re-sending the
    /// catalog or losing a dead letter.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy an SQLite store (ledger, mirror, dead letters, pending jobs, events…) into a PostgreSQL database.",
            discussion: """
                Stop `serve` and `worker` first. The PostgreSQL database is migrated, must be empty (or pass --replace to \
                delete what it holds), and receives every table in one transaction: a copy that fails leaves it as it \
                was. Ids, states and leases are kept; a lease copied from a stopped process simply expires.
                """)

        @Option(help: "The SQLite store to copy from (sqlite:PATH).") var from: String
        @Option(help: "The PostgreSQL database to copy into (postgres://USER:PASS@HOST:PORT/DB).") var to: String
        @Flag(help: "Delete what the destination holds before copying.") var replace = false
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            try await runCommand {
                let (source, destination) = try locations()
                let sqlite: SQLiteSyncStore
                do {
                    sqlite = try SQLiteSyncStore.open(source)
                } catch {
                    throw CommandFailure.couldNotStart("--from: \(error)")
                }
                guard case .sqliteFile = source else {
                    throw CommandFailure.couldNotStart("--from: \(source) holds nothing to copy; name an SQLite file (sqlite:PATH)")
                }
                let postgres: PostgresSyncStore
                do {
                    postgres = try await PostgresSyncStore.open(
                        destination, applicationName: "clerkbridge-store-copy", logger: Self.logger(masking: destination))
                } catch {
                    throw CommandFailure.couldNotStart("--to: \(error)")
                }
                let json = json
                do {
                    let tables = try await postgres.copy(from: sqlite, replacing: replace) { table in
                        if !json { Swift.print("\(table.name)\t\(table.rows) rows") }
                    }
                    await postgres.close()
                    if json {
                        try JSONOutput.print(CopySummary(from: source.description, to: destination.description, tables: tables))
                    } else {
                        Swift.print("copied \(tables.reduce(0) { $0 + $1.rows }) rows from \(source) to \(destination)")
                    }
                } catch let refusal as StoreCopyError {
                    await postgres.close()
                    // A destination that holds data is refused before anything is written: it could not start (2).
                    if case .destinationNotEmpty = refusal { throw CommandFailure.couldNotStart("--to: \(destination): \(refusal)") }
                    throw CommandFailure.failed("store copy to \(destination): \(refusal)")
                } catch {
                    await postgres.close()
                    throw CommandFailure.failed("store copy to \(destination): \(error)")
                }
            }
        }

        /// Warnings and errors only, with the destination's password masked wherever it might slip in.
        private static func logger(masking destination: PostgresLocation) -> Logger {
            let secrets = [destination.password].compactMap { $0 }.filter { !$0.isEmpty }
            return Logger(label: "clerkbridge") { label in
                RedactingLogHandler(label: label, level: .warning, format: .text, secrets: secrets)
            }
        }

        /// The source (an SQLite location) and the destination (a PostgreSQL one), or a usage error naming the flag.
        private func locations() throws -> (DatabaseLocation, PostgresLocation) {
            let source: DatabaseLocation
            let destination: DatabaseLocation
            do {
                source = try DatabaseLocation.parse(from)
            } catch {
                throw CommandFailure.couldNotStart("--from: \(error)")
            }
            do {
                destination = try DatabaseLocation.parse(to)
            } catch {
                throw CommandFailure.couldNotStart("--to: \(error)")
            }
            if case .postgres = source {
                throw CommandFailure.couldNotStart("--from: \(source) is PostgreSQL; store copy reads an SQLite file (sqlite:PATH)")
            }
            guard case .postgres(let postgres) = destination else {
                throw CommandFailure.couldNotStart("--to: \(destination) is not PostgreSQL; store copy writes to postgres://USER:PASS@HOST:PORT/DB")
            }
            return (source, postgres)
        }
    }
}

/// What `store copy --json` prints: both databases (passwords redacted) and the rows of each table.
struct CopySummary: Encodable {
    struct Table: Encodable {
        var name: String
        var rows: Int
    }

    var from: String
    var to: String
    var tables: [Table]

    init(from: String, to: String, tables: [CopiedTable]) {
        self.from = from
        self.to = to
        self.tables = tables.map { Table(name: $0.name, rows: $0.rows) }
    }
}
