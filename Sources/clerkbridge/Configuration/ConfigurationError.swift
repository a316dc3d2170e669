/// A configuration problem, named so the operator can fix it. Never carries a secret's value.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
