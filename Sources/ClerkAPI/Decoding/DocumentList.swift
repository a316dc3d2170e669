/// A collection a catalog read names, and the member of its answer that lists the documents.
enum CatalogCollection: String, CodingKey, Sendable {
    case products, categories
}

/// The answer of a catalog read, `{"status":"ok","products":[{…},…]}` (or `categories`), as documents by id.
struct DocumentList<Document: Decodable>: Decodable {
    private var lists: [String: [Int: Document]] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CatalogCollection.self)
        for member in [CatalogCollection.products, .categories] where container.contains(member) {
            var documents: [Int: Document] = [:]
            if try !container.decodeNil(forKey: member) {
                for element in try container.decode([Listed].self, forKey: member) {
                    if let id = element.id, let document = element.document { documents[id] = document }
                }
            }
            lists[member.rawValue] = documents
        }
    }

    /// The documents of `member` by their `id` (a number or a numeric string); elements that are not objects or
    /// lack a usable id are left out; `null` is an empty list.
    /// - Throws: `DecodingError` when the answer holds no such member.
    func documents(in member: CatalogCollection) throws -> [Int: Document] {
        guard let documents = lists[member.rawValue] else {
            throw DecodingError.keyNotFound(
                member, DecodingError.Context(codingPath: [], debugDescription: "no `\(member.rawValue)` list in the response"))
        }
        return documents
    }

    /// One element of the list: the document when it is an object with a usable id.
    private struct Listed: Decodable {
        var id: Int?
        var document: Document?

        private enum CodingKeys: String, CodingKey {
            case id
        }

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: CodingKeys.self),
                let id = try? container.integer(.id)
            else { return }
            self.id = id
            document = try Document(from: decoder)
        }
    }
}
