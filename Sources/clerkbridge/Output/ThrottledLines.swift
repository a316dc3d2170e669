import Foundation
import Synchronization

/// Progress lines on standard error, at most one every `interval` seconds (the last one always comes through on
/// ``flush()``).
final class ThrottledLines: Sendable {
    private let interval: Double
    private let state = Mutex<(last: ContinuousClock.Instant?, pending: String?)>((nil, nil))

    init(interval: Double = 2) {
        self.interval = interval
    }

    /// Prints `line` unless one was printed less than `interval` ago (then it is kept for ``flush()``).
    func say(_ line: String) {
        let now = ContinuousClock.now
        let print = state.withLock { state in
            if let last = state.last, (now - last).timeInterval < interval {
                state.pending = line
                return false
            }
            state = (now, nil)
            return true
        }
        if print { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
    }

    /// Prints the line kept back, if any.
    func flush() {
        if let line = state.withLock({ state -> String? in defer { state.pending = nil }; return state.pending }) {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }
}
