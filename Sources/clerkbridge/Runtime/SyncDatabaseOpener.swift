import Logging
import SyncStore
import SyncStorePostgres

/// Opens the database `CLERKBRIDGE_DATABASE_URL` names: an SQLite file (the embedded default) or PostgreSQL (several
/// `serve` and `worker` processes on one database).
enum SyncDatabaseOpener {
    /// The store at `url`, migrated; PostgreSQL connections show as `applicationName` in `pg_stat_activity`.
    /// - Throws: ``ConfigurationError`` naming the setting and what is wrong (never a password).
    static func open(_ url: String, applicationName: String, logger: Logger) async throws -> any SyncDatabase {
        do {
            let location = try DatabaseLocation.parse(url)
            switch location {
            case .sqliteFile, .sqliteInMemory:
                return try SQLiteSyncStore.open(location)
            case .postgres(let postgres):
                return try await PostgresSyncStore.open(postgres, applicationName: applicationName, logger: logger)
            }
        } catch {
            throw ConfigurationError("CLERKBRIDGE_DATABASE_URL (database_url): \(error)")
        }
    }

    /// Runs `body` with the store at `settings`' database URL, closing it afterwards.
    static func using<T>(
        _ settings: Settings, applicationName: String = "clerkbridge", _ body: (any SyncDatabase) async throws -> T
    ) async throws -> T {
        let store = try await open(settings.databaseURL, applicationName: applicationName, logger: Runtime.logger(settings: settings))
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
