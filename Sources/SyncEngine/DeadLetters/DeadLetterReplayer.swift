import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import StorefrontRegistry
import SyncStore

/// Re-runs dead letters from the current state of the catalog: a product is read again from
/// BigCommerce, mapped and written, so a replay never sends stale data.
public final class DeadLetterReplayer: Sendable {
    /// What a replay came to.
    public enum Outcome: Sendable, Equatable {
        /// Clerk now holds what the catalog says; the letter is resolved.
        case resolved
        /// It failed again; the letter stays, with this attempt added.
        case stillFailing(String)
        /// A dead background job was put back in the queue (this job id); the letter is resolved and a
        /// running `serve` or `worker` runs it again.
        case queued(Int64)
        /// A dead shopper event was put back in the event log (this log id); the letter is resolved and a
        /// running forwarder sends it again.
        case eventRequeued(Int64)
    }

    /// The dead-letter kind of a shopper event Clerk refused (`EventForwarder.deadLetterKind`).
    public static let eventKind = "event"

    private let reader: CatalogReader
    private let writer: ClerkWriter
    private let store: any SyncStorage
    private let jobs: (any JobQueue)?
    private let events: (any EventLog)?
    private let customers: CustomerWork?
    private let logger: Logger

    /// Creates a replayer; `jobs` is the queue dead background jobs are put back into, `events` the event log
    /// dead shopper events are put back into, `customers` what sends refused orders and customers again.
    public init(
        reader: CatalogReader, writer: ClerkWriter, store: any SyncStorage, jobs: (any JobQueue)? = nil,
        events: (any EventLog)? = nil, customers: CustomerWork? = nil, logger: Logger
    ) {
        self.customers = customers
        self.reader = reader
        self.writer = writer
        self.store = store
        self.jobs = jobs
        self.events = events
        self.logger = logger
    }

    /// Replays dead letters in order against the storefronts in `targets`, reading store-wide data once.
    /// A letter that cannot be replayed does not stop the others.
    public func replay(_ letters: [DeadLetter], targets: [ResolvedStorefront]) async throws -> [Outcome] {
        let catalog = try await reader.storeCatalog()
        var outcomes: [Outcome] = []
        for letter in letters {
            do {
                outcomes.append(try await replay(letter, targets: targets, catalog: catalog))
            } catch let error as ClerkWriterError {
                outcomes.append(try await failed(letter, error.description))
            }
        }
        return outcomes
    }

    /// Replays one dead letter against the storefronts in `targets`.
    public func replay(_ letter: DeadLetter, targets: [ResolvedStorefront]) async throws -> Outcome {
        try await replay([letter], targets: targets)[0]
    }

    private func replay(_ letter: DeadLetter, targets: [ResolvedStorefront], catalog: StoreCatalog) async throws -> Outcome {
        if letter.kind == Self.eventKind {
            return try await requeueEvent(letter)
        }
        if let jobKind = JobKind(rawValue: letter.kind), jobKind != .productSync {
            return try await requeue(letter, kind: jobKind)
        }
        let kindName = letter.kind == JobKind.productSync.rawValue ? DeadLetterKind.productPush.rawValue : letter.kind
        // A locale edit's job (`112@2/de`) is replayed as its product, in every storefront.
        let entity = letter.kind == JobKind.productSync.rawValue
            ? String(letter.entityID.prefix { $0 != "@" }) : letter.entityID
        guard let kind = DeadLetterKind(rawValue: kindName), let id = Int(entity) else {
            return .stillFailing("dead letter \(letter.id) has kind `\(letter.kind)` and entity `\(letter.entityID)`, which cannot be replayed")
        }
        let scope = letter.storefront.map { name in targets.filter { $0.name == name } } ?? targets
        guard !scope.isEmpty else {
            return .stillFailing("storefront `\(letter.storefront ?? "")` is not configured any more")
        }
        var failures: [String] = []
        switch kind {
        case .productPush, .productDelete, .productDecode:
            let product: SourceProduct?
            do {
                product = try await reader.product(id: id)
            } catch {
                return try await failed(letter, "BigCommerce: \(error)")
            }
            for target in scope {
                if let failure = try await syncProduct(id: id, product: product, target: target, catalog: catalog) {
                    failures.append("\(target.name): \(failure)")
                }
            }
        case .categoryPush, .categoryDelete:
            for target in scope {
                if let failure = try await syncCategory(id: id, target: target, catalog: catalog) {
                    failures.append("\(target.name): \(failure)")
                }
            }
        case .orderPush:
            guard let customers else {
                return .stillFailing("dead letter \(letter.id) is an order of the history import; replay it where the import runs")
            }
            for target in scope {
                if let failure = try await customers.orders.resend(orderID: id, storefront: target.name) {
                    failures.append("\(target.name): \(failure)")
                }
            }
        case .customerPush, .customerDelete:
            guard let customers else {
                return .stillFailing("dead letter \(letter.id) is a customer; replay it where the customer sync runs")
            }
            let counts = try await customers.customers.sync(customerID: id, force: true)
            if counts.failed > 0 { failures.append("Clerk refused customer \(id) again (see the new dead letter)") }
        }
        if failures.isEmpty {
            try await store.resolveDeadLetter(id: letter.id, at: Date())
            if letter.kind == JobKind.productSync.rawValue, let jobs {
                // The dead job is done with now; run it once more so the queue does not keep it as dead.
                _ = try await requeueDeadJobs(of: letter, in: jobs, now: Date())
            }
            return .resolved
        }
        return try await failed(letter, failures.joined(separator: "; "))
    }

    /// Puts the dead jobs of the letter's key back in the queue (or queues the key afresh).
    private func requeueEvent(_ letter: DeadLetter) async throws -> Outcome {
        let now = Date()
        guard let events, let storefront = letter.storefront,
            let id = try await events.requeueDeadEvent(storefront: storefront, eventID: letter.entityID, now: now)
        else {
            return try await failed(letter, "event \(letter.entityID) is no longer dead in the event log")
        }
        try await store.resolveDeadLetter(id: letter.id, at: now)
        return .eventRequeued(id)
    }

    private func requeue(_ letter: DeadLetter, kind: JobKind) async throws -> Outcome {
        guard let jobs else {
            return .stillFailing("dead letter \(letter.id) is a background job; replay it where the job queue is available")
        }
        let now = Date()
        var jobID = try await requeueDeadJobs(of: letter, in: jobs, now: now)
        if jobID == nil {
            let key = JobKey(kind: kind, storefront: letter.storefront ?? "", entity: letter.entityID)
            jobID = try await jobs.enqueue(key, payload: letter.requestPayload ?? [], runAt: now, now: now).jobID
        }
        try await store.resolveDeadLetter(id: letter.id, at: now)
        return .queued(jobID ?? 0)
    }

    /// Makes the dead jobs of the letter's key available again; returns the id of the job that will run, if any.
    private func requeueDeadJobs(of letter: DeadLetter, in jobs: any JobQueue, now: Date) async throws -> Int64? {
        guard let kind = JobKind(rawValue: letter.kind) else { return nil }
        let key = JobKey(kind: kind, storefront: letter.storefront ?? "", entity: letter.entityID)
        var jobID: Int64?
        for job in try await jobs.jobs(state: .dead, limit: 10_000) where job.key == key {
            jobID = try await jobs.requeue(id: job.id, now: now).jobID
        }
        return jobID
    }

    private func failed(_ letter: DeadLetter, _ message: String) async throws -> Outcome {
        try await store.addDeadLetter(DeadLetterDraft(
            storefront: letter.storefront, kind: letter.kind, entityID: letter.entityID,
            requestPayload: letter.requestPayload, responseStatus: letter.responseStatus,
            responseBody: letter.responseBody, error: message, attempts: 1), at: Date())
        return .stillFailing(message)
    }

    /// Writes (or removes) one product in one storefront; returns the failure, if any.
    private func syncProduct(id: Int, product: SourceProduct?, target: ResolvedStorefront, catalog: StoreCatalog) async throws -> String? {
        let name = target.name
        var document: ClerkDocument?
        if let product {
            let index = catalog.categoryIndex(for: target.storefront)
            var prices: [Int: SourcePriceRecord] = [:]
            if let key = catalog.priceKey(for: target.storefront) {
                prices = try await reader.priceRecords(productIDs: [id], keys: [key])[key] ?? [:]
            }
            var translations: [Int: SourceTranslation] = [:]
            if let locale = target.language.translationLocale {
                translations = try await reader.translations(productIDs: [id], locales: [locale])[locale] ?? [:]
            }
            let context = try catalog.context(
                for: target.storefront, categories: index, priceRecords: prices, translations: translations)
            if case .listed(let mapped) = ProductMapper.map(product, in: context) { document = mapped }
        }
        if let document = document?.encoded() {
            let stored = StoredDocument(id: id, contentHash: document.contentHash, json: document.json)
            let outcome = try await writer.upsert([RawDocument(id: id, json: stored.json)], entity: .product, keys: target.clerkKeys)
            try await store.upsertMirror(storefront: name, entity: .product, documents: [stored])
            if let rejection = outcome.rejected.first { return rejection.error.description }
            try await store.recordPushed(storefront: name, entity: .product, documents: [stored], at: Date())
        } else {
            let outcome = try await writer.delete(ids: [id], entity: .product, keys: target.clerkKeys)
            if let rejection = outcome.rejected.first { return rejection.error.description }
            try await store.recordRemoved(storefront: name, entity: .product, ids: [id])
            try await store.removeFromMirror(storefront: name, entity: .product, ids: [id])
        }
        return nil
    }

    /// Writes (or removes) one category in one storefront; returns the failure, if any.
    private func syncCategory(id: Int, target: ResolvedStorefront, catalog: StoreCatalog) async throws -> String? {
        let documents = catalog.categoryIndex(for: target.storefront).documents(storefront: target.storefront)
        if let document = documents.first(where: { $0.id == id })?.encoded() {
            let stored = StoredDocument(id: id, contentHash: document.contentHash, json: document.json)
            try await store.upsertMirror(storefront: target.name, entity: .category, documents: [stored])
            let outcome = try await writer.upsert([RawDocument(id: id, json: document.json)], entity: .category, keys: target.clerkKeys)
            if let rejection = outcome.rejected.first { return rejection.error.description }
            try await store.recordPushed(storefront: target.name, entity: .category, documents: [stored], at: Date())
        } else {
            let outcome = try await writer.delete(ids: [id], entity: .category, keys: target.clerkKeys)
            if let rejection = outcome.rejected.first { return rejection.error.description }
            try await store.recordRemoved(storefront: target.name, entity: .category, ids: [id])
        }
        return nil
    }
}
