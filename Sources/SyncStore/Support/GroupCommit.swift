import Synchronization

/// Writes requests that arrive while the writers are busy together, in one transaction each: every durable
/// commit waits for its `fsync` (and SQLite has one writer), so under a burst one commit for many requests is what
/// lets the database keep up (BENCHMARKS.md, "Before and after the consolidation" and "PostgreSQL"). A request
/// that arrives while a writer is free is written at once, alone: batching adds no wait.
///
/// Every request is answered only after the transaction that holds it committed, with its own result: `write`
/// gives each request its own outcome, or throws for the whole batch (every request of it gets the error).
package final class GroupCommit<Request: Sendable, Response: Sendable>: Sendable {
    /// Writes a batch in one transaction; one result per request, in order.
    package typealias Write = @Sendable ([Request]) async throws -> [Result<Response, any Error>]

    private struct Pending {
        var request: Request
        var continuation: CheckedContinuation<Result<Response, any Error>, Never>
    }

    private struct State {
        var queued: [Pending] = []
        /// Writers taking batches now.
        var writing = 0
    }

    private let state = Mutex(State())
    private let write: Write
    private let maxBatch: Int
    private let writers: Int

    /// A group commit of at most `maxBatch` requests per transaction, written by `write`, with at most `writers`
    /// transactions at once (1 for SQLite, which has one writer).
    package init(maxBatch: Int = 256, writers: Int = 1, write: @escaping Write) {
        self.maxBatch = max(1, maxBatch)
        self.writers = max(1, writers)
        self.write = write
    }

    /// Writes `request` with whatever else is waiting, and returns its result once the transaction committed.
    package func submit(_ request: Request) async throws -> Response {
        let result = await withCheckedContinuation { continuation in
            let leads = state.withLock { state in
                state.queued.append(Pending(request: request, continuation: continuation))
                guard state.writing < writers else { return false }
                state.writing += 1
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
                if batch.isEmpty { state.writing -= 1 }
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
