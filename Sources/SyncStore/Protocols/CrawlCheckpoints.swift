/// Per-storefront checkpoints of a full reindex, so an interrupted run resumes.
public protocol CrawlCheckpoints: Sendable {
    /// The saved checkpoint of `storefront`, if any.
    func checkpoint(storefront: String) async throws -> CrawlCheckpoint?
    /// Saves (replaces) the checkpoint of `checkpoint.storefront`.
    func saveCheckpoint(_ checkpoint: CrawlCheckpoint) async throws
    /// Removes the checkpoint of `storefront` (the run finished); no-op when there is none.
    func clearCheckpoint(storefront: String) async throws
}
