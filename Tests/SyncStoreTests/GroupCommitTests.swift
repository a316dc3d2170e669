import Synchronization
import Testing

@testable import SyncStore

/// Requests that arrive while a write is in flight are written together in the next one, and each gets its own
/// result.
@Suite("group commit")
struct GroupCommitTests {
    enum Refused: Error, Equatable {
        case odd(Int)
    }

    /// The batches written, and a gate that holds the first write until opened.
    final class Writes: Sendable {
        private let batches = Mutex<[[Int]]>([])
        private let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let (opened, open) = AsyncStream<Void>.makeStream()

        var written: [[Int]] { batches.withLock { $0 } }
        var firstWriteWaits: Bool { gate.withLock { $0 != nil } }

        func write(_ batch: [Int]) async -> [Result<Int, any Error>] {
            let first = batches.withLock { batches in
                batches.append(batch)
                return batches.count == 1
            }
            if first {
                await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
            }
            return batch.map { $0.isMultiple(of: 2) ? .success($0 * 10) : .failure(Refused.odd($0)) }
        }

        func openGate() {
            gate.withLock { $0?.resume() }
        }
    }

    @Test func requestsQueuedBehindAWriteAreWrittenTogetherEachWithItsOwnResult() async throws {
        let writes = Writes()
        let commit = GroupCommit<Int, Int> { await writes.write($0) }

        let first = Task { try await commit.submit(0) }
        #expect(await eventually { writes.firstWriteWaits })
        let queued = (1...6).map { n in Task { try await commit.submit(n) } }
        // None of them is written while the first write holds the writer.
        for _ in 0..<1_000 { await Task.yield() }
        #expect(writes.written == [[0]])

        writes.openGate()
        #expect(try await first.value == 0)
        var answers: [Int: Result<Int, Refused>] = [:]
        for (n, task) in zip(1..., queued) {
            do {
                answers[n] = .success(try await task.value)
            } catch let error as Refused {
                answers[n] = .failure(error)
            }
        }
        #expect(writes.written.count == 2 && Set(writes.written[1]) == Set(1...6), "\(writes.written)")
        #expect(answers[2] == .success(20) && answers[4] == .success(40) && answers[6] == .success(60))
        #expect(answers[1] == .failure(.odd(1)) && answers[3] == .failure(.odd(3)) && answers[5] == .failure(.odd(5)))
    }

    @Test func aBatchIsAtMostMaxBatchAndAFailedWriteAnswersEveryRequestWithItsError() async throws {
        let batches = Mutex<[Int]>([])
        let commit = GroupCommit<Int, Int>(maxBatch: 4) { batch in
            batches.withLock { $0.append(batch.count) }
            if batch.contains(13) { throw Refused.odd(13) }
            return batch.map { .success($0) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<40 where n != 13 {
                group.addTask {
                    let answer = try await commit.submit(n)
                    #expect(answer == n)
                }
            }
            try await group.waitForAll()
        }
        #expect(batches.withLock { $0.allSatisfy { $0 <= 4 } && $0.reduce(0, +) == 39 })
        await #expect(throws: Refused.odd(13)) { try await commit.submit(13) }
    }
}
