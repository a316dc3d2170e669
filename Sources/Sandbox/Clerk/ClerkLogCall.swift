import Foundation
import JSONSupport

/// One call the Clerk simulator accepted and recorded, as Clerk received it: a tracking call (`log/*`), or a
/// shopper-facing read (`recommendations/*`, `search/*`), which Clerk records for the visitor too.
public struct ClerkLogCall: Sendable, Equatable {
    /// The endpoint below `/v2`, e.g. `log/sale`, `log/cart/add` or `recommendations/visitor/history`.
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
