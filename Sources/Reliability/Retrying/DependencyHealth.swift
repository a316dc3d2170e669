import Foundation
import Logging
import Synchronization

/// Whether each service clerkbridge depends on answers, judged from the calls the process makes.
///
/// An outage is recognised by time, not by how many batches failed: a dependency is down from the first
/// failure after which nothing reached it, and up again at its next answer. The components that call a
/// dependency record its answers (``answered(_:at:)``); queue runners judge failures against them and
/// record the outages they find (``wentDown(_:at:reason:)``), so each going down and coming back is logged
/// once, and runners bring the work that waited forward when ``recoveries`` changes.
public final class DependencyHealth: Sendable {
    /// Whether a dependency answers.
    public enum Condition: Sendable, Hashable {
        /// It answered the last time it was asked (or was never asked).
        case up
        /// It stopped answering at `since`, with this error.
        case down(since: Date, reason: String)
    }

    /// A point in the order of recorded answers: work notes one before it calls a dependency, then asks
    /// ``answered(_:since:)`` whether anything reached the dependency after it.
    public struct Mark: Sendable, Hashable, Comparable {
        fileprivate let sequence: UInt64

        public static func < (lhs: Mark, rhs: Mark) -> Bool { lhs.sequence < rhs.sequence }
    }

    private struct Entry {
        var condition = Condition.up
        /// The sequence number of the latest answer; 0 when it never answered.
        var lastAnswer: UInt64 = 0
    }

    private struct State {
        var sequence: UInt64 = 0
        var entries: [Dependency: Entry] = [:]
        var recoveries: UInt64 = 0
    }

    private let state = Mutex(State())
    private let logger: Logger

    /// Creates a monitor in which every dependency starts up; transitions are logged to `logger`.
    public init(logger: Logger = Logger(label: "clerkbridge.health")) {
        self.logger = logger
    }

    /// The current point in the order of answers.
    public func mark() -> Mark {
        state.withLock { state in
            state.sequence += 1
            return Mark(sequence: state.sequence)
        }
    }

    /// Records that `dependency` answered (any answer but a failure to reach it); a dependency that was down
    /// is up again, which is logged once and counted in ``recoveries``.
    public func answered(_ dependency: Dependency, at now: Date = Date()) {
        let downSince: Date? = state.withLock { state in
            state.sequence += 1
            var entry = state.entries[dependency] ?? Entry()
            entry.lastAnswer = state.sequence
            defer { state.entries[dependency] = entry }
            guard case .down(let since, _) = entry.condition else { return nil }
            entry.condition = .up
            state.recoveries += 1
            return since
        }
        if let downSince {
            logger.notice("\(dependency) answers again", metadata: [
                "dependency": "\(dependency.rawValue)", "down_seconds": "\(Int(now.timeIntervalSince(downSince).rounded()))",
            ])
        }
    }

    /// Whether `dependency` answered after `mark`.
    public func answered(_ dependency: Dependency, since mark: Mark) -> Bool {
        state.withLock { ($0.entries[dependency]?.lastAnswer ?? 0) > mark.sequence }
    }

    /// Records that `dependency` is down as of `now` (kept when it already is) and returns since when it is
    /// down; the first time is logged.
    @discardableResult
    public func wentDown(_ dependency: Dependency, at now: Date, reason: String) -> Date {
        let (since, changed): (Date, Bool) = state.withLock { state in
            var entry = state.entries[dependency] ?? Entry()
            if case .down(let since, _) = entry.condition { return (since, false) }
            entry.condition = .down(since: now, reason: reason)
            state.entries[dependency] = entry
            return (now, true)
        }
        if changed {
            logger.warning("\(dependency) is unavailable; work waits for it without using attempts", metadata: [
                "dependency": "\(dependency.rawValue)", "error": "\(reason)",
            ])
        }
        return since
    }

    /// Whether `dependency` answers, as far as this process knows.
    public func condition(_ dependency: Dependency) -> Condition {
        state.withLock { $0.entries[dependency]?.condition ?? .up }
    }

    /// The dependencies that are down now, with since when and why.
    public var outages: [(dependency: Dependency, since: Date, reason: String)] {
        state.withLock { state in
            Dependency.allCases.compactMap { dependency in
                guard case .down(let since, let reason) = state.entries[dependency]?.condition else { return nil }
                return (dependency, since, reason)
            }
        }
    }

    /// How many times a dependency came back; a runner that sees it change brings waiting work forward.
    public var recoveries: UInt64 {
        state.withLock { $0.recoveries }
    }
}
