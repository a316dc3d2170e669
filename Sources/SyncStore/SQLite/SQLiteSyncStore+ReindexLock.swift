import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension SQLiteSyncStore {
    /// One reindex per database file, whatever its storefronts: an advisory `flock` on `<database>.reindex.lock`,
    /// released by the kernel if the process dies. An in-memory database belongs to one process and needs none.
    public func lockReindex(storefronts: [String], owner: String) async throws -> ReindexLease {
        guard let path else { return ReindexLease {} }
        let lockPath = path + ".reindex.lock"
        let descriptor = Glibc.open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw SyncStoreError.cannotOpen(path: lockPath, reason: "the reindex lock file cannot be created")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(descriptor)
            throw SyncStoreError.reindexRunning(lockPath)
        }
        return ReindexLease {
            flock(descriptor, LOCK_UN)
            Glibc.close(descriptor)
        }
    }
}
