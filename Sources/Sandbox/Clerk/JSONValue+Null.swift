import JSONSupport

extension JSONValue {
    /// Whether the value is `null` or holds one anywhere: Clerk refuses null attributes ("omit it instead").
    var containsNull: Bool {
        switch self {
        case .null: true
        case .array(let items): items.contains(where: \.containsNull)
        case .object(let members): members.contains(where: { $0.value.containsNull })
        default: false
        }
    }
}
