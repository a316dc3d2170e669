/// A parsed GraphQL operation, as far as the sandbox needs: fields with arguments and selections.
struct GraphQLDocument: Sendable {
    /// `query` or `mutation`.
    var operation: String
    /// The top-level selections.
    var selections: [GraphQLField]
}

/// One field of a selection set.
struct GraphQLField: Sendable {
    /// The field's name (aliases are answered under `alias`).
    var name: String
    /// The key it is answered under: its alias, else its name.
    var alias: String
    /// Its arguments, by name.
    var arguments: [String: GraphQLInput]
    /// Its sub-selections (empty for a leaf).
    var selections: [GraphQLField]

    /// The sub-field called `name`, if selected.
    func child(_ name: String) -> GraphQLField? { selections.first { $0.name == name } }
}

/// An input value written inline in a query.
indirect enum GraphQLInput: Sendable, Equatable {
    case string(String)
    case int(Int)
    case float(String)
    case bool(Bool)
    case null
    /// An enum word such as `PRODUCTS`.
    case enumValue(String)
    case list([GraphQLInput])
    case object([String: GraphQLInput])

    /// The member `key` of an object.
    subscript(_ key: String) -> GraphQLInput? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }
}
