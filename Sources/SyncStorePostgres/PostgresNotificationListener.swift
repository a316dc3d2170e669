import Logging
import PostgresNIO
import Reliability
import ServiceLifecycle
import Synchronization

/// Wakes this process's queue runners when another process commits work: one pooled connection `LISTEN`s on the
/// channels the store notifies in the same transaction as the work (delivered on commit only). Polling stays the
/// fallback; the notifications only shorten the wait.
///
/// The connection is taken once a runner subscribes (commands that run no queue never hold one). When it breaks,
/// another is taken, the runners are woken once (anything notified meanwhile was lost) and listening resumes;
/// the connection is pinged every 30 s so a half-open one is noticed.
final class PostgresNotificationListener: Service, Sendable {
    /// The channel a due job is announced on.
    static let jobsChannel = "clerkbridge_jobs"
    /// The channel stored events are announced on.
    static let eventsChannel = "clerkbridge_events"
    /// How often the listening connection is checked.
    static let pingInterval: Duration = .seconds(30)

    private struct Subscribers {
        var jobs: [WorkSignal] = []
        var events: [WorkSignal] = []
    }

    private let client: PostgresClient
    private let logger: Logger
    private let subscribers = Mutex(Subscribers())
    private let (subscriptions, subscribed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Wakes `jobs` and `events` on their channels' notifications from now on.
    func subscribe(jobs: WorkSignal, events: WorkSignal) {
        subscribers.withLock {
            $0.jobs.append(jobs)
            $0.events.append(events)
        }
        subscribed.yield()
    }

    /// Listens until the graceful shutdown, from the first subscription on.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in self.subscriptions { break }
            var failures = 0
            while !Task.isCancelled {
                do {
                    try await self.listen { failures = 0 }
                } catch is CancellationError {
                    break
                } catch {
                    if Task.isCancelled { break }
                    failures += 1
                    // Logged with the SQLSTATE or connection error only: a notification carries nothing secret,
                    // but a server message could echo a statement.
                    self.logger.warning(
                        "Lost the connection that listens for new work; polling until it is back",
                        metadata: ["error": "\(PostgresStoreError.translate(error))", "failures": "\(failures)"])
                }
                let wait = min(30.0, 0.5 * Double(1 << min(failures, 6)))
                try? await Task.sleep(for: .seconds(wait))
            }
        }
    }

    private func listen(connected: () -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: Self.jobsChannel) { jobs in
                try await connection.listen(on: Self.eventsChannel) { events in
                    connected()
                    self.wakeAll()
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await _ in jobs { self.wake(\.jobs) }
                            throw PostgresStoreError.unavailable("the jobs notifications ended")
                        }
                        group.addTask {
                            for try await _ in events { self.wake(\.events) }
                            throw PostgresStoreError.unavailable("the events notifications ended")
                        }
                        group.addTask {
                            while true {
                                try await Task.sleep(for: Self.pingInterval)
                                try await connection.rows("SELECT 1", self.logger)
                            }
                        }
                        defer { group.cancelAll() }
                        try await group.next()
                    }
                }
            }
        }
    }

    private func wake(_ channel: KeyPath<Subscribers, [WorkSignal]>) {
        for signal in subscribers.withLock({ $0[keyPath: channel] }) { signal.notify() }
    }

    private func wakeAll() {
        wake(\.jobs)
        wake(\.events)
    }
}
