/// A V3 `data` that some endpoints send as one object and others as an array of one.
struct OneOrMany<Element: Decodable>: Decodable {
    var elements: [Element]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let many = try? container.decode([Element].self) {
            elements = many
        } else {
            elements = [try container.decode(Element.self)]
        }
    }
}
