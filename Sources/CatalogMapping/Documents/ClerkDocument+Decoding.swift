import Foundation
import JSONSupport

/// Reading a document as Clerk returns it (`verify`'s read-back), with Foundation's `JSONDecoder`.
extension ClerkDocument: Decodable {
    /// Decodes a JSON object with an integer (or numeric string) `id`. Whole numbers become `.int` — however they
    /// were written, `10` or `10.0` — and others `.number`, exactly (`Decimal`, never through `Double`).
    /// Attributes that are `null`, objects, or lists holding `null` or objects cannot be represented and are
    /// dropped; empty strings and lists are dropped as in ``init(id:attributes:)``.
    /// - Throws: `ClerkDocumentError.notAnObject` or `.missingID`, or the decoder's error for text that is not JSON.
    public init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<JSONKey>
        do {
            container = try decoder.container(keyedBy: JSONKey.self)
        } catch {
            throw ClerkDocumentError.notAnObject
        }
        var id: Int?
        var attributes: [String: ClerkValue] = [:]
        for key in container.allKeys {
            if key.stringValue == "id" {
                id = (try? container.decode(Int.self, forKey: key))
                    ?? (try? container.decode(String.self, forKey: key)).flatMap { Int($0) }
            } else if let value = try container.decode(Attribute.self, forKey: key).value {
                attributes[key.stringValue] = value
            }
        }
        guard let id else {
            throw ClerkDocumentError.missingID
        }
        self.init(id: id, attributes: attributes)
    }
}

/// One attribute's value, nil when a `ClerkValue` cannot represent it.
private struct Attribute: Decodable {
    var value: ClerkValue?

    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                return
            } else if let flag = try? single.decode(Bool.self) {
                value = .bool(flag)
                return
            } else if let number = try? single.decode(Int.self) {
                value = .int(number)
                return
            } else if let number = try? single.decode(Decimal.self) {
                value = .number(number)
                return
            } else if let text = try? single.decode(String.self) {
                value = .string(text)
                return
            }
        }
        guard var list = try? decoder.unkeyedContainer() else {
            return
        }
        var items: [ClerkValue] = []
        while !list.isAtEnd {
            guard let item = try list.decode(Attribute.self).value else {
                return
            }
            items.append(item)
        }
        value = .list(items)
    }
}
