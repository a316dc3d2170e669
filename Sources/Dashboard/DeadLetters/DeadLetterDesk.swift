import Foundation
import SyncEngine
import SyncStore

/// The dead letters as the dashboard lists and handles them: filtered lists, one letter's detail, and replaying or
/// discarding one letter or every letter a filter matches (confirmed by its count, and capped).
///
/// A replay is `dlq replay`'s (``DeadLetterReplayer``): a product is read again from BigCommerce, mapped and written,
/// a dead job goes back to the queue, a dead event back to the event log. A discard resolves the letter without
/// running anything: the operator saw it and set it aside.
public struct DeadLetterDesk: Sendable {
    /// Replays letters in order, as ``DeadLetterReplayer/replay(_:targets:)`` does against the resolved storefronts.
    public typealias Replay = @Sendable ([DeadLetter]) async throws -> [DeadLetterReplayer.Outcome]

    /// The most letters one "replay all" runs: each is a BigCommerce read and a Clerk write, done before the answer.
    public static let replayLimit = 200
    /// The most letters one "discard all" resolves.
    public static let discardLimit = 1_000
    /// The most letters one list answer holds.
    public static let listLimit = 500
    /// Every kind a letter can have: what the kind filter accepts.
    public static let kinds: [String] =
        DeadLetterKind.allCases.map(\.rawValue) + JobKind.allCases.map(\.rawValue) + [DeadLetterReplayer.eventKind]

    /// What a bulk action does to each letter.
    public enum BulkAction: String, Sendable, CaseIterable {
        /// Replay (``DeadLetterDesk/replayLimit`` at most).
        case replay
        /// Discard (``DeadLetterDesk/discardLimit`` at most).
        case discard

        /// How many letters one run handles.
        public var limit: Int { self == .replay ? DeadLetterDesk.replayLimit : DeadLetterDesk.discardLimit }
    }

    let store: any DashboardStorage
    let replayer: Replay
    let mask: SecretMask

    /// Creates the desk over `store`; `replay` re-runs letters, `mask` hides secrets in what is shown.
    public init(store: any DashboardStorage, replay: @escaping Replay, mask: SecretMask) {
        self.store = store
        self.replayer = replay
        self.mask = mask
    }

    /// Up to `limit` (at most ``listLimit``) letters matching `filter` after `offset`, newest failure first, and how
    /// many match in all.
    public func list(_ filter: DeadLetterFilter, limit: Int = 100, offset: Int = 0) async throws -> (letters: [DeadLetterSummary], total: Int) {
        try Self.check(filter)
        let letters = try await store.deadLetters(matching: filter, limit: min(max(limit, 0), Self.listLimit), offset: offset)
        let total = try await store.countDeadLetters(matching: filter)
        return (letters.map { DeadLetterSummary($0, mask: mask) }, total)
    }

    /// Letter `id` with its payloads, masked.
    public func detail(id: Int64) async throws -> DeadLetterDetail {
        DeadLetterDetail(try await letter(id: id), mask: mask)
    }

    /// Replays letter `id`.
    public func replay(id: Int64) async throws -> LetterAction {
        let letter = try await openLetter(id: id)
        return LetterAction(id: id, replayed: try await run([letter])[0], mask: mask)
    }

    /// Discards letter `id`.
    public func discard(id: Int64, now: Date = Date()) async throws -> LetterAction {
        _ = try await openLetter(id: id)
        try await store.resolveDeadLetter(id: id, at: now)
        return LetterAction(id: id, outcome: .discarded)
    }

    /// How many letters match `filter` and how many `action` would handle (the newest, up to its limit): the count
    /// an operator confirms.
    public func preview(_ action: BulkAction, _ filter: DeadLetterFilter) async throws -> (matched: Int, acting: Int) {
        try Self.check(filter)
        let matched = try await store.countDeadLetters(matching: Self.open(filter))
        return (matched, min(matched, action.limit))
    }

    /// Replays or discards the newest open letters matching `filter`, up to the action's limit, once `confirmed`
    /// equals the number ``preview(_:_:)`` gives now (else ``DashboardError`` `confirmation_stale`, and nothing
    /// happens).
    public func run(_ action: BulkAction, _ filter: DeadLetterFilter, confirmed: Int, now: Date = Date()) async throws -> BulkLetterAction {
        let (matched, acting) = try await preview(action, filter)
        guard confirmed == acting else {
            throw DashboardError(
                .conflict, code: "confirmation_stale",
                message: "\(matched) letters match now and \(acting) would be handled, not the \(confirmed) confirmed; look again and confirm")
        }
        let letters = try await store.deadLetters(matching: Self.open(filter), limit: acting, offset: 0)
        switch action {
        case .discard:
            try await store.resolveDeadLetters(ids: letters.map(\.id), at: now)
            return BulkLetterAction(matched: matched, results: letters.map { LetterAction(id: $0.id, outcome: .discarded) })
        case .replay:
            let outcomes = try await run(letters)
            return BulkLetterAction(
                matched: matched, results: zip(letters, outcomes).map { LetterAction(id: $0.id, replayed: $1, mask: mask) })
        }
    }

    /// Letter `id`, resolved or not; ``DashboardError`` `not_found` when there is none.
    public func letter(id: Int64) async throws -> DeadLetter {
        guard let letter = try await store.deadLetter(id: id) else {
            throw DashboardError(.notFound, code: "not_found", message: "no dead letter with id \(id)")
        }
        return letter
    }

    private func openLetter(id: Int64) async throws -> DeadLetter {
        let letter = try await letter(id: id)
        if let resolved = letter.resolvedAt {
            throw DashboardError(
                .conflict, code: "already_resolved",
                message: "dead letter \(id) was resolved at \(DeadLetterSummary.format(resolved)); nothing to do")
        }
        return letter
    }

    private func run(_ letters: [DeadLetter]) async throws -> [DeadLetterReplayer.Outcome] {
        do {
            return try await replayer(letters)
        } catch let error as DashboardError {
            throw error
        } catch {
            throw DashboardError(.unavailable, code: "replay_unavailable", message: "the replay could not start: \(mask.masking("\(error)"))")
        }
    }

    private static func open(_ filter: DeadLetterFilter) -> DeadLetterFilter {
        var open = filter
        open.includeResolved = false
        return open
    }

    /// Refuses a kind no letter can have, naming the known ones.
    static func check(_ filter: DeadLetterFilter) throws {
        if let kind = filter.kind, !kinds.contains(kind) {
            throw DashboardError(
                .invalid, code: "invalid_parameter", message: "kind `\(kind)` is not a dead-letter kind; one of \(kinds.joined(separator: ", "))")
        }
    }
}
