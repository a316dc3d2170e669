import BigCommerceAPI
import CatalogMapping
import Foundation
import JSONSupport

/// What Foundation's `Codable` (and `JSONSerialization`) would do in place of each hand-written JSON part, for
/// `benchmark json` to time and compare.
enum Alternatives {
    /// A document's canonical JSON as `JSONEncoder` writes it.
    static func encodedWithFoundation(_ document: ClerkDocument) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(EncodableDocument(attributes: document.attributes)))) ?? []
    }

    /// Isolates the malformed product of a page without a byte-level scanner: each element decoded on its own by
    /// `JSONDecoder`, the broken one's payload re-serialised from `JSONSerialization`. `verbatim` says whether
    /// that payload equals the bytes BigCommerce sent.
    static func isolateWithFoundation(_ body: [UInt8]) throws -> (malformed: Int, verbatim: Bool) {
        let page = try JSONDecoder().decode(FailablePage.self, from: Data(body))
        let all = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let elements = all?["data"] as? [Any] ?? []
        var verbatim = true
        var malformed = 0
        for (index, element) in page.data.enumerated() where element.product == nil {
            malformed += 1
            let payload = try JSONSerialization.data(withJSONObject: elements[index])
            verbatim = verbatim && body.contains(slice: [UInt8](payload))
        }
        return (malformed, verbatim)
    }

    /// An upsert body as `JSONEncoder` writes it from the documents (where the client splices the canonical JSON the
    /// sync already made for the content hash).
    static func upsertBodyWithFoundation(_ documents: [ClerkDocument]) throws -> [UInt8] {
        let body = UpsertBody(
            key: "public", privateKey: "private", products: documents.map { EncodableDocument(attributes: $0.attributes) })
        return Array(try JSONEncoder().encode(body))
    }

    /// The wire fields of the benchmark's events, without any of the validation `EventValidator` does.
    struct WireBatch: Decodable {
        struct Event: Decodable {
            var id: String
            var type: String
            var visitorID: String
            var occurredAt: String
            var productID: Int?
            var categoryID: Int?
            var query: String?
            var quantity: Int?
            var cartID: String?

            enum CodingKeys: String, CodingKey {
                case id, type, query, quantity
                case visitorID = "visitor_id"
                case occurredAt = "occurred_at"
                case productID = "product_id"
                case categoryID = "category_id"
                case cartID = "cart_id"
            }
        }

        var events: [Event]
    }

    /// The `status` of a Clerk answer.
    struct Status: Decodable {
        var status: String?
    }

    /// The `result` ids of a Clerk answer.
    struct Result: Decodable {
        var result: [Int]
    }

    private struct FailablePage: Decodable {
        var data: [FailableProduct]
    }

    private struct FailableProduct: Decodable {
        var product: Product?

        init(from decoder: any Decoder) throws {
            product = try? Product(from: decoder)
        }
    }

    private struct EncodableDocument: Encodable {
        var attributes: [String: ClerkValue]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            for (name, value) in attributes {
                try container.encode(EncodableValue(value: value), forKey: JSONKey(stringValue: name))
            }
        }
    }

    private struct EncodableValue: Encodable {
        var value: ClerkValue

        func encode(to encoder: any Encoder) throws {
            switch value {
            case .string(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .int(let number):
                var container = encoder.singleValueContainer()
                try container.encode(number)
            case .number(let number):
                var container = encoder.singleValueContainer()
                try container.encode(number)
            case .bool(let flag):
                var container = encoder.singleValueContainer()
                try container.encode(flag)
            case .list(let items):
                var container = encoder.unkeyedContainer()
                for item in items { try container.encode(EncodableValue(value: item)) }
            }
        }
    }

    private struct UpsertBody: Encodable {
        var key: String
        var privateKey: String
        var products: [EncodableDocument]

        enum CodingKeys: String, CodingKey {
            case key, products
            case privateKey = "private_key"
        }
    }
}
