import JSONSupport

/// A change to what a simulated Clerk store holds, or a tracking call it received, as
/// ``ClerkStorage/observe(_:)`` reports it: what someone watching the sandbox wants to see arrive.
public enum ClerkActivity: Sendable {
    /// Documents written (created, replaced or patched) in `collection` of `store`, as sent.
    case written(store: SandboxClerkStore, collection: ClerkStorage.Collection, documents: [(id: Int, document: JSONValue)])
    /// Documents removed from `collection` of `store`.
    case removed(store: SandboxClerkStore, collection: ClerkStorage.Collection, ids: [Int])
    /// A call recorded: tracking (`log/*`, a sale included) or a shopper-facing read.
    case called(store: SandboxClerkStore, call: ClerkLogCall)
}
