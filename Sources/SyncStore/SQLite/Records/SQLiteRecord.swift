import GRDB

/// A row type of one of the store's tables: its stored properties are the table's columns, named by its `CodingKeys`.
///
/// Every time column holds seconds since 1970 as a REAL, so `Date` properties are encoded and decoded that way
/// (GRDB's default is text). A `Date` interpolated into SQL would still be text: interpolate `timeIntervalSince1970`.
package protocol SQLiteRecord: Codable, FetchableRecord, PersistableRecord, Sendable {}

extension SQLiteRecord {
    /// Dates are seconds since 1970.
    package static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }

    /// Dates are seconds since 1970.
    package static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }
}
