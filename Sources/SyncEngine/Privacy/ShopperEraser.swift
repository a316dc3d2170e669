import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import StorefrontRegistry
import SyncStore

/// Erases one shopper for a GDPR request (`clerkbridge privacy forget EMAIL`): Clerk's `privacy/forget` in every
/// storefront's Clerk store, the customer documents with that email there, and clerkbridge's own rows (events,
/// baskets, attribution, email links). BigCommerce is not touched; the email is remembered only as a hash, so imports
/// and the customer sync never send the shopper to Clerk again.
public final class ShopperEraser: Sendable {
    /// What was erased where.
    public struct Report: Sendable, Equatable {
        /// Per storefront: whether Clerk's `privacy/forget` answered ok, and the customer documents deleted.
        public var storefronts: [Storefront]
        /// clerkbridge's own rows deleted.
        public var local: ErasedShopper

        /// One storefront's part.
        public struct Storefront: Sendable, Equatable {
            /// The storefront.
            public var name: String
            /// Whether Clerk accepted `privacy/forget`.
            public var forgotten: Bool
            /// Customer documents deleted from its Clerk store.
            public var customersDeleted: [Int]
            /// What went wrong, if anything.
            public var error: String?
        }

        /// Whether every storefront's Clerk store erased the shopper.
        public var ok: Bool { storefronts.allSatisfy { $0.forgotten && $0.error == nil } }
    }

    let client: BigCommerceClient
    let clerk: ClerkClient
    let writer: ClerkWriter
    let targets: [ResolvedStorefront]
    let store: any ShopperErasure & CatalogLedger & SyncMarkers
    let logger: Logger

    /// Creates an eraser for `targets`.
    public init(
        client: BigCommerceClient, clerk: ClerkClient, writer: ClerkWriter, targets: [ResolvedStorefront],
        store: any ShopperErasure & CatalogLedger & SyncMarkers, logger: Logger
    ) {
        self.client = client
        self.clerk = clerk
        self.writer = writer
        self.targets = targets
        self.store = store
        self.logger = logger
    }

    /// Erases the shopper with `email` (trimmed; compared case-insensitively) everywhere clerkbridge reaches.
    public func forget(email: String) async throws -> Report {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        try await ForgottenEmails.remember(email, in: store, at: Date())
        // The BigCommerce accounts with the email give the ids Clerk's customers carry; Clerk's own answer adds any
        // document clerkbridge did not send.
        let accounts = Set(try await client.customers(emails: [email]).filter { $0.normalizedEmail == Customer.normalize(email) }.map(\.id))
        var storefronts: [Report.Storefront] = []
        for target in targets {
            var entry = Report.Storefront(name: target.name, forgotten: false, customersDeleted: [], error: nil)
            do {
                try await clerk.forget(email: email, keys: target.clerkKeys)
                entry.forgotten = true
                let held = try await clerk.customerIDs(emails: [email], keys: target.clerkKeys)
                let ids = accounts.union(held).sorted()
                if !ids.isEmpty {
                    let outcome = try await writer.delete(ids: ids, entity: .customer, keys: target.clerkKeys)
                    try await store.recordRemoved(storefront: target.name, entity: .customer, ids: outcome.accepted)
                    entry.customersDeleted = outcome.accepted
                    if let rejection = outcome.rejected.first { entry.error = rejection.error.description }
                }
            } catch {
                entry.error = "\(error)"
            }
            storefronts.append(entry)
        }
        let local = try await store.eraseShopper(email: email)
        logger.notice("Shopper erased for a privacy request", metadata: [
            "storefronts": "\(storefronts.filter(\.forgotten).count)", "events": "\(local.events)", "baskets": "\(local.baskets)",
        ])
        return Report(storefronts: storefronts, local: local)
    }
}
