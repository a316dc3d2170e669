import ClerkAPI
import Dashboard
import Foundation
import StorefrontRegistry
import SyncEngine
import SyncStore
import Synchronization

/// Storefronts `us` and `de` as declared (never resolved: nothing here talks to BigCommerce).
func registry(_ names: [String] = ["us", "de"]) -> StorefrontRegistry {
    StorefrontRegistry(declared: names.map {
        DeclaredStorefront(name: $0, channelID: 1, currency: "USD", clerkKeys: ClerkStoreKeys(publicKey: "pub-\($0)", privateKey: "secret-private-\($0)"))
    })
}

/// A letter as the publisher records one.
func draft(_ entity: String, storefront: String? = "us", kind: String = "product_push", error: String = "Clerk: ParsingError") -> DeadLetterDraft {
    DeadLetterDraft(
        storefront: storefront, kind: kind, entityID: entity,
        requestPayload: Array(#"{"key":"pub-us","private_key":"secret-private-us","products":[{"id":\#(entity)}]}"#.utf8),
        responseStatus: 200, responseBody: Array(#"{"status":"error","type":"ParsingError","message":"bad price"}"#.utf8), error: error)
}

/// A replay that answers each letter with what `outcome` says, recording what it was asked.
final class ScriptedReplay: Sendable {
    let asked = Mutex<[[Int64]]>([])
    let outcome: @Sendable (DeadLetter) -> DeadLetterReplayer.Outcome

    init(_ outcome: @escaping @Sendable (DeadLetter) -> DeadLetterReplayer.Outcome = { _ in .resolved }) {
        self.outcome = outcome
    }

    /// The replay closure: resolves the letters it reports resolved, as the real replayer does.
    func replay(store: SQLiteSyncStore) -> DeadLetterDesk.Replay {
        { letters in
            self.asked.withLock { $0.append(letters.map(\.id)) }
            var outcomes: [DeadLetterReplayer.Outcome] = []
            for letter in letters {
                let result = self.outcome(letter)
                if case .stillFailing = result {} else { try await store.resolveDeadLetter(id: letter.id, at: Date()) }
                outcomes.append(result)
            }
            return outcomes
        }
    }
}

