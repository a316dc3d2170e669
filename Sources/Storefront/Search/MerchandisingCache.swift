import CatalogMapping
import Foundation
import Synchronization

/// Keeps each channel's search settings from a `MerchandisingSource`, so search follows the merchant's changes
/// within `ttl` without reading BigCommerce on a shopper's request.
///
/// Settings are read once per channel, overrides of every category included, so category ids in shoppers'
/// requests never cause reads of their own (BigCommerce's API quota is shared with the catalog sync). A channel
/// never read is read once, however many searches arrive meanwhile; they wait for it at most `firstReadWait`
/// and are answered without facets after that, while the read goes on. Once settings are older than `ttl`, the next search is
/// answered with them while one read runs in the background. A read that fails keeps the last known settings
/// (or `MerchandisingSettings.unknown`: no facets, BigCommerce's default sort) and is tried again after
/// `retryAfterFailure`, so search keeps answering while BigCommerce cannot be reached.
public final class MerchandisingCache: Sendable {
    private struct Entry {
        var settings: MerchandisingSettings
        var refreshAt: Date
        var refreshing = false
    }

    private enum Plan {
        case use(MerchandisingSettings)
        case useAndRefresh(MerchandisingSettings)
        case read
    }

    private let source: any MerchandisingSource
    private let ttl: TimeInterval
    private let retryAfterFailure: TimeInterval
    private let now: @Sendable () -> Date
    private let entries = Mutex<[Int: Entry]>([:])
    private let firstReads = Mutex<[Int: Task<MerchandisingSettings, Never>]>([:])
    private let firstReadWait: Duration

    /// A cache over `source`: settings are kept `ttl` seconds (default 5 minutes), a failed read is tried again
    /// after `retryAfterFailure` seconds, a search waits for a channel's first read at most `firstReadWait`;
    /// `now` is the clock (tests move it).
    public init(
        source: any MerchandisingSource, ttl: TimeInterval = 300, retryAfterFailure: TimeInterval = 30,
        firstReadWait: Duration = .seconds(2), now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.firstReadWait = firstReadWait
        self.source = source
        self.ttl = ttl
        self.retryAfterFailure = retryAfterFailure
        self.now = now
    }

    /// The merchandising of channel `channelID`, for category `categoryID`'s page when given.
    public func merchandising(channelID: Int, categoryID: Int?) async -> SearchMerchandising {
        await settings(channelID: channelID).merchandising(categoryID: categoryID)
    }

    /// The settings of channel `channelID`, read first when never read, refreshed in the background when stale.
    public func settings(channelID: Int) async -> MerchandisingSettings {
        let time = now()
        let plan = entries.withLock { entries -> Plan in
            guard var entry = entries[channelID] else {
                return .read
            }
            guard time >= entry.refreshAt, !entry.refreshing else {
                return .use(entry.settings)
            }
            entry.refreshing = true
            entries[channelID] = entry
            return .useAndRefresh(entry.settings)
        }
        switch plan {
        case .use(let settings):
            return settings
        case .useAndRefresh(let settings):
            Task { await self.read(channelID: channelID) }
            return settings
        case .read:
            return await firstRead(channelID: channelID)
        }
    }

    /// The one first read of `channelID`, waited for at most `firstReadWait` (then `unknown`).
    private func firstRead(channelID: Int) async -> MerchandisingSettings {
        let reading = firstReads.withLock { reads in
            if let running = reads[channelID] { return running }
            let task = Task {
                let settings = await self.read(channelID: channelID)
                self.firstReads.withLock { _ = $0.removeValue(forKey: channelID) }
                return settings
            }
            reads[channelID] = task
            return task
        }
        // A race of two unstructured tasks: awaiting a task's value cannot be cancelled, so a task group would
        // wait for the read however long it takes.
        let wait = firstReadWait
        let answered = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<MerchandisingSettings, Never>) in
            let answer: @Sendable (MerchandisingSettings) -> Void = { settings in
                let first = answered.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: settings) }
            }
            Task { answer(await reading.value) }
            Task {
                try? await Task.sleep(for: wait)
                answer(.unknown)
            }
        }
    }

    /// Reads the settings of `channelID` and keeps them, or keeps the last known ones when the read fails.
    @discardableResult
    private func read(channelID: Int) async -> MerchandisingSettings {
        let settings: MerchandisingSettings
        let wait: TimeInterval
        do {
            settings = try await source.merchandisingSettings(channelID: channelID)
            wait = ttl
        } catch {
            settings = entries.withLock { $0[channelID]?.settings } ?? .unknown
            wait = retryAfterFailure
        }
        let refreshAt = now().addingTimeInterval(wait)
        entries.withLock { $0[channelID] = Entry(settings: settings, refreshAt: refreshAt) }
        return settings
    }
}
