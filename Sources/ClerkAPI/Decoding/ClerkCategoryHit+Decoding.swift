extension ClerkCategoryHit: Decodable {
    private enum CodingKeys: String, CodingKey {
        case id, name, url
    }

    /// Decodes `{"id","name","url"}`: `id` an integer or numeric string (required), `name` text (empty when left
    /// out), `url` a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try container.integer(.id) else {
            throw DecodingError.keyNotFound(
                CodingKeys.id, DecodingError.Context(codingPath: container.codingPath, debugDescription: "a category without an id"))
        }
        self.init(id: id, name: container.text(.name) ?? "", url: try? container.decodeIfPresent(String.self, forKey: .url))
    }
}

/// The answer of `search/categories`: `{"categories":[{id,name,url}]}`.
struct CategoryHits: Decodable {
    /// The categories in Clerk's order.
    var categories: [ClerkCategoryHit]
}
