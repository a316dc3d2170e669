import CatalogMapping
import Foundation
import Synchronization

/// Keeps each storefront page's merchandising from a `MerchandisingSource` for a while, so search follows the
/// merchant's changes within `ttl` without reading BigCommerce on every request.
///
/// A value older than `ttl` is read again on the next request. When that read fails, the last known value is
/// kept (and tried again after `retryAfterFailure`); a category page never read falls back to its channel's
/// value, and a channel never read to `SearchMerchandising.unknown` (no facets, BigCommerce's default sort), so
/// search keeps answering while BigCommerce cannot be reached.
public final class MerchandisingCache: Sendable {
    private struct Key: Hashable {
        var channelID: Int
        var categoryID: Int?
    }

    private struct Entry {
        var value: SearchMerchandising
        var refreshAt: Date
    }

    /// The most pages kept; beyond it the cache starts over (category ids come from shoppers' requests).
    static let capacity = 10_000

    private let source: any MerchandisingSource
    private let ttl: TimeInterval
    private let retryAfterFailure: TimeInterval
    private let now: @Sendable () -> Date
    private let entries = Mutex<[Key: Entry]>([:])

    /// A cache over `source`: values are kept `ttl` seconds (default 5 minutes), a failed read is tried again
    /// after `retryAfterFailure` seconds; `now` is the clock (tests move it).
    public init(
        source: any MerchandisingSource, ttl: TimeInterval = 300, retryAfterFailure: TimeInterval = 30,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.source = source
        self.ttl = ttl
        self.retryAfterFailure = retryAfterFailure
        self.now = now
    }

    /// The merchandising of channel `channelID`, for category `categoryID`'s page when given.
    public func merchandising(channelID: Int, categoryID: Int?) async -> SearchMerchandising {
        let key = Key(channelID: channelID, categoryID: categoryID)
        let time = now()
        let (cached, channel) = entries.withLock { ($0[key], $0[Key(channelID: channelID, categoryID: nil)]) }
        if let cached, time < cached.refreshAt {
            return cached.value
        }
        let value: SearchMerchandising
        let refreshAt: Date
        do {
            value = try await source.merchandising(channelID: channelID, categoryID: categoryID)
            refreshAt = time.addingTimeInterval(ttl)
        } catch {
            value = cached?.value ?? channel?.value ?? .unknown
            refreshAt = time.addingTimeInterval(retryAfterFailure)
        }
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil {
                entries.removeAll()
            }
            entries[key] = Entry(value: value, refreshAt: refreshAt)
        }
        return value
    }
}
