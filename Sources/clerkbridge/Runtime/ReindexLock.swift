import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps two reindexes off the same database at once: a second run would overwrite the first's
/// `seen` marks, and the first could then delete products the second had just confirmed.
/// An advisory `flock` on `<database>.reindex.lock`, released by the kernel if the process dies.
struct ReindexLock {
    private let descriptor: Int32?

    /// Takes the lock for the SQLite database of `databaseURL` (nothing to lock for an in-memory one).
    /// - Throws: ``StartupError`` when another reindex holds it.
    init(databaseURL: String) throws {
        guard databaseURL.hasPrefix("sqlite:"), !databaseURL.hasSuffix(":memory:") else {
            descriptor = nil
            return
        }
        var path = String(databaseURL.dropFirst("sqlite:".count))
        if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
        let lockPath = path + ".reindex.lock"
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw StartupError("cannot create the reindex lock file \(lockPath)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StartupError("another reindex is running on this database (\(lockPath)); let it finish, or run this one later")
        }
        descriptor = fd
    }

    /// Releases the lock.
    func release() {
        if let descriptor {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }
}
