import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import StorefrontRegistry
import SyncStore

/// The newsletter subscriptions of a store by normalized email.
public struct SubscriberIndex: Sendable {
    let byEmail: [String: [Subscriber]]

    /// Indexes `subscribers` by their trimmed, lowercased email.
    public init(_ subscribers: [Subscriber]) {
        byEmail = Dictionary(grouping: subscribers, by: { Customer.normalize($0.email) })
    }

    /// The subscriptions of `email`.
    public func subscriptions(of email: String) -> [Subscriber] {
        byEmail[Customer.normalize(email)] ?? []
    }
}

/// The rules that put BigCommerce customers into Clerk (mapping.md §4): which storefronts get a customer, whether it
/// is `subscribed`, and its document. Pure.
public enum CustomerMapping {
    /// The storefronts whose Clerk store gets `customer`: those of every channel it may log in to — a channel listed in
    /// its `channel_ids`, or, with `channel_ids` null (a global account), a channel in `globalLogins` (channels that
    /// allow global logins; by default only channel 1). Every storefront of such a channel (each currency and locale)
    /// gets it.
    public static func storefronts(
        for customer: Customer, among targets: [ResolvedStorefront], globalLogins: Set<Int>
    ) -> [ResolvedStorefront] {
        targets.filter { mayLogIn(customer, channelID: $0.channelID, globalLogins: globalLogins) }
    }

    /// Whether `customer` may log in on `channelID`.
    public static func mayLogIn(_ customer: Customer, channelID: Int, globalLogins: Set<Int>) -> Bool {
        customer.channelIDs.map { $0.contains(channelID) } ?? globalLogins.contains(channelID)
    }

    /// Whether `customer` counts as subscribed on `channelID`: a subscription with the same email (trimmed,
    /// case-insensitive) on that channel or on none, with newsletter consent (``Subscriber/hasNewsletterConsent``).
    public static func isSubscribed(_ customer: Customer, channelID: Int, subscribers: SubscriberIndex) -> Bool {
        subscribers.subscriptions(of: customer.email).contains {
            ($0.channelID == nil || $0.channelID == channelID) && $0.hasNewsletterConsent
        }
    }

    /// `{"id", "customerid", "email", "name", "subscribed", "customer_group"}`: `id` and `customerid` the customer id,
    /// `email` trimmed, `name` the first and last name joined by a space (left out when both are empty).
    public static func document(for customer: Customer, subscribed: Bool) -> EncodedDocument {
        let name = [customer.firstName, customer.lastName]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: " ")
        return ClerkDocument(id: customer.id, attributes: [
            "customerid": .int(customer.id),
            "email": .string(customer.email.trimmingCharacters(in: .whitespacesAndNewlines)),
            "name": .string(name),
            "subscribed": .bool(subscribed),
            "customer_group": .int(customer.customerGroupID),
        ]).encoded()
    }

    /// The ledger's hash of a customer document: the email's hash and the document's, so a changed email is told
    /// apart from other changes (Clerk cannot change a customer's email in place).
    public static func ledgerHash(email: String, document: EncodedDocument) -> String {
        emailPart(email) + "." + document.contentHash
    }

    /// The email part of a ``ledgerHash(email:document:)``.
    static func emailPart(_ email: String) -> String {
        String(EncodedDocument.contentHash(of: Array(email.trimmingCharacters(in: .whitespacesAndNewlines).utf8)).prefix(16))
    }

    /// Whether a held hash and a new one are for the same email.
    static func sameEmail(_ held: String, _ new: String) -> Bool {
        held.split(separator: ".").first == new.split(separator: ".").first
    }
}
