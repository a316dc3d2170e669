import Synchronization

/// Writes requests that arrive while another write is in flight together, in one transaction: SQLite has one
/// writer, and each transaction of a file database waits for its `fsync`, so under a burst one commit for many
/// requests is what lets the writer keep up (BENCHMARKS.md, "Webhooks"). A request that arrives when nothing is
/// being written is written at once, alone: batching adds no wait.
///
/// Every request is answered only after the transaction that holds it committed, with its own result: `write`
/// gives each request its own outcome (a savepoint per request), or throws for the whole batch.
final class SQLiteGroupCommit<Request: Sendable, Response: Sendable>: Sendable {
    /// Writes a batch in one transaction; one result per request, in order.
    typealias Write = @Sendable ([Request]) async throws -> [Result<Response, any Error>]

    private struct Pending {
        var request: Request
        var continuation: CheckedContinuation<Result<Response, any Error>, Never>
    }

    private enum Writer {
        case idle
        case writing
    }

    private struct State {
        var queued: [Pending] = []
        var writer = Writer.idle
    }

    private let state = Mutex(State())
    private let write: Write
    private let maxBatch: Int

    /// A group commit of at most `maxBatch` requests per transaction, written by `write`.
    init(maxBatch: Int = 256, write: @escaping Write) {
        self.maxBatch = max(1, maxBatch)
        self.write = write
    }

    /// Writes `request` with whatever else is waiting, and returns its result once the transaction committed.
    func submit(_ request: Request) async throws -> Response {
        let result = await withCheckedContinuation { continuation in
            let leads = state.withLock { state in
                state.queued.append(Pending(request: request, continuation: continuation))
                guard case .idle = state.writer else { return false }
                state.writer = .writing
                return true
            }
            // An unstructured task: the batch must be written even when the request that started it is cancelled.
            if leads { Task { await self.drain() } }
        }
        return try result.get()
    }

    private func drain() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = Array(state.queued.prefix(maxBatch))
                state.queued.removeFirst(batch.count)
                if batch.isEmpty { state.writer = .idle }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let results = try await write(batch.map(\.request))
                precondition(results.count == batch.count, "a group commit answers every request")
                for (pending, result) in zip(batch, results) { pending.continuation.resume(returning: result) }
            } catch {
                for pending in batch { pending.continuation.resume(returning: .failure(error)) }
            }
        }
    }
}
