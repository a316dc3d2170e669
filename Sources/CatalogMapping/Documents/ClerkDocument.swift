import Foundation
import JSONSupport

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
    /// without exponent or trailing zeros, strings escaped per RFC 8259 with non-ASCII kept as UTF-8. Content
    /// hashes are computed from these bytes, so they must not change.
    public var canonicalJSON: [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.openObject()
        for name in JSONWriter.canonicalOrder(Array(attributes.keys)) {
            writer.key(name)
            attributes[name]!.write(to: &writer)
        }
        writer.closeObject()
        return writer.bytes
    }

    /// Reads a document as Clerk returns it (see ``init(from:)``).
    /// - Throws: `ClerkDocumentError` when the bytes are not a JSON object with an integer (or numeric string) `id`.
    public init(json: [UInt8]) throws(ClerkDocumentError) {
        do {
            self = try JSONDecoder().decode(ClerkDocument.self, from: Data(json))
        } catch let error as ClerkDocumentError {
            throw error
        } catch {
            throw .malformedJSON(reason: String(describing: error))
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
