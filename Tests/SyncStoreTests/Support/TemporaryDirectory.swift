@testable import SyncStore
import Foundation

/// Runs `body` with a fresh temporary directory that is deleted afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("syncstore-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// A stored document whose hash and JSON derive from `id` and `version`.
func document(_ id: Int, version: Int = 1) -> StoredDocument {
    StoredDocument(id: id, contentHash: "hash-\(id)-v\(version)", json: Array(#"{"id":\#(id),"v":\#(version)}"#.utf8))
}
