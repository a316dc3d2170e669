import Dashboard
import Foundation
import Reliability
import Server
import SyncEngine

/// Wires the operator's dashboard that `serve` answers under `/admin`: its access (the admin and read-only tokens),
/// the overview with readiness, dead-letter replay against the resolved storefronts, the job desk waking this
/// process's worker, and the webhook status read from BigCommerce.
enum DashboardServing {
    /// The `/admin` routes over `runtime`; `readiness` is what `/readyz` answers, `signal` wakes the worker.
    static func routes(runtime: Runtime, readiness: any ReadinessProbe, signal: WorkSignal?) -> AdminRoutes {
        let settings = runtime.settings
        let mask = SecretMask(secrets: settings.secrets)
        let store = runtime.store
        let replay: DeadLetterDesk.Replay = { letters in
            guard let targets = runtime.storefronts.resolved else {
                throw DashboardError(
                    .unavailable, code: "storefronts_not_resolved",
                    message: "the storefronts are not resolved from the store yet (BigCommerce or Clerk did not answer at start); replay once they do")
            }
            let replayer = DeadLetterReplayer(
                reader: runtime.reader(), writer: runtime.writer(), store: store, jobs: store, events: store, logger: runtime.logger)
            let outcomes = try await replayer.replay(letters, targets: targets)
            signal?.notify()
            return outcomes
        }
        return AdminRoutes(
            access: AdminAccess(
                adminToken: settings.adminToken, readOnlyToken: settings.adminReadOnlyToken,
                secureCookies: settings.effectivePublicURL.hasPrefix("https://")),
            overview: OverviewReader(
                store: store, storefronts: runtime.storefronts, health: runtime.health, readiness: { await readiness.problems() }),
            letters: DeadLetterDesk(store: store, replay: replay, mask: mask),
            jobs: JobDesk(store: store, signal: signal, mask: mask),
            webhooks: WebhookStatusReader(
                subscriptions: runtime.bigCommerce, store: store, storefronts: runtime.storefronts,
                destination: settings.effectivePublicURL + WebhooksCommand.path, mask: mask),
            storefronts: runtime.storefronts, store: store, pages: DashboardPages())
    }
}
