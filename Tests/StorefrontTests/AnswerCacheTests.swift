import StorefrontRegistry
import Synchronization
import Testing

@testable import Storefront

/// The shared answer cache: one computation per key however many ask at once, kept for its TTL, failures never
/// kept, memory bounded.
@Suite struct AnswerCacheTests {
    struct Failure: Error {}

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    @Test func concurrentRequestsForOneKeyShareOneComputation() async throws {
        let cache = AnswerCache<String, Int>()
        let computations = Counter()
        let (gate, release) = AsyncStream<Void>.makeStream()
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await cache.answer(for: "k", ttl: { _ in .seconds(60) }) {
                        computations.value.add(1, ordering: .relaxed)
                        for await _ in gate { break }
                        return 42
                    }.value
                }
            }
            // Let every request arrive while the first computation waits, then release it.
            while cache.count == 0 { await Task.yield() }
            for _ in 0..<100 { await Task.yield() }
            release.yield()
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(answers.count == 50 && answers.allSatisfy { $0 == 42 })
        #expect(computations.value.load(ordering: .relaxed) == 1)
        let kept = try await cache.answer(for: "k", ttl: { _ in .seconds(60) }) { 7 }
        #expect(kept.value == 42 && kept.kept, "kept for its TTL")
    }

    @Test func anExpiredAnswerIsComputedAgainAndAFailureIsNotKept() async throws {
        let cache = AnswerCache<String, Int>()
        #expect(try await cache.answer(for: "k", ttl: { _ in .zero }) { 1 }.value == 1)
        #expect(try await cache.answer(for: "k", ttl: { _ in .zero }) { 2 }.value == 2, "a zero TTL keeps nothing")
        await #expect(throws: Failure.self) {
            try await cache.answer(for: "f", ttl: { _ in .seconds(60) }) { throw Failure() }
        }
        #expect(try await cache.answer(for: "f", ttl: { _ in .seconds(60) }) { 3 }.value == 3, "the failure was not kept")
        #expect(try await cache.answer(for: "ttl", ttl: { $0 > 10 ? .seconds(60) : .zero }) { 5 }.value == 5)
        #expect(try await cache.answer(for: "ttl", ttl: { $0 > 10 ? .seconds(60) : .zero }) { 11 }.value == 11)
        #expect(try await cache.answer(for: "ttl", ttl: { _ in .zero }) { 12 }.value == 11, "each answer chose its TTL")
    }

    @Test func theCacheStaysWithinItsCapacity() async throws {
        let cache = AnswerCache<String, Int>(capacity: 100)
        for key in 0..<1_000 {
            _ = try await cache.answer(for: "k\(key)", ttl: { _ in .seconds(60) }) { key }
            #expect(cache.count <= 100)
        }
        #expect(try await cache.answer(for: "k999", ttl: { _ in .seconds(60) }) { -1 }.value == 999)
    }

    @Test func aCancelledRequestLeavesTheSharedComputationToTheOthers() async throws {
        let cache = AnswerCache<String, Int>()
        let computations = Counter()
        let (gate, release) = AsyncStream<Void>.makeStream()
        let compute: @Sendable () async throws -> Int = {
            computations.value.add(1, ordering: .relaxed)
            for await _ in gate { break }
            return 7
        }
        let first = Task { try await cache.answer(for: "k", ttl: { _ in .seconds(60) }, compute: compute).value }
        while cache.count == 0 { await Task.yield() }
        first.cancel()
        let second = Task { try await cache.answer(for: "k", ttl: { _ in .seconds(60) }, compute: compute).value }
        release.yield()
        #expect(try await second.value == 7)
        #expect(try await first.value == 7, "the cancelled request still gets the answer it was waiting for")
        #expect(computations.value.load(ordering: .relaxed) == 1)
    }

    @Test func answersStillBeingComputedAreNeverEvicted() async throws {
        let cache = AnswerCache<String, Int>(capacity: 4)
        let (gate, release) = AsyncStream<Void>.makeStream()
        let slow = Task {
            try await cache.answer(for: "slow", ttl: { _ in .seconds(60) }) {
                for await _ in gate { break }
                return 1
            }.value
        }
        while cache.count == 0 { await Task.yield() }
        for key in 0..<20 {
            _ = try await cache.answer(for: "k\(key)", ttl: { _ in .seconds(60) }) { key }
            #expect(cache.count <= 5, "the capacity plus the one still computing")
        }
        let computations = Counter()
        let joined = Task {
            try await cache.answer(for: "slow", ttl: { _ in .seconds(60) }) {
                computations.value.add(1, ordering: .relaxed)
                return 2
            }.value
        }
        for _ in 0..<100 { await Task.yield() } // let it find the computation before it ends
        release.yield()
        #expect(try await slow.value == 1)
        #expect(try await joined.value == 1, "joined the computation that was never evicted")
        #expect(computations.value.load(ordering: .relaxed) == 0)
    }
}
