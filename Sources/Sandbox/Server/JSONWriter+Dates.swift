import Foundation
import JSONSupport

extension JSONWriter {
    /// A V3 date: ISO-8601 with offset, `2024-03-01T10:00:00+00:00`.
    mutating func field(_ name: String, date: Date) {
        key(name)
        string(DateText.iso8601(date))
    }
}
