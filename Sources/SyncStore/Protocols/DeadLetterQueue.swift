import Foundation

/// Work that failed for good, kept with its request and response until resolved.
public protocol DeadLetterQueue: Sendable {
    /// Records a failure and returns the letter's id.
    ///
    /// An unresolved letter with the same (storefront, kind, entityID) is updated instead of duplicated:
    /// attempts are added, one history entry is appended, payload, response and error are replaced and
    /// `lastFailedAt` becomes `at`.
    @discardableResult
    func addDeadLetter(_ draft: DeadLetterDraft, at: Date) async throws -> Int64
    /// Letters, most recently failed first; resolved ones only when `includeResolved`.
    func deadLetters(includeResolved: Bool) async throws -> [DeadLetter]
    /// The letter with `id`, resolved or not.
    func deadLetter(id: Int64) async throws -> DeadLetter?
    /// Marks letter `id` resolved at `at` (no-op when already resolved); throws when there is no such letter.
    func resolveDeadLetter(id: Int64, at: Date) async throws
    /// Marks the unresolved letters of (storefront, kind, entityID) resolved, e.g. when a later run pushed it fine.
    func resolveDeadLetters(storefront: String?, kind: String, entityID: String, at: Date) async throws
    /// The same for many entities at once, in one transaction (a page of accepted documents).
    func resolveDeadLetters(storefront: String?, kind: String, entityIDs: [String], at: Date) async throws
}
