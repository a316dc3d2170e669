import Synchronization
import Testing

@testable import Reliability

/// A notification wakes only the loops waiting for its topics, and a topic nobody waited for is kept for the next
/// loop that does.
@Suite("work signal")
struct WorkSignalTests {
    static let deltas = WorkSignal.Topics(rawValue: 1)
    static let reindexes = WorkSignal.Topics(rawValue: 2)

    /// The loops that returned, in order.
    final class Woken: Sendable {
        private let names = Mutex<[String]>([])
        func append(_ name: String) { names.withLock { $0.append(name) } }
        var all: [String] { names.withLock { $0 } }
    }

    @Test func aNotificationWakesTheLoopsOfItsTopicsOnly() async throws {
        let signal = WorkSignal()
        let woken = Woken()
        let deltas = Task {
            await signal.wait(for: Self.deltas, timeout: .seconds(3_600))
            woken.append("deltas")
        }
        let reindexes = Task {
            await signal.wait(for: Self.reindexes, timeout: .seconds(3_600))
            woken.append("reindexes")
        }
        #expect(await eventually { signal.waiting == 2 })

        signal.notify(Self.deltas)
        await deltas.value
        #expect(woken.all == ["deltas"])
        #expect(signal.waiting == 1 && signal.pending.isEmpty, "the reindex loop still waits; a heard topic is not kept")

        signal.notify()
        await reindexes.value
        #expect(woken.all == ["deltas", "reindexes"], "a notification without topics wakes every loop")
    }

    @Test func aTopicNobodyWaitedForIsKeptForTheNextLoopThatWaitsForIt() async throws {
        let signal = WorkSignal()
        signal.notify(Self.deltas)
        #expect(signal.pending == Self.deltas)

        // A loop of another topic neither takes it nor returns early.
        await signal.wait(for: Self.reindexes, timeout: .milliseconds(1))
        #expect(signal.pending == Self.deltas)

        // The next deltas loop returns at once (an hour's timeout otherwise) and takes it.
        await signal.wait(for: Self.deltas, timeout: .seconds(3_600))
        #expect(signal.pending.isEmpty)
    }

    @Test func topicsHeardByOneLoopAreNotKeptButTheOthersAre() async throws {
        let signal = WorkSignal()
        let deltas = Task { await signal.wait(for: Self.deltas, timeout: .seconds(3_600)) }
        #expect(await eventually { signal.waiting == 1 })
        signal.notify(Self.deltas.union(Self.reindexes))
        await deltas.value
        #expect(signal.pending == Self.reindexes)
    }
}
