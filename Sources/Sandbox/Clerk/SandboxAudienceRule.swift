/// Who is in a Clerk audience of the sandbox: a rule the simulator evaluates against what it was told (orders,
/// tracking calls, customers), as Clerk's Audience segments on behaviour. The real audience definitions live in
/// my.clerk.io and their API object is UNCONFIRMED, so the sandbox's audiences are defined in Swift.
public indirect enum SandboxAudienceRule: Sendable, Hashable {
    /// Emails of stored orders holding this product (any product when nil): "Have Purchased".
    case boughtProduct(Int?)
    /// Emails tied to a visitor that viewed this product (any product when nil).
    case viewedProduct(Int?)
    /// Emails tied to a visitor that viewed this category.
    case viewedCategory(Int)
    /// Emails whose basket (or a tied visitor's) is not empty and changed after their last purchase.
    case abandonedCart
    /// Emails of customer documents with `subscribed: true`.
    case subscribedCustomers
    /// These emails, exactly as given (any case, surrounding spaces kept).
    case emails([String])
    /// Emails every rule holds.
    case all([SandboxAudienceRule])
    /// Emails any rule holds.
    case any([SandboxAudienceRule])
    /// The store's known emails (orders, customers, tracking calls) the rule does not hold.
    case not(SandboxAudienceRule)
}
