import Foundation

/// The name of a Clerk product attribute in a filter expression (clerk-api.md §6.3).
///
/// Names are limited to `[A-Za-z0-9_]+` and may not be one of the filter language's words (`and`, `or`,
/// `in`, `not`, `contains`, `true`, `false`, in any case), so a name can never be read as syntax.
public struct ClerkFilterAttribute: Sendable, Hashable, CustomStringConvertible {
    /// The words of Clerk's filter language, lowercased; no attribute may be named like one.
    static let reservedWords: Set<String> = ["and", "or", "in", "not", "contains", "true", "false"]

    /// The attribute name as written into the filter.
    public let name: String

    /// An attribute with exactly this name.
    /// - Returns: `nil` when `name` is empty, has a character outside `[A-Za-z0-9_]` or is a reserved word.
    public init?(_ name: String) {
        let isNameByte: (UInt8) -> Bool = { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        guard !name.isEmpty, name.utf8.allSatisfy(isNameByte), !Self.reservedWords.contains(name.lowercased()) else {
            return nil
        }
        self.name = name
    }

    /// The `option_<name>` attribute of a variant option whose display name is `rawName`, normalised as
    /// mapping.md §6 normalises it when the product is mapped (`Shoe Width (EU)` → `option_shoe_width_eu`).
    /// - Returns: `nil` when the name normalises to nothing (mapping.md then stores no such attribute).
    public static func option(_ rawName: String) -> ClerkFilterAttribute? {
        AttributeName.normalize(rawName).flatMap { ClerkFilterAttribute("option_" + $0) }
    }

    /// The `cf_<name>` attribute of a custom field named `rawName`, normalised as mapping.md §6 normalises it.
    /// - Returns: `nil` when the name normalises to nothing (mapping.md then stores no such attribute).
    public static func customField(_ rawName: String) -> ClerkFilterAttribute? {
        AttributeName.normalize(rawName).flatMap { ClerkFilterAttribute("cf_" + $0) }
    }

    /// The attribute name.
    public var description: String { name }
}
