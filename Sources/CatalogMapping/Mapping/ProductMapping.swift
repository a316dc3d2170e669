import Foundation

/// The outcome of mapping one product for one storefront.
public enum ProductMapping: Sendable, Equatable {
    /// The product is assigned to the storefront's channel: this is its Clerk document.
    case listed(ClerkDocument)
    /// The product is not assigned to the storefront's channel: it must not be in the Clerk store.
    case notListed
}
