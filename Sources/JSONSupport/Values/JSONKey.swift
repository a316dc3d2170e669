/// Any member name, for `Codable` types whose members are not known in advance (a Clerk document's attributes).
public struct JSONKey: CodingKey, Sendable, Hashable {
    /// The member name.
    public var stringValue: String

    /// Array positions are not member names.
    public var intValue: Int? { nil }

    /// The member named `stringValue`.
    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    /// Not a member name: nil.
    public init?(intValue: Int) {
        nil
    }
}
