import Foundation

/// One tracking call (`log/*`) the Clerk simulator accepted, as Clerk received it.
public struct ClerkLogCall: Sendable, Equatable {
    /// The endpoint below `/v2`, e.g. `log/sale` or `log/cart/add`.
    public var endpoint: String
    /// `GET` or `POST`.
    public var method: String
    /// The store's public key (`key`).
    public var publicKey: String
    /// Every other parameter (never `private_key`) as a JSON object, members sorted by name. POST values are
    /// kept as sent (numbers as their source text); GET values are read as their parameter's type (ids that are
    /// integers as numbers, lists and objects from their JSON text).
    public var parameters: JSONValue
    /// When the simulator accepted the call.
    public var receivedAt: Date

    /// Creates a record.
    public init(endpoint: String, method: String, publicKey: String, parameters: JSONValue, receivedAt: Date) {
        self.endpoint = endpoint
        self.method = method
        self.publicKey = publicKey
        self.parameters = parameters
        self.receivedAt = receivedAt
    }

    /// The parameter named `name`, or nil.
    public subscript(_ name: String) -> JSONValue? {
        parameters[name]
    }
}
