/// What a value in the config file may be: the types ``ConfigSchema`` describes keys with.
///
/// Scalars are accepted as the decoder of ``ConfigFile`` (Yams) accepts them, so validation and decoding agree.
indirect enum ConfigShape: Sendable {
    /// Any scalar, read as text (`port: 8080` under a text key is the text `8080`).
    case text
    /// Text whose value is never shown: `config check` masks it.
    case secret
    /// A whole number.
    case wholeNumber
    /// `true` or `false` (YAML's `yes`/`no`/`on`/`off` too).
    case boolean
    /// A number, whole or not.
    case number
    /// A number or text (`events.rate_limit: 20` or `off`).
    case numberOrText
    /// A list of values of one shape.
    case list(ConfigShape)
    /// A mapping with these keys, none of them required here (required values are checked when settings load).
    case mapping([ConfigField])
    /// A mapping keyed by names the operator chooses (`placements:`), every value of one shape.
    case named(ConfigShape)

    /// What the shape is, for "should be …" messages.
    var expectation: String {
        switch self {
        case .text, .secret: "text"
        case .wholeNumber: "a whole number"
        case .boolean: "true or false"
        case .number: "a number"
        case .numberOrText: "a number or text"
        case .list: "a list"
        case .mapping: "a mapping of keys to values"
        case .named: "a mapping of names to entries"
        }
    }
}

/// One key of a ``ConfigShape/mapping(_:)``.
struct ConfigField: Sendable {
    let name: String
    let shape: ConfigShape

    init(_ name: String, _ shape: ConfigShape) {
        self.name = name
        self.shape = shape
    }
}
