import Foundation
import JSONSupport

/// A JSON value in a Clerk document. Money is `.number(Decimal)` already rounded.
public indirect enum ClerkValue: Sendable, Hashable {
    /// A JSON string.
    case string(String)
    /// A JSON integer.
    case int(Int)
    /// A JSON number with a fraction (money, ratings).
    case number(Decimal)
    /// A JSON boolean.
    case bool(Bool)
    /// A JSON array.
    case list([ClerkValue])

    /// Whether the value is an empty string or an empty list, which mapping.md §6 never stores.
    public var isEmpty: Bool {
        switch self {
        case .string(let text):
            return text.isEmpty
        case .list(let items):
            return items.isEmpty
        case .int, .number, .bool:
            return false
        }
    }

    /// Whether both values are the same JSON value, comparing numbers by value (`.int(10)` equals `.number(10)`).
    public func isSameValue(as other: ClerkValue) -> Bool {
        switch (self, other) {
        case let (.int(lhs), .int(rhs)):
            return lhs == rhs
        case let (.int(lhs), .number(rhs)):
            return Decimal(lhs) == rhs
        case let (.number(lhs), .int(rhs)):
            return lhs == Decimal(rhs)
        case let (.number(lhs), .number(rhs)):
            return lhs == rhs
        case let (.list(lhs), .list(rhs)):
            guard lhs.count == rhs.count else {
                return false
            }
            return zip(lhs, rhs).allSatisfy { $0.isSameValue(as: $1) }
        default:
            return self == other
        }
    }

    /// Writes the value in canonical form (see ``ClerkDocument/canonicalJSON``).
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let text):
            writer.string(text)
        case .int(let number):
            writer.int(number)
        case .number(let number):
            writer.number(number)
        case .bool(let flag):
            writer.bool(flag)
        case .list(let items):
            writer.openArray()
            for item in items {
                item.write(to: &writer)
            }
            writer.closeArray()
        }
    }
}
