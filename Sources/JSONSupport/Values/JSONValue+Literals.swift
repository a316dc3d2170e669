/// Literal syntax for building ``JSONValue``s, e.g. webhook data `["type": "product", "id": 112]`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A JSON string.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// A JSON integer.
    public init(integerLiteral value: Int) {
        self = .number(String(value))
    }

    /// A JSON boolean.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// A JSON array.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    /// A JSON object with its members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }

    /// A JSON integer.
    public static func int(_ value: Int) -> JSONValue {
        .number(String(value))
    }
}
