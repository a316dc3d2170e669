import Foundation

extension JobAttempt {
    /// A job's history as every store keeps it: a JSON array of `{"at": seconds since 1970, "error": …,
    /// "transient": …}` with sorted keys.
    package static func storedHistory(_ history: [JobAttempt]) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(history), as: UTF8.self)
    }

    /// The history of job `jobID` from its stored JSON; throws ``SyncStoreError/corruptRecord(table:detail:)``.
    package static func history(stored json: String, jobID: Int64) throws -> [JobAttempt] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode([JobAttempt].self, from: Data(json.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: "jobs", detail: "history of job \(jobID): \(error)")
        }
    }
}
