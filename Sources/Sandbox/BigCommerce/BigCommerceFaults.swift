import Foundation
import Synchronization

/// Fault settings of the BigCommerce simulator. All rates are probabilities in 0…1.
public struct BigCommerceFaultSettings: Sendable, Equatable {
    /// Probability that a request answers 500, 502 or 503.
    public var serverErrorRate: Double = 0
    /// Latency added to every request.
    public var latency: Duration = .zero
    /// Latency added per item a request asks for (its `limit`, 1 without one), on top of ``latency``: a real page of
    /// 250 products with their variants takes longer to answer than a page of one.
    public var latencyPerItem: Duration = .zero
    /// Probability that the connection is closed without any response.
    public var dropConnectionRate: Double = 0
    /// Probability of a 429 *without* rate-limit headers (platform load, not quota).
    public var rateLimitStormRate: Double = 0
    /// Product ids rendered so that a strict decoder fails (`"name": 12345`, `"price": "n/a"`).
    public var malformedProductIDs: Set<Int> = []
    /// `id:greater` values whose product-page request always answers 500.
    public var failingProductPages: Set<Int> = []
    /// Product ids whose price-list records always answer 500 when a request asks for them (`product_id:in`).
    public var failingPriceRecordProducts: Set<Int> = []

    /// No faults.
    public init() {}

    /// The latency of a request asking for `items` items (at least one).
    public func latency(items: Int) -> Duration {
        latency + latencyPerItem * max(1, items)
    }
}

/// Counters of what the BigCommerce simulator served.
public struct BigCommerceCounters: Sendable, Equatable {
    /// Every request received (including refused ones).
    public var totalRequests = 0
    /// 429 responses served (quota exhaustion and storms).
    public var rateLimited = 0
    /// 429 responses served because the quota was exhausted.
    public var quotaExhausted = 0
    /// 5xx responses served by fault injection.
    public var serverErrors = 0
    /// Connections dropped by fault injection.
    public var droppedConnections = 0
    /// Requests by route, e.g. `GET /v3/catalog/products` or `GET /v3/catalog/products/{id}`.
    public var requestsByRoute: [String: Int] = [:]

    /// Zero counters.
    public init() {}
}

/// Runtime-changeable fault injection and counters of the BigCommerce simulator (thread-safe).
public final class BigCommerceFaults: Sendable {
    struct State {
        var settings = BigCommerceFaultSettings()
        var counters = BigCommerceCounters()
        var random: SplitMix64
    }

    let state: Mutex<State>

    /// Creates fault injection with no faults; random decisions follow `seed`.
    public init(seed: UInt64 = 7) {
        state = Mutex(State(random: SplitMix64(seed: seed)))
    }

    /// The current settings.
    public var settings: BigCommerceFaultSettings {
        state.withLock { $0.settings }
    }

    /// Changes the settings.
    public func configure(_ change: (inout BigCommerceFaultSettings) -> Void) {
        state.withLock { change(&$0.settings) }
    }

    /// Turns every fault off.
    public func clearFaults() {
        state.withLock { $0.settings = BigCommerceFaultSettings() }
    }

    /// A snapshot of the counters.
    public var counters: BigCommerceCounters {
        state.withLock { $0.counters }
    }

    /// Zeroes the counters.
    public func resetCounters() {
        state.withLock { $0.counters = BigCommerceCounters() }
    }

    func count(route: String) -> BigCommerceFaultSettings {
        state.withLock {
            $0.counters.totalRequests += 1
            $0.counters.requestsByRoute[route, default: 0] += 1
            return $0.settings
        }
    }

    func roll(_ probability: Double) -> Bool {
        guard probability > 0 else { return false }
        return state.withLock { $0.random.unit() < probability }
    }

    func pickServerError() -> Int {
        state.withLock { [500, 502, 503][$0.random.int(0..<3)] }
    }

    func record(_ change: (inout BigCommerceCounters) -> Void) {
        state.withLock { change(&$0.counters) }
    }
}
