import Foundation
import Logging
import PostgresNIO
import SyncStore
import SyncStorePostgres
import Synchronization

/// A throw-away PostgreSQL cluster for tests: `initdb` and `pg_ctl` in a fresh `/tmp/cbpg-…` directory, listening on
/// a unix socket only (no port to choose, so test processes never collide), started once per test process on first
/// use, stopped and deleted when the process exits. Each caller gets databases of its own.
///
/// As root (PostgreSQL refuses to run as root) the binaries run as the `postgres` user through `runuser`. When
/// they are not installed, ``isAvailable`` is false and suites skip with ``installHint``; with
/// `CLERKBRIDGE_REQUIRE_POSTGRES=1` (CI) they run and fail instead.
public actor TemporaryPostgres {
    /// The cluster of this test process.
    public static let shared = TemporaryPostgres()

    /// The directory holding `initdb` and `pg_ctl`: `CLERKBRIDGE_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`,
    /// else `PATH`; nil when none has them.
    public static let binaries: URL? = findBinaries()

    /// Whether the PostgreSQL binaries are installed.
    public static var isAvailable: Bool { binaries != nil }

    /// Whether the PostgreSQL tests must run (`CLERKBRIDGE_REQUIRE_POSTGRES=1`): a missing PostgreSQL fails them.
    public static var required: Bool { ProcessInfo.processInfo.environment["CLERKBRIDGE_REQUIRE_POSTGRES"] == "1" }

    /// Whether the PostgreSQL tests run: installed, or required (and then failing).
    public static var runs: Bool { isAvailable || required }

    /// Why the PostgreSQL tests were skipped, and how to run them.
    public static let installHint =
        "PostgreSQL is not installed, so the PostgreSQL store is not tested: install it (Debian: apt-get install postgresql) "
        + "or point CLERKBRIDGE_PG_BIN at the directory holding initdb and pg_ctl; CLERKBRIDGE_REQUIRE_POSTGRES=1 turns this skip into a failure"

    /// A started cluster.
    private struct Cluster {
        var directory: String
        var port: Int
        var template: String
    }

    private var cluster: Task<Cluster, any Error>?

    /// The user the cluster's superuser role is called.
    static let superuser = "postgres"

    /// A fresh database of its own (a copy of one migrated once), as a location `PostgresSyncStore.open` and
    /// `CLERKBRIDGE_DATABASE_URL` take.
    public func database() async throws -> PostgresLocation {
        let cluster = try await started()
        let name = "t_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await Self.execute("CREATE DATABASE \(name) TEMPLATE \(cluster.template)", in: cluster)
        return Self.location(cluster, database: name)
    }

    /// A fresh, empty database (not migrated): what a first start or a migration race begins with.
    public func emptyDatabase() async throws -> PostgresLocation {
        let cluster = try await started()
        let name = "e_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await Self.execute("CREATE DATABASE \(name)", in: cluster)
        return Self.location(cluster, database: name)
    }

    /// `location`'s database reached over TCP on 127.0.0.1 as `user` with `password` (password logins are checked
    /// there; the socket trusts everyone), with `parameters` such as `sslmode`.
    public func overTCP(
        _ location: PostgresLocation, user: String, password: String, parameters: [String: String] = [:]
    ) async throws -> PostgresLocation {
        let cluster = try await started()
        return PostgresLocation(
            host: "127.0.0.1", port: cluster.port, user: user, password: password, database: location.database,
            parameters: parameters)
    }

    /// Drops `location`'s database, ending the sessions still connected to it.
    public func drop(_ location: PostgresLocation) async {
        guard let cluster = try? await started() else { return }
        try? await Self.execute("DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)", in: cluster)
    }

    /// Runs `sql` as the superuser in `location`'s database (tests that look at or break the database directly).
    public func execute(_ sql: String, in location: PostgresLocation) async throws {
        let cluster = try await started()
        try await Self.execute(sql, in: cluster, database: location.database)
    }

    /// The integer the one-row, one-column `sql` answers in `location`'s database, run as the superuser.
    public func integer(_ sql: String, in location: PostgresLocation) async throws -> Int {
        let cluster = try await started()
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: "\(cluster.directory)/.s.PGSQL.\(cluster.port)", username: Self.superuser, password: nil,
            database: location.database)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.quietLogger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.quietLogger).collect()
            try await connection.close()
            return try rows.first?.decode(Int.self) ?? 0
        } catch {
            try? await connection.close()
            throw TemporaryPostgresError("\(sql): \(String(reflecting: error))")
        }
    }

    /// The URL of `location` for `CLERKBRIDGE_DATABASE_URL` (a child process's database).
    public static func url(_ location: PostgresLocation) -> String {
        "postgres://\(superuser)@localhost:\(location.port)/\(location.database)?host=\(location.parameters["host"] ?? "")"
    }

    private static func location(_ cluster: Cluster, database: String) -> PostgresLocation {
        location(cluster.directory, port: cluster.port, database: database)
    }

    private static func location(_ directory: String, port: Int, database: String) -> PostgresLocation {
        PostgresLocation(
            host: "localhost", port: port, user: superuser, password: nil, database: database, parameters: ["host": directory])
    }

    private func started() async throws -> Cluster {
        if let cluster { return try await cluster.value }
        let task = Task { try await Self.start() }
        cluster = task
        return try await task.value
    }

    // MARK: The cluster's life

    private static func start() async throws -> Cluster {
        guard let binaries else {
            throw TemporaryPostgresError(
                "PostgreSQL required by CLERKBRIDGE_REQUIRE_POSTGRES but no initdb and pg_ctl were found (CLERKBRIDGE_PG_BIN, /usr/lib/postgresql/*/bin, PATH)")
        }
        sweepLeftovers(binaries: binaries)
        var template = Array("/tmp/cbpg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TemporaryPostgresError("cannot create a directory under /tmp") }
        let directory = String(cString: made)
        try "\(getpid())".write(toFile: "\(directory)/owner.pid", atomically: true, encoding: .utf8)
        if getuid() == 0 {
            try run("/bin/chown", ["postgres:postgres", directory])
        }
        // The socket trusts everyone; TCP on loopback (for the tests of passwords and TLS) asks for a password.
        try runAsPostgres(
            binaries.appendingPathComponent("initdb").path,
            [
                "-D", "\(directory)/data", "-U", superuser, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--no-locale", "--no-sync",
            ])
        var started: Int?
        for _ in 0..<5 where started == nil {
            let port = try freePort()
            let options = [
                "-k \(directory)", "-c listen_addresses=127.0.0.1", "-p \(port)", "-c fsync=off", "-c synchronous_commit=off",
                "-c full_page_writes=off", "-c max_connections=400", "-c shared_buffers=32MB",
            ].joined(separator: " ")
            // A port taken between choosing and binding it: choose again.
            if (try? runAsPostgres(
                binaries.appendingPathComponent("pg_ctl").path,
                ["-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-o", options, "start"])) != nil
            {
                started = port
            }
        }
        guard let port = started else {
            let log = (try? String(contentsOfFile: "\(directory)/log", encoding: .utf8)) ?? ""
            throw TemporaryPostgresError("the test cluster in \(directory) did not start: \(log.suffix(2_000))")
        }
        running.withLock { $0 = (directory, binaries) }
        atexit { TemporaryPostgres.stopAtExit() }
        // One migrated database that every test's database is copied from (copying is quicker than migrating).
        let cluster = Cluster(directory: directory, port: port, template: "clerkbridge_template")
        try await execute("CREATE DATABASE \(cluster.template)", in: cluster)
        let store = try await PostgresSyncStore.open(location(cluster, database: cluster.template), logger: quietLogger)
        await store.close()
        return cluster
    }

    private static let running = Mutex<(directory: String, binaries: URL)?>(nil)

    private static func stopAtExit() {
        guard let (directory, binaries) = running.withLock({ $0 }) else { return }
        stop(directory: directory, binaries: binaries)
    }

    private static func stop(directory: String, binaries: URL) {
        try? runAsPostgres(binaries.appendingPathComponent("pg_ctl").path, ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops and deletes the clusters of test processes that died without stopping theirs.
    private static func sweepLeftovers(binaries: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("cbpg-") {
            let directory = "/tmp/\(name)"
            guard let text = try? String(contentsOfFile: "\(directory)/owner.pid", encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            stop(directory: directory, binaries: binaries)
        }
    }

    // MARK: Statements and processes

    static let quietLogger: Logger = {
        var logger = Logger(label: "test-postgres")
        logger.logLevel = .critical
        return logger
    }()

    private static func execute(_ sql: String, in cluster: Cluster, database: String = "postgres") async throws {
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: "\(cluster.directory)/.s.PGSQL.\(cluster.port)", username: superuser, password: nil, database: database)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: quietLogger)
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger).collect()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw TemporaryPostgresError("\(sql): \(String(reflecting: error))")
        }
    }

    /// A TCP port on 127.0.0.1 nothing listens on right now.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TemporaryPostgresError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw TemporaryPostgresError("cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func runAsPostgres(_ executable: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        } else {
            try run(executable, arguments)
        }
    }

    /// Runs `executable` and waits for it to exit, its output going to a file that is quoted when it fails.
    ///
    /// Spawned and reaped by hand (`posix_spawn`, `waitpid`) rather than through Foundation's `Process`, whose
    /// `waitUntilExit` never returned after `pg_ctl start` had started the server (seen under load, twice). The child
    /// keeps only its standard input, output and error, so the server holds none of the test process's descriptors.
    private static func run(_ executable: String, _ arguments: [String]) throws {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cbpg-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Swift's Glibc lacks `posix_spawn_file_actions_addclosefrom_np`: a shell closes the rest, then becomes the tool.
        let closeTheRest = #"for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#
        let argv = (["/bin/bash", "-c", closeTheRest, "bash", executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TemporaryPostgresError("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw TemporaryPostgresError("lost track of \(executable) (waitpid: errno \(errno))") }
        }
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let how = exited ? "exited \(code)" : "was killed by signal \(status & 0x7f)"
            throw TemporaryPostgresError("\(executable) \(arguments.joined(separator: " ")) \(how): \(text.suffix(2_000))")
        }
    }

    private static func findBinaries() -> URL? {
        let fileManager = FileManager.default
        func holdsBoth(_ directory: String) -> Bool {
            fileManager.isExecutableFile(atPath: "\(directory)/initdb") && fileManager.isExecutableFile(atPath: "\(directory)/pg_ctl")
        }
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["CLERKBRIDGE_PG_BIN"], holdsBoth(given) { return URL(fileURLWithPath: given) }
        let versions = ((try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where holdsBoth("/usr/lib/postgresql/\(version)/bin") {
            return URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":").map(String.init) where holdsBoth(directory) {
            return URL(fileURLWithPath: directory)
        }
        return nil
    }
}

/// The test cluster could not be started or used.
public struct TemporaryPostgresError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
