import Foundation

/// A `sort` value that is not one of BigCommerce's sort names.
public struct SearchSortError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value given.
    public let value: String

    /// Creates the error for `value`.
    public init(value: String) {
        self.value = value
    }

    /// A human-readable explanation naming the value and the accepted names.
    public var description: String {
        let scalars = value.unicodeScalars
        let shown = scalars.count > 40 ? String(String.UnicodeScalarView(scalars.prefix(40))) + "…" : value
        let names = SearchSort.allCases.map(\.rawValue).joined(separator: ", ")
        return "sort \(shown.debugDescription) is not one of \(names)"
    }
}
