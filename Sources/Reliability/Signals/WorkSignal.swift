import Foundation
import Synchronization

/// Wakes a worker as soon as new work is stored in this process (the webhook receiver and the event intake call
/// ``notify(_:)``), so a delivery reaches Clerk without waiting for the next poll. Jobs stored by other
/// processes are found by the poll (or a database notification).
///
/// A notification names the ``Topics`` of the work it announces, and a loop waits for the topics it runs, so a
/// burst of webhook deliveries wakes the loop that applies them and not the ones that run reindexes or imports
/// (each wake of those cost a claim on the database's one writer: BENCHMARKS.md, "Before and after the
/// consolidation").
public final class WorkSignal: Sendable {
    /// Kinds of work a notification announces; what each bit means is up to the loops that share the signal.
    public struct Topics: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32

        /// Topics from their bits.
        public init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        /// Every topic: what a notification that does not say announces, and what stopping announces.
        public static let all = Topics(rawValue: .max)
    }

    private struct Waiter {
        var continuation: CheckedContinuation<Void, Never>
        var topics: Topics
    }

    private struct State {
        /// Topics notified while no loop waited for them, remembered for the next to wait.
        var pending: Topics = []
        var waiters: [UUID: Waiter] = [:]
        var expired: Set<UUID> = []

        /// Takes the pending topics `topics` wants; whether there were any.
        mutating func consume(_ topics: Topics) -> Bool {
            guard !pending.isDisjoint(with: topics) else { return false }
            pending.subtract(topics)
            return true
        }
    }

    private let state = Mutex(State())

    /// Creates a signal; a notification that arrives while nobody waits for its topics is remembered until a
    /// loop does.
    public init() {}

    /// Wakes every loop waiting for one of `topics` (every loop by default); topics no loop waits for are
    /// remembered for the next to wait.
    public func notify(_ topics: Topics = .all) {
        guard !topics.isEmpty else { return }
        let waiters = state.withLock { state in
            var woken: [CheckedContinuation<Void, Never>] = []
            var unheard = topics
            for (id, waiter) in state.waiters where !waiter.topics.isDisjoint(with: topics) {
                woken.append(waiter.continuation)
                unheard.subtract(waiter.topics)
                state.waiters[id] = nil
            }
            state.pending.formUnion(unheard)
            return woken
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The topics notified while no loop waited for them.
    var pending: Topics {
        state.withLock { $0.pending }
    }

    /// How many loops wait now.
    var waiting: Int {
        state.withLock { $0.waiters.count }
    }

    /// Returns at the next notification of one of `topics` (any, by default) or after `timeout`, whichever comes
    /// first (at once when cancelled).
    public func wait(for topics: Topics = .all, timeout: Duration) async {
        if state.withLock({ $0.consume(topics) }) { return }
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { state in
                        if state.consume(topics) || state.expired.remove(id) != nil {
                            return true
                        }
                        state.waiters[id] = Waiter(continuation: continuation, topics: topics)
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
            await group.next()
            group.cancelAll()
            self.expire(id)
        }
        state.withLock { _ = $0.expired.remove(id) }
    }

    private func expire(_ id: UUID) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter.continuation }
            state.expired.insert(id)
            return nil
        }
        waiter?.resume()
    }
}
