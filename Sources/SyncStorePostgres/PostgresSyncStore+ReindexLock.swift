import Foundation
import PostgresNIO
import SyncStore

/// One reindex per storefront at a time, across every instance: a session advisory lock per storefront, held on a
/// connection kept out of the pool for the whole run (a process that dies drops its session, and so its locks).
extension PostgresSyncStore {
    /// The marker naming who reindexes `storefront` (advisory locks show only a number in `pg_locks`).
    static func reindexMarker(_ storefront: String) -> String { "reindex.\(storefront)" }

    /// Takes the reindex locks of `storefronts` (sorted, all or none).
    ///
    /// - Throws: ``SyncStoreError/reindexRunning(_:)`` naming the storefront and the owner that holds it.
    public func lockReindex(storefronts: [String], owner: String) async throws -> ReindexLease {
        let names = Array(Set(storefronts)).sorted()
        let keys = names.map { "clerkbridge:reindex:\($0)" }
        let logger = logger
        let (releases, release) = AsyncStream<Void>.makeStream()
        let taken = AsyncThrowingStream<Void, any Error>.makeStream()
        let holder = Task {
            do {
                try await client.withConnection { connection in
                    var held: [String] = []
                    for (name, key) in zip(names, keys) {
                        let got = try await connection.rows("SELECT pg_try_advisory_lock(hashtextextended(\(key), 0))", logger)
                        guard try got.first?.decode(Bool.self) == true else {
                            for key in held {
                                try await connection.rows("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))", logger)
                            }
                            let owner = try? await self.marker(Self.reindexMarker(name))?.text
                            throw SyncStoreError.reindexRunning("storefront `\(name)` is being reindexed\(owner.map { " by \($0)" } ?? "")")
                        }
                        held.append(key)
                    }
                    for name in names {
                        try await self.setMarker(Self.reindexMarker(name), value: Array(owner.utf8), at: Date())
                    }
                    taken.continuation.finish()
                    await Self.hold(connection, until: releases, logger: logger)
                    for key in held {
                        _ = try? await connection.rows("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))", logger)
                    }
                }
            } catch {
                taken.continuation.finish(throwing: PostgresStoreError.translate(error))
            }
        }
        do {
            for try await _ in taken.stream {}
        } catch {
            release.finish()
            throw error
        }
        return ReindexLease {
            release.finish()
            await holder.value
        }
    }

    /// Keeps `connection` (and its session's locks) until `releases` ends, checking every 30 s that the session is
    /// still there.
    private static func hold(_ connection: PostgresConnection, until releases: AsyncStream<Void>, logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in releases {}
            }
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await Task.sleep(for: .seconds(30))
                        try await connection.rows("SELECT 1", logger)
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.error(
                            "The connection holding the reindex lock broke; another reindex of these storefronts could start",
                            metadata: ["error": "\(PostgresStoreError.translate(error))"])
                        return
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
