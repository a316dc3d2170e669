extension ClerkFacetBucket: Decodable {
    private enum CodingKeys: String, CodingKey {
        case type, name, value, min, max, count
    }

    /// Decodes `{"type":"unit","name","value","count"}` (`type` may be left out) or
    /// `{"type":"range","name","min","max","count"}`; `value` and `name` may be numbers (a category id), `min` and
    /// `max` are read as exact decimals.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func fail(_ reason: String) -> DecodingError {
            .dataCorrupted(DecodingError.Context(codingPath: container.codingPath, debugDescription: reason))
        }
        guard let count = try? container.integer(.count) else { throw fail("a bucket without an integer count") }
        let type = try? container.decodeIfPresent(String.self, forKey: .type)
        let name = container.text(.name) ?? ""
        if type == "range" {
            guard let min = container.decimal(.min), let max = container.decimal(.max) else {
                throw fail("a range bucket without numeric min and max")
            }
            self = .range(name: name, min: min, max: max, count: count)
            return
        }
        guard type == "unit" || type == nil else { throw fail("unknown bucket type \(type ?? "")") }
        guard let value = container.text(.value) else { throw fail("a unit bucket without a value") }
        self = .unit(name: name, value: value, count: count)
    }
}
