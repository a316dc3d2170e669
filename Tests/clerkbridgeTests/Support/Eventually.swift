/// Polls `condition` until it holds or `seconds` pass; returns whether it held. Yields between checks, never sleeps.
func eventually(seconds: Int = 15, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        await Task.yield()
    }
    return false
}
