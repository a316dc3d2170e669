import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import SyncStore

/// Writes mapped documents to one storefront's Clerk store and keeps the ledger, mirror and dead letters
/// in step with what Clerk accepted or refused. Shared by the reindex and the delta worker.
struct ClerkPublisher: Sendable {
    let writer: ClerkWriter
    let store: any SyncStorage
    let logger: Logger

    /// Upserts `documents`, dead-letters what Clerk refuses, and resolves earlier dead letters of what it
    /// took. Categories are mirrored and recorded here; products by the caller (the reindex per page).
    func write(
        _ documents: [EncodedDocument], entity: EntityKind, storefront name: String, keys: ClerkStoreKeys
    ) async throws -> ClerkWriter.Outcome {
        guard !documents.isEmpty else { return ClerkWriter.Outcome() }
        let raw = documents.map { RawDocument(id: $0.id, json: $0.json) }
        let outcome = try await writer.upsert(raw, entity: entity, keys: keys)
        if entity == .category {
            try await store.upsertMirror(storefront: name, entity: .category, documents: documents.map(\.stored))
            let accepted = Set(outcome.accepted)
            try await store.recordPushed(
                storefront: name, entity: .category,
                documents: documents.filter { accepted.contains($0.id) }.map(\.stored), at: Date())
        }
        let kind: DeadLetterKind = entity == .product ? .productPush : .categoryPush
        try await settle(outcome, kind: kind, storefront: name, entity: entity)
        return outcome
    }

    /// Deletes `ids` from Clerk and forgets the ones removed (ledger, mirror, and open push letters: a
    /// document that is gone no longer needs pushing).
    func remove(_ ids: [Int], entity: EntityKind, storefront name: String, keys: ClerkStoreKeys) async throws -> ClerkWriter.Outcome {
        guard !ids.isEmpty else { return ClerkWriter.Outcome() }
        let outcome = try await writer.delete(ids: ids, entity: entity, keys: keys)
        try await store.recordRemoved(storefront: name, entity: entity, ids: outcome.accepted)
        try await store.removeFromMirror(storefront: name, entity: entity, ids: outcome.accepted)
        try await settle(outcome, kind: entity == .product ? .productDelete : .categoryDelete, storefront: name, entity: entity)
        if !outcome.accepted.isEmpty {
            let push: DeadLetterKind = entity == .product ? .productPush : .categoryPush
            try await store.resolveDeadLetters(
                storefront: name, kind: push.rawValue, entityIDs: outcome.accepted.map(String.init), at: Date())
        }
        return outcome
    }

    /// Dead-letters the rejections of `outcome`; resolves open letters of the same kind for what was accepted.
    private func settle(_ outcome: ClerkWriter.Outcome, kind: DeadLetterKind, storefront name: String, entity: EntityKind) async throws {
        for rejection in outcome.rejected {
            logger.warning("Clerk refused a write; dead-lettered", metadata: [
                "storefront": "\(name)", "entity": "\(entity.rawValue)", "id": "\(rejection.id)", "error": "\(rejection.error)",
            ])
            try await store.addDeadLetter(DeadLetterDraft(rejection, storefront: name, kind: kind), at: Date())
        }
        guard !outcome.accepted.isEmpty else { return }
        try await store.resolveDeadLetters(storefront: name, kind: kind.rawValue, entityIDs: outcome.accepted.map(String.init), at: Date())
    }
}

extension EncodedDocument {
    /// The document as the ledger and mirror store it.
    var stored: StoredDocument {
        StoredDocument(id: id, contentHash: contentHash, json: json)
    }
}
