import BigCommerceAPI
import Foundation
import StorefrontRegistry
import SyncEngine
import SyncStore
import Synchronization

/// Reads ``WebhookStatus``: BigCommerce's answer, kept for ``cacheSeconds`` so refreshing the page does not spend the
/// store's API quota, joined with what the receiver accepted.
public final class WebhookStatusReader: Sendable {
    /// How long BigCommerce's answer is reused.
    public static let cacheSeconds: TimeInterval = 60

    let subscriptions: (any WebhookSubscriptions)?
    let store: any DashboardStorage
    let storefronts: StorefrontRegistry
    let destination: String
    let mask: SecretMask
    private let cached = Mutex<(at: Date, admin: HooksAdmin)?>(nil)

    /// Creates a reader of `subscriptions` (nil: BigCommerce is not asked) for hooks delivering to `destination`.
    public init(
        subscriptions: (any WebhookSubscriptions)?, store: any DashboardStorage, storefronts: StorefrontRegistry, destination: String,
        mask: SecretMask
    ) {
        self.subscriptions = subscriptions
        self.store = store
        self.storefronts = storefronts
        self.destination = destination
        self.mask = mask
    }

    /// The status as of `now`.
    public func status(now: Date = Date()) async throws -> WebhookStatus {
        let activity = try await store.webhookActivity(since: now.addingTimeInterval(-86_400))
        var status = WebhookStatus(
            destination: destination, checkedAt: nil, hooks: [], missingScopes: [], blockedDomains: [],
            deliveries: activity.map {
                .init(scope: $0.scope, deliveries: $0.deliveries, lastReceivedAt: StatusReport.format($0.lastReceivedAt))
            }, error: nil)
        let admin: (at: Date, admin: HooksAdmin)
        do {
            admin = try await read(now: now)
        } catch {
            status.error = "BigCommerce could not be asked for the hooks: \(mask.masking("\(error)"))"
            return status
        }
        status.checkedAt = StatusReport.format(admin.at)
        status.hooks = admin.admin.hooks.map { listed in
            let here = listed.hook.destination == destination
            // A wildcard hook (`store/order/*`) counts every scope it covers.
            let seen = here ? activity.filter { WebhookScope.subscription(listed.hook.scope, covers: $0.scope) } : []
            return WebhookStatus.Hook(
                id: listed.hook.id, scope: listed.hook.scope, destination: listed.hook.destination, active: listed.hook.isActive,
                status: listed.status, pointsHere: here, deliveries24h: here ? seen.reduce(0) { $0 + $1.deliveries } : nil,
                lastDeliveryAt: seen.map(\.lastReceivedAt).max().map(StatusReport.format))
        }.sorted { ($0.pointsHere ? 0 : 1, $0.scope, $0.id) < ($1.pointsHere ? 0 : 1, $1.scope, $1.id) }
        let active = Set(status.hooks.filter { $0.pointsHere && $0.active }.map(\.scope))
        status.missingScopes = WebhookScope.scopesToRegister(channelIDs: channelIDs).filter { !active.contains($0) }
        status.blockedDomains = admin.admin.blockedDomains.map { domain in
            .init(
                destination: domain.destination, secondsLeft: domain.timeLeft,
                reasons: domain.reasons.map { "\($0.failureDescription ?? "unknown failure") ×\($0.count ?? 1)" })
        }
        return status
    }

    /// The storefronts' channels, as resolved (or as declared until then; channel 1 by default).
    private var channelIDs: [Int] {
        let ids = storefronts.resolved?.map(\.channelID) ?? storefronts.declared.map { $0.channelID ?? 1 }
        return Array(Set(ids)).sorted()
    }

    private func read(now: Date) async throws -> (at: Date, admin: HooksAdmin) {
        if let cached = cached.withLock({ $0 }), now.timeIntervalSince(cached.at) < Self.cacheSeconds { return cached }
        guard let subscriptions else {
            throw DashboardError(.unavailable, code: "no_bigcommerce", message: "no BigCommerce client is configured")
        }
        let fresh = (at: now, admin: try await subscriptions.hooksAdmin())
        cached.withLock { $0 = fresh }
        return fresh
    }
}
