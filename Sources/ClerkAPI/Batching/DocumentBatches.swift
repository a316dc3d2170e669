/// Splits documents into upsert batches bounded by count and by encoded size.
///
/// The size bound counts each document's bytes plus one separator; the few dozen bytes of envelope (keys and
/// member name) come on top. A single document larger than `maxBytes` becomes a batch of its own, so Clerk
/// decides (and a 413 points at exactly that document). On a 413 or a timeout, retry with `halves(of:)` or
/// with `halved()` limits.
public struct DocumentBatches: Sendable, Hashable {
    /// Most documents per batch.
    public var maxCount: Int
    /// Most document bytes per batch.
    public var maxBytes: Int

    /// Limits of `maxCount` documents (default 250) and `maxBytes` bytes (default 2 MiB); both at least 1.
    public init(maxCount: Int = 250, maxBytes: Int = 2 * 1024 * 1024) {
        self.maxCount = max(1, maxCount)
        self.maxBytes = max(1, maxBytes)
    }

    /// `documents` in order, cut into consecutive batches within both limits. No batch is empty.
    public func split(_ documents: [RawDocument]) -> [[RawDocument]] {
        var batches: [[RawDocument]] = []
        var current: [RawDocument] = []
        var currentBytes = 0
        for document in documents {
            let size = document.json.count + 1
            if !current.isEmpty && (current.count >= maxCount || currentBytes + size > maxBytes) {
                batches.append(current)
                current = []
                currentBytes = 0
            }
            current.append(document)
            currentBytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// Limits half as large (never below 1), for the next attempt after a 413 or a timeout.
    public func halved() -> DocumentBatches {
        DocumentBatches(maxCount: maxCount / 2, maxBytes: maxBytes / 2)
    }

    /// `batch` cut into two halves (the first one larger by one when the count is odd); nil for a single document,
    /// which cannot be split further.
    public static func halves(of batch: [RawDocument]) -> (first: [RawDocument], second: [RawDocument])? {
        guard batch.count > 1 else { return nil }
        let middle = (batch.count + 1) / 2
        return (Array(batch[..<middle]), Array(batch[middle...]))
    }
}
