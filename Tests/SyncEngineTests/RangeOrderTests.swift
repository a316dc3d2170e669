import Testing

@testable import SyncEngine

/// A range's pages are handed over in the order they were read, whichever is completed first.
@Suite("range order")
struct RangeOrderTests {
    @Test func pagesCompletedInReverseAreDeliveredInReadOrder() async {
        let order = RangeOrder()
        let (delivered, deliver) = AsyncStream.makeStream(of: Int.self)
        let (waiting, wait) = AsyncStream.makeStream(of: Int.self)
        // Turns 4 down to 1 are completed first and must wait; turn 0 comes last and lets them all through in order.
        let holders = (1...4).reversed().map { turn in
            Task {
                wait.yield(turn)
                await order.wait(for: turn)
                deliver.yield(turn)
                await order.pass()
            }
        }
        var started = waiting.makeAsyncIterator()
        for _ in 1...4 { _ = await started.next() }
        await order.wait(for: 0)
        deliver.yield(0)
        await order.pass()
        for holder in holders { await holder.value }
        deliver.finish()
        var sequence: [Int] = []
        for await turn in delivered { sequence.append(turn) }
        #expect(sequence == [0, 1, 2, 3, 4])
    }

    @Test func aTurnThatIsDueDoesNotWait() async {
        let order = RangeOrder()
        for turn in 0..<3 {
            await order.wait(for: turn)
            await order.pass()
        }
        await order.wait(for: 3)
    }

    @Test func aCancelledWaitReturnsThoughEarlierTurnsNeverCome() async {
        let order = RangeOrder()
        let (entered, enter) = AsyncStream.makeStream(of: Void.self)
        let waiter = Task {
            enter.yield()
            await order.wait(for: 3)
            return Task.isCancelled
        }
        var iterator = entered.makeAsyncIterator()
        _ = await iterator.next()
        waiter.cancel()
        #expect(await waiter.value, "the wait ended only because it was cancelled")
    }
}
