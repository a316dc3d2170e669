import Foundation

extension RetryPolicy {
    /// How long work waits before trying a dependency that has been down for `downFor`: half of that
    /// (between ``base`` and ``cap``), jittered over its upper half.
    ///
    /// Judged by time, so a burst of failing batches does not drive the wait to its cap within seconds: a
    /// dependency down for 20 s is tried again within 10 s, and one down for hours every ``cap`` at most.
    /// When it answers, the waiting work is brought forward at once (see ``DependencyHealth/recoveries``).
    public func outageWait(downFor: Duration) -> Duration {
        var ceiling = downFor / 2
        if ceiling < base { ceiling = base }
        if ceiling > cap { ceiling = cap }
        return ceiling / 2 + Self.jittered(upTo: ceiling / 2)
    }
}
