import Foundation
import Logging
import Synchronization

/// Collects how each piece of a claimed batch ended, as its handler reports it.
///
/// Work that is done is marked done in the queue as soon as it is reported — grouped with whatever else
/// finished while the previous mark was being written — so a process killed mid-batch repeats only the work
/// that finished after the last write. Failures and waits are settled by the runner when the batch ends,
/// when it can tell an outage from a failure of one piece.
public final class WorkSettler<Work: QueuedWork>: Sendable {
    private struct State {
        var outcomes: [Work.ID: WorkOutcome] = [:]
        var completed: [Work.ID] = []
        var flushing: Task<Void, Never>?
        var doneCount = 0
    }

    private let state = Mutex(State())
    private let writeCompletions: @Sendable ([Work.ID]) async throws -> Void
    private let logger: Logger

    init(writeCompletions: @escaping @Sendable ([Work.ID]) async throws -> Void, logger: Logger) {
        self.writeCompletions = writeCompletions
        self.logger = logger
    }

    /// Reports how `work` ended. A second report for the same work is ignored.
    public func settle(_ work: Work, _ outcome: WorkOutcome) {
        settle(work.id, outcome)
    }

    /// Reports the same outcome for every piece of `batch`.
    public func settle(_ batch: [Work], _ outcome: WorkOutcome) {
        for work in batch { settle(work.id, outcome) }
    }

    private func settle(_ id: Work.ID, _ outcome: WorkOutcome) {
        state.withLock { state in
            guard state.outcomes[id] == nil else { return }
            state.outcomes[id] = outcome
            guard case .done = outcome else { return }
            state.doneCount += 1
            state.completed.append(id)
            if state.flushing == nil { state.flushing = flushTask() }
        }
    }

    /// Writes the completions reported so far, then any reported meanwhile, in an unstructured task: a
    /// cancelled runner must still record what was done.
    private func flushTask() -> Task<Void, Never> {
        Task {
            while true {
                let batch: [Work.ID] = state.withLock { state in
                    let batch = state.completed
                    state.completed.removeAll()
                    if batch.isEmpty { state.flushing = nil }
                    return batch
                }
                guard !batch.isEmpty else { return }
                do {
                    try await writeCompletions(batch)
                } catch {
                    logger.warning("Could not mark finished work done; it runs again when its lease expires", metadata: [
                        "count": "\(batch.count)", "error": "\(error)",
                    ])
                }
            }
        }
    }

    /// Waits until every completion reported so far is written.
    func drain() async {
        while let task = state.withLock({ $0.flushing }) {
            await task.value
        }
    }

    /// The outcome reported for `id`, nil when none was.
    func outcome(_ id: Work.ID) -> WorkOutcome? {
        state.withLock { $0.outcomes[id] }
    }

    /// Whether `id` has an outcome yet.
    func isSettled(_ id: Work.ID) -> Bool {
        state.withLock { $0.outcomes[id] != nil }
    }

    /// How many pieces were reported done.
    var doneCount: Int {
        state.withLock { $0.doneCount }
    }
}
