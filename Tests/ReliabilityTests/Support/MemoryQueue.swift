import Foundation
import Synchronization

@testable import Reliability

/// A ``WorkQueue`` in memory, recording every call, for the runner's tests.
final class MemoryQueue: WorkQueue, Sendable {
    struct Item: QueuedWork, Hashable {
        var id: Int
        var attempts = 0
        var queuedAt: Date
    }

    enum State: Hashable {
        case due(Date, WaitReason?)
        case leased(owner: String, until: Date)
        case done
        case dead(String)
    }

    struct Record {
        var item: Item
        var state: State
    }

    private let records: Mutex<[Int: Record]>
    private let completions = Mutex<[[Int]]>([])

    init(items: Int, queuedAt: Date) {
        records = Mutex(Dictionary(uniqueKeysWithValues: (1...max(1, items)).prefix(items).map {
            ($0, Record(item: Item(id: $0, queuedAt: queuedAt), state: .due(queuedAt, nil)))
        }))
    }

    /// Adds item `id`, due at `at`.
    func add(_ id: Int, at: Date) {
        records.withLock { $0[id] = Record(item: Item(id: id, queuedAt: at), state: .due(at, nil)) }
    }

    func state(_ id: Int) -> State? { records.withLock { $0[id]?.state } }
    func attempts(_ id: Int) -> Int? { records.withLock { $0[id]?.item.attempts } }
    /// The batches of completions as the runner wrote them.
    var completionWrites: [[Int]] { completions.withLock { $0 } }

    func claim(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [Item] {
        records.withLock { records in
            let due = records.values.filter { record in
                switch record.state {
                case .due(let at, _): at <= now
                case .leased(_, let until): until <= now
                case .done, .dead: false
                }
            }.sorted { $0.item.id < $1.item.id }.prefix(limit)
            for record in due {
                records[record.item.id]?.state = .leased(owner: owner, until: now.addingTimeInterval(lease.timeInterval))
            }
            return due.map(\.item)
        }
    }

    func renewLeases(_ ids: [Int], owner: String, until: Date) async throws {
        records.withLock { records in
            for id in ids {
                if case .leased(owner, _) = records[id]?.state { records[id]?.state = .leased(owner: owner, until: until) }
            }
        }
    }

    func complete(_ ids: [Int], owner: String, now: Date) async throws {
        completions.withLock { $0.append(ids) }
        records.withLock { records in
            for id in ids {
                if case .leased(owner, _) = records[id]?.state {
                    records[id]?.state = .done
                    records[id]?.item.attempts += 1
                }
            }
        }
    }

    func putBack(_ ids: [Int], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        records.withLock { records in
            for id in ids { records[id]?.state = .due(until, reason) }
        }
    }

    func fail(_ item: Item, owner: String, error: any Error, retryAt: Date?, now: Date) async throws {
        records.withLock { records in
            records[item.id]?.item.attempts += 1
            records[item.id]?.state = retryAt.map { .due($0, nil) } ?? .dead("\(error)")
        }
    }

    func resumeAfterOutage(now: Date) async throws -> Int {
        records.withLock { records in
            var count = 0
            for (id, record) in records {
                if case .due(_, .outage) = record.state {
                    records[id]?.state = .due(now, nil)
                    count += 1
                }
            }
            return count
        }
    }
}

/// A failure that says what it is.
struct TestFailure: RetryClassified, CustomStringConvertible {
    var retryability: Retryability
    var dependency: Dependency? = .clerk
    var description: String { "test failure (\(retryability))" }
}
