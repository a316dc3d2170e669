import ClerkAPI
import Logging
import Reliability
import Synchronization
import SyncStore

/// Writes documents to one Clerk store in batches, and finds out exactly which documents Clerk refuses.
///
/// Clerk answers a batch with one status and never says which document it could not take, so a
/// permanent error on a batch is narrowed down by bisection: the halves are sent again until the
/// refused documents stand alone. A 413 or a timeout halves the batch size for the rest of the run.
/// Transient failures are retried with the retry policy; when they persist the writer throws
/// ``ClerkWriterError/unavailable`` instead of dead-lettering documents that are fine.
public final class ClerkWriter: Sendable {
    /// The result of writing a set of documents.
    public struct Outcome: Sendable {
        /// Ids Clerk accepted.
        public var accepted: [Int] = []
        /// Documents (or ids, for deletes) Clerk did not take, each with the error of its last try.
        public var rejected: [Rejection] = []
    }

    /// One document or id that could not be written.
    public struct Rejection: Sendable {
        /// The product, category, order or customer id.
        public var id: Int
        /// The last error; its `requestPayload` is what was sent (private key masked).
        public var error: ClerkError
        /// How many requests were tried for it.
        public var attempts: Int
    }

    private let clerk: ClerkClient
    private let retry: RetryPolicy
    private let logger: Logger
    private let batchSize: Mutex<Int>

    /// Ids per delete request (the client's own query limit, so one chunk is one request).
    static let idsPerDelete = 100
    /// A timeout halves batches down to this size; below it a timeout means Clerk is unwell, not the batch too big.
    static let smallestTimeoutBatch = 16

    /// Creates a writer that starts with batches of `batchSize` documents.
    public init(clerk: ClerkClient, retry: RetryPolicy, batchSize: Int = 250, logger: Logger) {
        self.clerk = clerk
        self.retry = retry
        self.logger = logger
        self.batchSize = Mutex(max(1, batchSize))
    }

    /// The batch size now in force (halved after each 413 or timeout).
    public var currentBatchSize: Int { batchSize.withLock { $0 } }

    /// Upserts `documents` of `entity` into the store of `keys`.
    /// - Throws: ``ClerkWriterError/authentication`` when Clerk refuses the keys: nothing can be written then.
    public func upsert(_ documents: [RawDocument], entity: EntityKind, keys: ClerkStoreKeys) async throws -> Outcome {
        var outcome = Outcome()
        for batch in DocumentBatches(maxCount: currentBatchSize).split(documents) {
            try await send(batch, entity: entity, keys: keys, into: &outcome)
        }
        return outcome
    }

    /// Deletes `ids` of `entity` from the store of `keys`, in batches.
    public func delete(ids: [Int], entity: EntityKind, keys: ClerkStoreKeys) async throws -> Outcome {
        var outcome = Outcome()
        // One request per chunk, so a failure never hides ids an earlier request of the chunk removed.
        for chunkStart in stride(from: 0, to: ids.count, by: Self.idsPerDelete) {
            let chunk = Array(ids[chunkStart..<min(chunkStart + Self.idsPerDelete, ids.count)])
            do {
                try await retried {
                    switch entity {
                    case .product: try await self.clerk.deleteProducts(ids: chunk, keys: keys)
                    case .category: try await self.clerk.deleteCategories(ids: chunk, keys: keys)
                    case .customer: try await self.clerk.deleteCustomers(ids: chunk, keys: keys)
                    case .order: throw ClerkError(kind: .logical, message: "clerkbridge never deletes orders from Clerk", endpoint: "DELETE /orders")
                    }
                }
                outcome.accepted += chunk
            } catch let error as ClerkError {
                if error.kind == .authentication { throw ClerkWriterError.authentication(error) }
                if error.retryability.mayRetry { throw ClerkWriterError.unavailable(error) }
                outcome.rejected += chunk.map { Rejection(id: $0, error: error, attempts: 1) }
            }
        }
        return outcome
    }

    private func send(_ batch: [RawDocument], entity: EntityKind, keys: ClerkStoreKeys, into outcome: inout Outcome) async throws {
        do {
            try await retried(retryTimeouts: batch.count <= Self.smallestTimeoutBatch) {
                switch entity {
                case .product: try await self.clerk.upsertProducts(batch, keys: keys)
                case .category: try await self.clerk.upsertCategories(batch, keys: keys)
                case .order: try await self.clerk.upsertOrders(batch, keys: keys)
                case .customer: try await self.clerk.upsertCustomers(batch, keys: keys)
                }
            }
            outcome.accepted += batch.map(\.id)
        } catch let error as ClerkError {
            let splittable = batch.count > 1
            if error.kind == .authentication {
                throw ClerkWriterError.authentication(error)
            } else if splittable, error.kind == .payloadTooLarge || (error.kind == .timeout && batch.count > Self.smallestTimeoutBatch) {
                let half = batch.count / 2
                batchSize.withLock { $0 = min($0, half) }
                logger.warning("Clerk refused a batch as too large or too slow; halving", metadata: [
                    "documents": "\(batch.count)", "batch_size": "\(half)", "error": "\(error.kind)",
                ])
                try await bisect(batch, entity: entity, keys: keys, into: &outcome)
            } else if splittable, error.kind == .parsing || error.kind == .logical {
                try await bisect(batch, entity: entity, keys: keys, into: &outcome)
            } else if error.retryability.mayRetry {
                throw ClerkWriterError.unavailable(error)
            } else {
                outcome.rejected += batch.map { Rejection(id: $0.id, error: error, attempts: 1) }
            }
        }
    }

    private func bisect(_ batch: [RawDocument], entity: EntityKind, keys: ClerkStoreKeys, into outcome: inout Outcome) async throws {
        let middle = batch.count / 2
        try await send(Array(batch[..<middle]), entity: entity, keys: keys, into: &outcome)
        try await send(Array(batch[middle...]), entity: entity, keys: keys, into: &outcome)
    }

    /// Retries transient errors; a timeout on a large batch is left to the caller, which halves it.
    private func retried(retryTimeouts: Bool = true, _ operation: @Sendable @escaping () async throws -> Void) async throws {
        let logger = self.logger
        try await retry.run(
            classify: { error in
                guard let error = error as? ClerkError else { return .permanent }
                if error.kind == .timeout, !retryTimeouts { return .permanent }
                if error.kind == .cancelled { return .permanent }
                return error.retryability
            },
            onRetry: { attempt, error, _ in
                logger.debug("Clerk request failed; retrying", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
            },
            operation
        )
    }
}

/// Failures that stop writing to a Clerk store altogether.
public enum ClerkWriterError: RetryClassified, CustomStringConvertible {
    /// Clerk refused the store's keys.
    case authentication(ClerkError)
    /// Clerk kept failing transiently after every retry: it is down or overloaded, and writing more
    /// would only fill the dead letters with documents that are fine.
    case unavailable(ClerkError)

    /// Refused keys are permanent; Clerk failing after every retry is an outage.
    public var retryability: Retryability {
        switch self {
        case .authentication: .permanent
        case .unavailable(let error):
            if case .retryAfter = error.retryability { error.retryability } else { .outage }
        }
    }

    /// Clerk's failure, always.
    public var dependency: Dependency? { .clerk }

    public var description: String {
        switch self {
        case .authentication(let error):
            "Clerk refused the store's keys (check clerk_public_key / clerk_private_key): \(error.message)"
        case .unavailable(let error):
            "Clerk is unavailable after retries: \(error)"
        }
    }
}
