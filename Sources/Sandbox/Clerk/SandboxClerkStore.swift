/// One simulated Clerk.io store: a key pair and, for the seeded set-up, the storefront it is meant for.
public struct SandboxClerkStore: Sendable, Hashable, CustomStringConvertible {
    /// Storefront name this store is meant for, e.g. `main-usd`.
    public var name: String
    /// Public key (`key`).
    public var publicKey: String
    /// Private key (`private_key`); never printed.
    public var privateKey: String
    /// BigCommerce channel of the storefront.
    public var channelID: Int
    /// Currency of the storefront.
    public var currency: String

    /// Creates a store description.
    public init(name: String, publicKey: String, privateKey: String, channelID: Int, currency: String) {
        self.name = name
        self.publicKey = publicKey
        self.privateKey = privateKey
        self.channelID = channelID
        self.currency = currency
    }

    /// Shows the public key only.
    public var description: String {
        "SandboxClerkStore(name: \(name), publicKey: \(publicKey), privateKey: ***, channel: \(channelID), currency: \(currency))"
    }

    /// The default stores of the seeded set-up: `main-usd` (channel 1, USD), `outlet-eur` (channel 2, EUR) and
    /// `outlet-gbp` (channel 2, GBP). These keys only ever open the local simulator.
    public static let defaults: [SandboxClerkStore] = [
        SandboxClerkStore(name: "main-usd", publicKey: "sandbox-main-usd-public", privateKey: "sandbox-main-usd-private", channelID: 1, currency: "USD"),
        SandboxClerkStore(name: "outlet-eur", publicKey: "sandbox-outlet-eur-public", privateKey: "sandbox-outlet-eur-private", channelID: 2, currency: "EUR"),
        SandboxClerkStore(name: "outlet-gbp", publicKey: "sandbox-outlet-gbp-public", privateKey: "sandbox-outlet-gbp-private", channelID: 2, currency: "GBP"),
    ]
}
