import Logging
import PostgresNIO
import Synchronization

/// Tells the other processes that work was committed (`NOTIFY` on the channels ``PostgresNotificationListener``
/// listens on), after the transaction that stored it and outside it.
///
/// A `NOTIFY` inside a transaction takes a cluster-wide lock at commit and holds it until the commit is flushed, so
/// every notifying transaction waited for the others' fsync one after another: webhook acceptance stopped near 850
/// deliveries/s whatever the cores (BENCHMARKS.md, "PostgreSQL"). Here at most one notification per channel is in
/// flight; work committed meanwhile is announced by one more shortly after it (``spacing``), so nothing committed is
/// left unannounced, and a burst costs about a hundred notifications a second instead of one per transaction. Work whose
/// process dies between its commit and its announcement is found by the other processes' polls.
final class PostgresWorkAnnouncer: Sendable {
    /// What was committed.
    enum Channel: Hashable, CaseIterable {
        /// Jobs due now.
        case jobs
        /// Events to forward.
        case events

        /// The channel's name, as the listener listens on it.
        var name: String {
            switch self {
            case .jobs: PostgresNotificationListener.jobsChannel
            case .events: PostgresNotificationListener.eventsChannel
            }
        }
    }

    private enum Sending {
        case idle
        case sending
        /// Sending, and more was committed since the notification in flight was asked for.
        case sendingThenAgain
    }

    /// The pause between two notifications of one channel during a burst: at most about 100 a second, each
    /// announcing everything committed since the last.
    static let spacing: Duration = .milliseconds(10)

    private let client: PostgresClient
    private let logger: Logger
    private let channels = Mutex<[Channel: Sending]>([:])

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Announces committed work on `channel`: now, or right after the notification in flight.
    func announce(_ channel: Channel) {
        let starts = channels.withLock { channels -> Bool in
            switch channels[channel] ?? .idle {
            case .idle:
                channels[channel] = .sending
                return true
            case .sending, .sendingThenAgain:
                channels[channel] = .sendingThenAgain
                return false
            }
        }
        if starts { Task { await self.send(channel) } }
    }

    private func send(_ channel: Channel) async {
        repeat {
            do {
                _ = try await client.query("SELECT pg_notify(\(channel.name), '')", logger: logger).collect()
            } catch {
                logger.debug(
                    "Could not announce new work; other processes find it when they poll",
                    metadata: ["channel": "\(channel.name)", "error": "\(PostgresStoreError.translate(error))"])
            }
        } while await again(channel)
    }

    /// Whether more was committed on `channel` while the last notification was sent; if so, after a short pause
    /// that lets a burst's commits share the next notification.
    private func again(_ channel: Channel) async -> Bool {
        let more = channels.withLock { channels -> Bool in
            guard case .sendingThenAgain = channels[channel] else {
                channels[channel] = .idle
                return false
            }
            return true
        }
        guard more else { return false }
        try? await Task.sleep(for: Self.spacing)
        channels.withLock { $0[channel] = .sending }
        return true
    }
}
