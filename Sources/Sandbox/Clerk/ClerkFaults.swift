import Synchronization

/// Fault settings of the Clerk simulator.
public struct ClerkFaultSettings: Sendable, Equatable {
    /// Probability (0…1) of a 500 `InternalError`.
    public var serverErrorRate: Double = 0
    /// Latency added to every request.
    public var latency: Duration = .zero
    /// When true every request answers 503.
    public var down = false
    /// Product ids that make a whole write fail with `ParsingError` (Clerk gives no per-item result).
    public var rejectedProductIDs: Set<Int> = []
    /// Visitors whose tracking calls (`log/*`) are refused with a `ParsingError` (a poison call).
    public var rejectedVisitors: Set<String> = []
    /// Audience ids whose `audiences/emails` answers a 500 `InternalError` (an audience Clerk cannot read now).
    public var failingAudiences: Set<String> = []
    /// Order ids that make a whole `POST /v2/orders` fail with `ParsingError`.
    public var rejectedOrderIDs: Set<String> = []

    /// No faults.
    public init() {}
}

/// Counters of the Clerk simulator.
public struct ClerkCounters: Sendable, Equatable {
    /// Every request received.
    public var totalRequests = 0
    /// Catalog write requests (POST, PATCH, DELETE) received; tracking calls are not among them.
    public var writeRequests = 0
    /// Product documents stored by successful POST/PATCH requests.
    public var productsWritten = 0
    /// Category documents stored by successful POST/PATCH requests.
    public var categoriesWritten = 0
    /// Product ids named by successful DELETE requests.
    public var productsDeleted = 0
    /// Category ids named by successful DELETE requests.
    public var categoriesDeleted = 0
    /// Calls accepted and recorded in the call log: tracking (`log/*`), recommendations and search.
    public var logCalls = 0
    /// Order documents stored by successful `POST`/`PATCH /v2/orders` requests (not `log/sale`).
    public var ordersWritten = 0
    /// Customer documents stored by successful `POST`/`PATCH /v2/customers` requests.
    public var customersWritten = 0
    /// Customer ids named by successful `DELETE /v2/customers` requests.
    public var customersDeleted = 0
    /// Successful `audiences/emails` reads.
    public var audienceReads = 0
    /// Successful `privacy/forget` calls.
    public var forgets = 0
    /// Error responses served (any status).
    public var errors = 0

    /// Zero counters.
    public init() {}
}

/// Runtime-changeable fault injection and counters of the Clerk simulator (thread-safe).
public final class ClerkFaults: Sendable {
    struct State {
        var settings = ClerkFaultSettings()
        var counters = ClerkCounters()
        var random: SplitMix64
    }

    let state: Mutex<State>

    /// Creates fault injection with no faults; random decisions follow `seed`.
    public init(seed: UInt64 = 11) {
        state = Mutex(State(random: SplitMix64(seed: seed)))
    }

    /// The current settings.
    public var settings: ClerkFaultSettings {
        state.withLock { $0.settings }
    }

    /// Changes the settings.
    public func configure(_ change: (inout ClerkFaultSettings) -> Void) {
        state.withLock { change(&$0.settings) }
    }

    /// Turns every fault off.
    public func clearFaults() {
        state.withLock { $0.settings = ClerkFaultSettings() }
    }

    /// A snapshot of the counters.
    public var counters: ClerkCounters {
        state.withLock { $0.counters }
    }

    /// Zeroes the counters.
    public func resetCounters() {
        state.withLock { $0.counters = ClerkCounters() }
    }

    func roll(_ probability: Double) -> Bool {
        guard probability > 0 else { return false }
        return state.withLock { $0.random.unit() < probability }
    }

    func record(_ change: (inout ClerkCounters) -> Void) {
        state.withLock { change(&$0.counters) }
    }
}
