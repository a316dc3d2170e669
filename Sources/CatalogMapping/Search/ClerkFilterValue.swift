import Foundation
import JSONSupport

/// A literal on the right-hand side of a Clerk filter clause.
public enum ClerkFilterValue: Sendable, Hashable {
    /// A string, always written quoted and escaped (see `ClerkFilter.quote(_:)`).
    case string(String)
    /// A number, written from its decimal digits in plain notation (`19.99`, `12`), never through `Double`.
    /// A NaN is written as the quoted string `"NaN"`, which no number equals, so it can only narrow a filter.
    case number(Decimal)
    /// A boolean, written `true` or `false`.
    case bool(Bool)

    /// A number from an integer (an id).
    public static func integer(_ value: Int) -> ClerkFilterValue {
        .number(Decimal(value))
    }

    /// The value as it appears in Clerk's filter language.
    public var rendered: String {
        switch self {
        case .string(let text):
            return ClerkFilter.quote(text)
        case .number(let number):
            guard let digits = JSONNumber.decimal(number) else {
                return ClerkFilter.quote("NaN")
            }
            return String(decoding: digits, as: UTF8.self)
        case .bool(let flag):
            return flag ? "true" : "false"
        }
    }
}
