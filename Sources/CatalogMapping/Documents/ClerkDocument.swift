import Foundation

/// One Clerk product or category document: `id` plus attributes. Empty strings and empty lists are never
/// stored (mapping.md §6), and `attributes["id"]` is always `.int(id)`.
public struct ClerkDocument: Sendable, Hashable {
    /// The BigCommerce product or category id.
    public var id: Int
    /// The attributes by name, including `"id"` as `.int`.
    public var attributes: [String: ClerkValue]

    /// Creates a document; sets `attributes["id"]` to `.int(id)` and drops empty strings and empty lists.
    public init(id: Int, attributes: [String: ClerkValue]) {
        self.id = id
        var stored = attributes
        for (name, value) in attributes where value.isEmpty {
            stored.removeValue(forKey: name)
        }
        stored["id"] = .int(id)
        self.attributes = stored
    }

    /// The document as canonical JSON: keys sorted by UTF-8 bytes, no white space, decimals in plain notation
    /// without exponent or trailing zeros, strings escaped per RFC 8259 with non-ASCII kept as UTF-8.
    public var canonicalJSON: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        CanonicalJSON.appendObject(attributes, to: &output)
        return output
    }

    /// The lowercase hexadecimal SHA-256 of `canonicalJSON`.
    public var contentHash: String {
        SHA256.hexDigest(canonicalJSON)
    }

    /// The canonical JSON and its hash, computed once: what a sync needs to compare and send a document.
    public func encoded() -> EncodedDocument {
        let json = canonicalJSON
        return EncodedDocument(id: id, json: json, contentHash: SHA256.hexDigest(json))
    }

    /// Reads a document as Clerk returns it (for `verify`). Numbers with a fraction or exponent become
    /// `.number`, integers `.int`. Attributes that are `null`, objects, or lists holding `null` or objects
    /// cannot be represented and are dropped; empty strings and lists are dropped as in `init(id:attributes:)`.
    /// - Throws: `ClerkDocumentError` when the bytes are not a JSON object with an integer (or numeric string) `id`.
    public init(json: [UInt8]) throws {
        guard case .object(let members) = try JSONReader.parse(json) else {
            throw ClerkDocumentError.notAnObject
        }
        var attributes: [String: ClerkValue] = [:]
        var id: Int?
        for (name, node) in members {
            if name == "id" {
                switch node {
                case .int(let value):
                    id = value
                case .string(let text):
                    id = Int(text)
                default:
                    id = nil
                }
                continue
            }
            if let value = Self.value(of: node) {
                attributes[name] = value
            }
        }
        guard let id else {
            throw ClerkDocumentError.missingID
        }
        self.init(id: id, attributes: attributes)
    }

    private static func value(of node: JSONReader.Node) -> ClerkValue? {
        switch node {
        case .null, .object:
            return nil
        case .bool(let flag):
            return .bool(flag)
        case .int(let number):
            return .int(number)
        case .number(let number):
            return .number(number)
        case .string(let text):
            return .string(text)
        case .array(let items):
            var values: [ClerkValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let value = value(of: item) else {
                    return nil
                }
                values.append(value)
            }
            return .list(values)
        }
    }

    /// The sorted names of the attributes whose values differ between the two documents; an attribute missing
    /// on either side counts as differing, and numbers are compared by value (`.int(10)` equals `.number(10)`).
    public func differingAttributes(from other: ClerkDocument) -> [String] {
        var names: [String] = []
        for (name, value) in attributes {
            guard let otherValue = other.attributes[name], value.isSameValue(as: otherValue) else {
                names.append(name)
                continue
            }
        }
        for name in other.attributes.keys where attributes[name] == nil {
            names.append(name)
        }
        return names.sorted()
    }
}
