import CatalogMapping
import Crypto
import JSONSupport

/// A document serialised for Clerk: its canonical JSON bytes and their content hash, what the ledger compares.
public struct EncodedDocument: Sendable, Hashable {
    /// The product or category id.
    public var id: Int
    /// The canonical JSON (see ``ClerkDocument/canonicalJSON``).
    public var json: [UInt8]
    /// The lowercase hexadecimal SHA-256 of `json`, as the ledgers hold it.
    public var contentHash: String

    /// Creates an encoded document.
    public init(id: Int, json: [UInt8], contentHash: String) {
        self.id = id
        self.json = json
        self.contentHash = contentHash
    }

    /// `document`'s canonical JSON and its hash, computed once.
    public init(_ document: ClerkDocument) {
        let json = document.canonicalJSON
        self.init(id: document.id, json: json, contentHash: Self.contentHash(of: json))
    }

    /// The lowercase hexadecimal SHA-256 of `json` (64 characters).
    public static func contentHash(of json: [UInt8]) -> String {
        Hex.lowercase(Array(SHA256.hash(data: json)))
    }
}

extension ClerkDocument {
    /// The canonical JSON and its content hash: what a sync needs to compare and send a document.
    public func encoded() -> EncodedDocument {
        EncodedDocument(self)
    }
}
