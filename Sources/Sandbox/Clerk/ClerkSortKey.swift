import Foundation
import JSONSupport

/// Ordering of attribute values for sorting (`orderby`, the recommendation rankings): numbers as decimals
/// below strings (by text), `true` as 1 and `false` as 0, a list by its first element, a missing value below
/// everything.
enum ClerkSortKey {
    static func compare(_ left: JSONValue?, _ right: JSONValue?) -> ComparisonResult {
        switch (key(left), key(right)) {
        case (nil, nil): return .orderedSame
        case (nil, _): return .orderedAscending
        case (_, nil): return .orderedDescending
        case (.number(let a)?, .number(let b)?):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.text(let a)?, .text(let b)?):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.number?, .text?): return .orderedAscending
        case (.text?, .number?): return .orderedDescending
        }
    }

    /// The decimal `text` spells exactly (not a numeric prefix of it), or nil.
    static func decimal(_ text: String) -> Decimal? {
        guard !text.isEmpty, Double(text) != nil, !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" })
        else {
            return nil
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    private enum Key {
        case number(Decimal)
        case text(String)
    }

    private static func key(_ value: JSONValue?) -> Key? {
        switch value {
        case .number(let text)?: decimal(text).map(Key.number)
        case .string(let text)?: .text(text)
        case .bool(let flag)?: .number(flag ? 1 : 0)
        case .array(let items)?: items.first.flatMap { key($0) }
        default: nil
        }
    }
}
