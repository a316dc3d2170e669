import Foundation
import MarketValidation
import Prometheus
import Synchronization
import SyncEngine
import SyncStore

/// What `GET /metrics` exposes in Prometheus' text format: webhook deliveries by outcome (counted as
/// they are answered) and the queue as the database holds it (read at each scrape, so every process
/// sharing the database reports the same figures).
public final class ServiceMetrics: Sendable {
    /// The registry the metrics live in (also the one HTTP request metrics are bootstrapped with).
    public let registry: PrometheusCollectorRegistry
    private let deliveryCounters = Mutex<[String: Counter]>([:])
    /// Storefronts that had dead letters at some scrape: their gauge goes back to 0 once resolved.
    private let deadLetterStorefronts = Mutex<Set<String>>([])

    /// Creates the metrics in `registry`.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Counts one answered delivery under its outcome (`accepted`, `duplicate`, or the error code).
    public func recordDelivery(outcome: String) {
        let counter = deliveryCounters.withLock { counters in
            if let counter = counters[outcome] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.name(
                    "webhook_deliveries", unit: "total",
                    help: "Webhook deliveries answered, by outcome (accepted, duplicate, or the error code)"),
                labels: [("outcome", outcome)])
            counters[outcome] = counter
            return counter
        }
        counter.increment()
    }

    /// The exposition, after reading the queue's current state from `store`.
    public func render(store: any JobQueue & DeadLetterQueue & SyncMarkers & EventLog, now: Date = Date()) async -> [UInt8] {
        do {
            for (state, count) in try await store.jobCounts() {
                gauge("jobs", help: "Background jobs by state", labels: [("state", state.rawValue)]).set(to: Double(count))
            }
            for (state, count) in try await store.eventCounts() {
                gauge("events", help: "Shopper events in the event log by state", labels: [("state", state.rawValue)])
                    .set(to: Double(count))
            }
            let oldest = try await store.oldestPendingRunAt().map { max(0, now.timeIntervalSince($0)) } ?? 0
            gauge("oldest_pending_job", unit: "seconds", help: "How long the oldest due job has been waiting").set(to: oldest)
            let letters = try await store.deadLetters(includeResolved: false)
            let perStorefront = Dictionary(grouping: letters, by: { $0.storefront ?? "*" }).mapValues(\.count)
            let known = deadLetterStorefronts.withLock { known in
                known.formUnion(perStorefront.keys)
                return known
            }
            for storefront in known {
                let count = perStorefront[storefront] ?? 0
                gauge("dead_letters", help: "Unresolved dead letters by storefront (* for store-wide)", labels: [("storefront", storefront)])
                    .set(to: Double(count))
            }
            if let markets = try await MarketSummary.last(in: store) {
                gauge("markets_validated", unit: "timestamp_seconds", help: "When every market was last validated (unix time)")
                    .set(to: markets.at.timeIntervalSince1970)
                for market in markets.storefronts {
                    gauge("market_problems", help: "Problems the last validation found, by storefront", labels: [("storefront", market.name)])
                        .set(to: Double(market.problems.count))
                }
            }
            let alive = try await WorkerHeartbeat.all(in: store).filter { $0.isAlive(now: now) }
            gauge("workers", help: "Workers that reported in the last minute").set(to: Double(alive.count))
            gauge("database_up", help: "1 when the database answered this scrape").set(to: 1)
        } catch {
            gauge("database_up", help: "1 when the database answered this scrape").set(to: 0)
        }
        return registry.emitToBuffer()
    }

    private func gauge(_ name: String, unit: String = "", help: String, labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: Self.name(name, unit: unit, help: help), labels: labels)
    }

    private static func name(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "clerkbridge", metricName: name, unitName: unit, helpText: help)
    }
}
