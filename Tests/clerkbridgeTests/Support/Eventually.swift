/// Polls `condition` until it holds or `seconds` pass; returns whether it held. Yields between checks, never sleeps.
/// The deadline is generous on purpose: a passing test returns as soon as the condition holds, and a 2-core machine
/// running several builds beside the suite was measured to need more than 15 s for some integration waits.
func eventually(seconds: Int = 60, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        await Task.yield()
    }
    return false
}
