import Foundation

/// A typed Clerk filter expression (clerk-api.md §6.3) and its rendering to Clerk's `filter` string.
///
/// Build one with `compare`, `isIn`, `isNotIn`, `contains`, `all(of:)` and `any(of:)`; read it with
/// `expression`; send `rendered`. Shopper input only ever enters as a `ClerkFilterValue`, which is quoted and
/// escaped, and as a `ClerkFilterAttribute`, which is limited to `[A-Za-z0-9_]+`, so it cannot change the
/// structure of the filter.
///
/// `and`/`or` groups always have at least two operands and are flattened (`a and (b and c)` is `a and b and c`).
/// Every `or` group is written in parentheses, and so is every group nested in another, so the meaning never
/// depends on how Clerk ranks `and` against `or`.
public struct ClerkFilter: Sendable, Hashable, CustomStringConvertible {
    /// The shape of a filter.
    public indirect enum Expression: Sendable, Hashable {
        /// `attribute operator value`.
        case comparison(ClerkFilterAttribute, ClerkFilterOperator, ClerkFilterValue)
        /// `attribute in [values]`, or `attribute not in [values]` when `negated`.
        case membership(ClerkFilterAttribute, negated: Bool, values: [ClerkFilterValue])
        /// `attribute contains value`: a list attribute holds the value.
        case contains(ClerkFilterAttribute, ClerkFilterValue)
        /// All operands hold (two or more, none of them an `and`).
        case and([ClerkFilter])
        /// At least one operand holds (two or more, none of them an `or`).
        case or([ClerkFilter])
    }

    /// The shape of this filter.
    public let expression: Expression

    private init(_ expression: Expression) {
        self.expression = expression
    }

    /// `attribute operator value`.
    public static func compare(_ attribute: ClerkFilterAttribute, _ op: ClerkFilterOperator, _ value: ClerkFilterValue) -> ClerkFilter {
        ClerkFilter(.comparison(attribute, op, value))
    }

    /// `attribute = value`.
    public static func equals(_ attribute: ClerkFilterAttribute, _ value: ClerkFilterValue) -> ClerkFilter {
        compare(attribute, .equal, value)
    }

    /// `attribute in [values]`.
    public static func isIn(_ attribute: ClerkFilterAttribute, _ values: [ClerkFilterValue]) -> ClerkFilter {
        ClerkFilter(.membership(attribute, negated: false, values: values))
    }

    /// `attribute not in [values]`.
    public static func isNotIn(_ attribute: ClerkFilterAttribute, _ values: [ClerkFilterValue]) -> ClerkFilter {
        ClerkFilter(.membership(attribute, negated: true, values: values))
    }

    /// `attribute contains value` (the list attribute holds the value).
    public static func contains(_ attribute: ClerkFilterAttribute, _ value: ClerkFilterValue) -> ClerkFilter {
        ClerkFilter(.contains(attribute, value))
    }

    /// The conjunction of `filters`, flattening nested conjunctions.
    /// - Returns: `nil` for no filters (nothing to restrict), the filter itself for one.
    public static func all(of filters: [ClerkFilter]) -> ClerkFilter? {
        group(filters, Expression.and) { if case .and(let inner) = $0 { inner } else { nil } }
    }

    /// The disjunction of `filters`, flattening nested disjunctions.
    /// - Returns: `nil` for no filters, the filter itself for one.
    public static func any(of filters: [ClerkFilter]) -> ClerkFilter? {
        group(filters, Expression.or) { if case .or(let inner) = $0 { inner } else { nil } }
    }

    /// `filters` joined by `make`, operands of nested groups of the same kind (`members`) lifted into it.
    private static func group(
        _ filters: [ClerkFilter], _ make: ([ClerkFilter]) -> Expression, members: (Expression) -> [ClerkFilter]?
    ) -> ClerkFilter? {
        let operands = filters.flatMap { members($0.expression) ?? [$0] }
        switch operands.count {
        case 0: return nil
        case 1: return operands[0]
        default: return ClerkFilter(make(operands))
        }
    }

    /// The filter in Clerk's filter language, e.g. `(brand = "Acme" or brand = "Zed") and price >= 10`.
    public var rendered: String {
        var output = ""
        render(into: &output, nested: false)
        return output
    }

    /// The rendered filter.
    public var description: String { rendered }

    private func render(into output: inout String, nested: Bool) {
        switch expression {
        case let .comparison(attribute, op, value):
            output += "\(attribute.name) \(op.rawValue) \(value.rendered)"
        case let .membership(attribute, negated, values):
            output += attribute.name
            output += negated ? " not in [" : " in ["
            output += values.map(\.rendered).joined(separator: ", ")
            output += "]"
        case let .contains(attribute, value):
            output += "\(attribute.name) contains \(value.rendered)"
        case .and(let operands):
            renderGroup(operands, word: " and ", parenthesised: nested, into: &output)
        case .or(let operands):
            renderGroup(operands, word: " or ", parenthesised: true, into: &output)
        }
    }

    private func renderGroup(_ operands: [ClerkFilter], word: String, parenthesised: Bool, into output: inout String) {
        if parenthesised {
            output += "("
        }
        for (index, operand) in operands.enumerated() {
            if index > 0 {
                output += word
            }
            operand.render(into: &output, nested: true)
        }
        if parenthesised {
            output += ")"
        }
    }

    /// Writes `text` as a Clerk filter string literal: in double quotes, with `\` written `\\` and `"` written
    /// `\"`; control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) are dropped, since no
    /// escape for them is documented and no catalog value a shopper can pick contains them.
    ///
    /// UNCONFIRMED: Clerk's docs (clerk-api.md §6.3) show quoted strings in `'…'` and `"…"` but do not say how
    /// a quote or a backslash inside one is escaped; backslash escaping is the assumption here. Whatever Clerk's
    /// lexer does with it, a value stays inside its quotes only if `\"` is read as an escaped quote; a shopper
    /// value that contains `"` or `\` should be checked against the live API before relying on it.
    public static func quote(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\":
                scalars.append("\\")
                scalars.append("\\")
            case "\"":
                scalars.append("\\")
                scalars.append("\"")
            default:
                if scalar.properties.generalCategory != .control {
                    scalars.append(scalar)
                }
            }
        }
        scalars.append("\"")
        return String(scalars)
    }
}
