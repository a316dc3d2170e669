import Foundation
import Synchronization

/// Wakes a worker as soon as new work is stored in this process (the webhook receiver and the event intake call
/// ``notify()``), so a delivery reaches Clerk without waiting for the next poll. Jobs stored by other
/// processes are found by the poll.
public final class WorkSignal: Sendable {
    private struct State {
        var pending = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
        var expired: Set<UUID> = []
    }

    private let state = Mutex(State())

    /// Creates a signal; a notification that arrives while nobody waits is remembered (one at most).
    public init() {}

    /// Wakes every waiting worker loop, or the next one to wait.
    public func notify() {
        let waiters = state.withLock { state in
            let waiters = state.waiters.values
            if waiters.isEmpty { state.pending = true }
            state.waiters = [:]
            return Array(waiters)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns at the next notification or after `timeout`, whichever comes first (at once when cancelled).
    public func wait(timeout: Duration) async {
        let consumed = state.withLock { state in
            defer { state.pending = false }
            return state.pending
        }
        if consumed { return }
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { state in
                        if state.pending || state.expired.remove(id) != nil {
                            state.pending = false
                            return true
                        }
                        state.waiters[id] = continuation
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
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            state.expired.insert(id)
            return nil
        }
        waiter?.resume()
    }
}
