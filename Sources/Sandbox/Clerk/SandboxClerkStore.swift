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
    /// Locale of the storefront; nil for the store's language.
    public var locale: String?

    /// Creates a store description.
    public init(name: String, publicKey: String, privateKey: String, channelID: Int, currency: String, locale: String? = nil) {
        self.name = name
        self.publicKey = publicKey
        self.privateKey = privateKey
        self.channelID = channelID
        self.currency = currency
        self.locale = locale
    }

    /// Shows the public key only.
    public var description: String {
        "SandboxClerkStore(name: \(name), publicKey: \(publicKey), privateKey: ***, channel: \(channelID), currency: \(currency)"
            + (locale.map { ", locale: \($0))" } ?? ")")
    }

    /// The default stores of the seeded set-up: `main-usd` (channel 1, USD), `outlet-eur` (channel 2, EUR) and
    /// `outlet-gbp` (channel 2, GBP). These keys only ever open the local simulator.
    public static let defaults: [SandboxClerkStore] = [
        SandboxClerkStore(name: "main-usd", publicKey: "sandbox-main-usd-public", privateKey: "sandbox-main-usd-private", channelID: 1, currency: "USD"),
        SandboxClerkStore(name: "outlet-eur", publicKey: "sandbox-outlet-eur-public", privateKey: "sandbox-outlet-eur-private", channelID: 2, currency: "EUR"),
        SandboxClerkStore(name: "outlet-gbp", publicKey: "sandbox-outlet-gbp-public", privateKey: "sandbox-outlet-gbp-private", channelID: 2, currency: "GBP"),
    ]

    /// A German storefront's store: `outlet-de` (channel 2, EUR, locale `de`, whose names come from the seeded
    /// German translations). Not among ``defaults``; the demo and the translation tests add it.
    public static let german = SandboxClerkStore(
        name: "outlet-de", publicKey: "sandbox-outlet-de-public", privateKey: "sandbox-outlet-de-private", channelID: 2,
        currency: "EUR", locale: "de")
}
