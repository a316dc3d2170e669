import Foundation
import GRDB
import Reliability

/// A row of the `jobs` table. Times are seconds since 1970; `history` is the JSON array of attempts.
extension Job: FetchableRecord, TableRecord {
    /// The queue's table.
    public static let databaseTableName = "jobs"

    /// Decodes a `jobs` row; an unknown kind, state or wait reason is a corrupt record.
    public init(row: Row) throws {
        let id: Int64 = row["id"]
        func known<T: RawRepresentable<String>>(_ column: String) throws -> T {
            let text: String = row[column]
            guard let value = T(rawValue: text) else {
                throw SyncStoreError.corruptRecord(table: "jobs", detail: "job \(id) has unknown \(column) '\(text)'")
            }
            return value
        }
        let leaseExpiresAt: Double? = row["lease_expires_at"]
        let waitReason: String? = row["wait_reason"]
        self.init(
            id: id,
            key: JobKey(kind: try known("kind"), storefront: row["storefront"], entity: row["entity"]),
            payload: [UInt8](row["payload"] as Data),
            state: try known("state"),
            attempts: row["attempts"],
            runAt: Date(timeIntervalSince1970: row["run_at"]),
            leaseOwner: row["lease_owner"],
            leaseExpiresAt: leaseExpiresAt.map { Date(timeIntervalSince1970: $0) },
            lastError: row["last_error"],
            waitReason: waitReason.flatMap(WaitReason.init(rawValue:)),
            history: try Self.history(row["history"], id: id),
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    private static func history(_ json: String, id: Int64) throws -> [JobAttempt] {
        try JobAttempt.history(stored: json, jobID: id)
    }
}
