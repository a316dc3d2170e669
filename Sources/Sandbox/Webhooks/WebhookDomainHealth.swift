/// The recent delivery outcomes of one destination domain and its deny-listing (reference §5.4): a sliding
/// window of attempts; once it holds enough of them and too few succeeded, the domain is blocked for a while.
struct WebhookDomainHealth {
    struct Outcome {
        var at: ContinuousClock.Instant
        var unixTime: Int
        var failure: String?
    }

    var outcomes: [Outcome] = []
    var blockedUntil: ContinuousClock.Instant?
    var reasons: [SandboxBlockedDomain.Reason] = []

    /// Time until the block lifts, or nil when not blocked.
    func blockRemaining(now: ContinuousClock.Instant) -> Duration? {
        guard let blockedUntil, blockedUntil > now else { return nil }
        return blockedUntil - now
    }

    /// Records an attempt's outcome (`failure` nil for success); returns true when this blocks the domain.
    mutating func record(failure: String?, now: ContinuousClock.Instant, unixTime: Int, settings: WebhookDeliverySettings) -> Bool {
        outcomes.append(Outcome(at: now, unixTime: unixTime, failure: failure))
        outcomes.removeAll { now - $0.at > settings.denyListWindow }
        guard blockRemaining(now: now) == nil, outcomes.count >= max(1, settings.denyListMinimumAttempts) else { return false }
        let succeeded = outcomes.filter { $0.failure == nil }.count
        guard Double(succeeded) / Double(outcomes.count) < settings.denyListSuccessRatio else { return false }
        var byDescription: [String: SandboxBlockedDomain.Reason] = [:]
        for outcome in outcomes {
            guard let failure = outcome.failure else { continue }
            var reason = byDescription[failure] ?? .init(failureDescription: failure, count: 0, timestamp: outcome.unixTime)
            reason.count += 1
            reason.timestamp = max(reason.timestamp, outcome.unixTime)
            byDescription[failure] = reason
        }
        reasons = byDescription.values.sorted { $0.failureDescription < $1.failureDescription }
        blockedUntil = now + settings.denyListDuration
        outcomes.removeAll()
        return true
    }
}
