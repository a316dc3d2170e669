import Foundation
import Synchronization

/// A token bucket per client: `rate` requests a second sustained, bursts of `burst`.
///
/// When the table reaches `maxClients`, clients idle long enough to have a full bucket are forgotten, and if
/// that frees too little, the least recently seen half: memory stays bounded however many addresses call.
public final class ClientRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Requests per second each client may sustain.
    public let rate: Double
    /// The most requests a client may make at once.
    public let burst: Double
    private let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// Creates a limiter allowing `rate` requests per second per client with bursts of `burst` (at least 1).
    public init(rate: Double, burst: Double, maxClients: Int = 50_000) {
        self.rate = max(rate, 0.001)
        self.burst = max(burst, 1)
        self.maxClients = maxClients
    }

    /// How many clients the limiter remembers.
    public var clientCount: Int { buckets.withLock { $0.count } }

    /// Takes one request's token for `client` at `now`: nil when allowed, else how long until the next token.
    public func admit(_ client: String, now: Date = Date()) -> Duration? {
        let time = now.timeIntervalSinceReferenceDate
        return buckets.withLock { buckets in
            if buckets.count >= maxClients, buckets[client] == nil {
                let fullAfter = burst / rate
                buckets = buckets.filter { time - $0.value.updated < fullAfter }
                if buckets.count >= maxClients / 2 {
                    let recent = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(maxClients / 2)
                    buckets = Dictionary(uniqueKeysWithValues: recent.map { ($0.key, $0.value) })
                }
            }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: time)
            bucket.tokens = min(burst, bucket.tokens + (time - bucket.updated) * rate)
            bucket.updated = time
            defer { buckets[client] = bucket }
            guard bucket.tokens >= 1 else {
                return .milliseconds(Int64(((1 - bucket.tokens) / rate * 1000).rounded(.up)))
            }
            bucket.tokens -= 1
            return nil
        }
    }
}
