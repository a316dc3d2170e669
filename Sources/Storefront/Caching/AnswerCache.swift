import Synchronization

/// A short-lived cache of answers that are the same for every shopper (a category's popular products, a
/// product's alternatives), shared by concurrent requests: while an answer is being computed, every request for
/// the same key waits for that one computation instead of asking Clerk again.
///
/// Each answer says how long it may be reused (`ttl`); failures are not kept. When more than `capacity` keys are
/// held, expired answers go first, then all finished ones, so memory stays bounded under any key mix.
public final class AnswerCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private enum Entry {
        case computing(Task<Value, any Error>)
        case ready(Value, until: ContinuousClock.Instant)
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int

    /// A cache holding at most about `capacity` answers.
    public init(capacity: Int = 10_000) {
        self.capacity = max(capacity, 1)
    }

    /// The answer for `key`: a fresh kept one (`kept` true), else the one being computed or `compute`'s, kept
    /// for `ttl(answer)`.
    public func answer(
        for key: Key, ttl: @escaping @Sendable (Value) -> Duration,
        compute: @escaping @Sendable () async throws -> Value
    ) async throws -> (value: Value, kept: Bool) {
        let now = ContinuousClock.now
        let lookup: Entry = entries.withLock { entries in
            switch entries[key] {
            case .ready(_, let until)? where until > now:
                return entries[key]!
            case .computing(let task)?:
                return .computing(task)
            default:
                if entries.count >= capacity { Self.evict(&entries, now: now, capacity: capacity) }
                let task = Task { [self] () async throws -> Value in
                    do {
                        let value = try await compute()
                        let until = ContinuousClock.now.advanced(by: ttl(value))
                        self.entries.withLock { $0[key] = .ready(value, until: until) }
                        return value
                    } catch {
                        self.entries.withLock { _ = $0.removeValue(forKey: key) }
                        throw error
                    }
                }
                entries[key] = .computing(task)
                return .computing(task)
            }
        }
        switch lookup {
        case .ready(let value, _): return (value, true)
        case .computing(let task): return (try await task.value, false)
        }
    }

    /// How many answers are kept or being computed.
    public var count: Int { entries.withLock { $0.count } }

    private static func evict(_ entries: inout [Key: Entry], now: ContinuousClock.Instant, capacity: Int) {
        entries = entries.filter { _, entry in
            if case .ready(_, let until) = entry { return until > now }
            return true
        }
        guard entries.count >= capacity else { return }
        entries = entries.filter { _, entry in
            if case .computing = entry { return true }
            return false
        }
    }
}
