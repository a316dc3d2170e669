import CatalogMapping
import ClerkAPI

/// A storefront with everything resolved: the mapping's view of it plus the Clerk store it feeds.
public struct StorefrontTarget: Sendable, Hashable {
    /// The channel, currency, locale and base URL the documents are built for.
    public var storefront: Storefront
    /// The Clerk store (key pair) that receives the documents.
    public var clerkKeys: ClerkStoreKeys

    /// The operator's handle, as in `--storefront NAME`.
    public var name: String { storefront.name }

    /// Creates a target.
    public init(storefront: Storefront, clerkKeys: ClerkStoreKeys) {
        self.storefront = storefront
        self.clerkKeys = clerkKeys
    }
}
