import Foundation

/// A comparison operator of Clerk's filter language (clerk-api.md §6.3).
public enum ClerkFilterOperator: String, Sendable, Hashable, CaseIterable {
    /// `=`
    case equal = "="
    /// `!=`
    case notEqual = "!="
    /// `>`
    case greater = ">"
    /// `<`
    case less = "<"
    /// `>=` (the docs page read was cut off before this row: UNCONFIRMED, though standard)
    case greaterOrEqual = ">="
    /// `<=` (the docs page read was cut off before this row: UNCONFIRMED, though standard)
    case lessOrEqual = "<="
}
