import Foundation
import GRDB

/// A row of `markers`: a named value and when it was last set.
struct MarkerRow: SQLiteRecord {
    static let databaseTableName = "markers"

    var name: String
    var value: Data
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case name, value
        case updatedAt = "updated_at"
    }

    /// The marker as ``SyncMarkers`` returns it.
    var marker: Marker {
        Marker(value: [UInt8](value), updatedAt: updatedAt)
    }
}
