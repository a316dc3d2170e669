import Foundation

/// Builds the literals clerkbridge inlines into GraphQL Admin queries. The docs show only inline literals and
/// not the variables' type names (customers-audiences-translations notes §5.1, UNCONFIRMED), so values are
/// written into the query text: strings quoted and escaped as JSON strings, which GraphQL string syntax accepts.
enum GraphQLText {
    /// `"bc/store/channel/2"` with quotes and escapes.
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `bc/store/channel/{id}`.
    static func channelID(_ id: Int) -> String { "bc/store/channel/\(id)" }
    /// `bc/store/locale/{code}`.
    static func localeID(_ code: String) -> String { "bc/store/locale/\(code)" }
    /// `bc/store/product/{id}`.
    static func productID(_ id: Int) -> String { "bc/store/product/\(id)" }

    /// The product id of `bc/store/product/{id}`, nil for any other resource id.
    static func productID(of resourceID: String) -> Int? {
        let prefix = "bc/store/product/"
        guard resourceID.hasPrefix(prefix) else { return nil }
        return Int(resourceID.dropFirst(prefix.count))
    }
}
