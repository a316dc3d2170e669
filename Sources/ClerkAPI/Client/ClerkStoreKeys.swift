/// The key pair of one Clerk store: the public `key` that identifies it and the `private_key` that authorises
/// writes and catalog reads.
///
/// The private key is a secret: `description`, `debugDescription` and the mirror used by `dump` show only the
/// public key.
public struct ClerkStoreKeys: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The store's public key, sent as `key` on every call.
    public var publicKey: String
    /// The store's private key, sent as `private_key` on calls that need it. Never logged or printed.
    public var privateKey: String

    /// Creates a key pair.
    public init(publicKey: String, privateKey: String) {
        self.publicKey = publicKey
        self.privateKey = privateKey
    }

    /// The public key and a redacted private key.
    public var description: String {
        "ClerkStoreKeys(publicKey: \(publicKey), privateKey: ***)"
    }

    /// Same as `description`: the private key is redacted.
    public var debugDescription: String { description }

    /// A mirror that hides the private key from `dump` and reflection.
    public var customMirror: Mirror {
        Mirror(self, children: ["publicKey": publicKey, "privateKey": "***"], displayStyle: .struct)
    }
}
