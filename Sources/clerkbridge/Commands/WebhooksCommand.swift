import ArgumentParser
import BigCommerceAPI
import Foundation
import SyncEngine

/// `clerkbridge webhooks`: the store's webhook subscriptions for CLERKBRIDGE_PUBLIC_URL.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Manage the store's webhook subscriptions to CLERKBRIDGE_PUBLIC_URL/webhooks/bigcommerce.",
        subcommands: [Register.self, List.self, Status.self])

    static let path = "/webhooks/bigcommerce"

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe every scope clerkbridge needs, idempotently, with the shared-secret header.",
            discussion: """
                Needs CLERKBRIDGE_PUBLIC_URL (BigCommerce delivers only to https on port 443) and \
                BIGCOMMERCE_WEBHOOK_SECRET, which BigCommerce then sends as X-Clerkbridge-Webhook-Secret. \
                Running it again re-activates switched-off hooks and updates a rotated secret. Exit status 2 \
                without a public URL or webhook secret, or a public URL BigCommerce does not deliver to.
                """)

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Allow an http:// or non-443 public URL (only a sandbox or a local proxy accepts it).")
        var allowHTTP = false

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                guard let secret = settings.webhookSecret else {
                    throw CommandFailure.couldNotStart(
                        "BIGCOMMERCE_WEBHOOK_SECRET (bigcommerce.webhook_secret) is required: registration sets it as the X-Clerkbridge-Webhook-Secret header")
                }
                guard settings.publicURL != nil else {
                    throw CommandFailure.couldNotStart("CLERKBRIDGE_PUBLIC_URL (server.public_url) is required: it is where BigCommerce delivers")
                }
                let destination = settings.effectivePublicURL + WebhooksCommand.path
                if !allowHTTP, let url = URL(string: destination), url.scheme != "https" || (url.port ?? 443) != 443 {
                    throw CommandFailure.couldNotStart(
                        "CLERKBRIDGE_PUBLIC_URL (server.public_url) must be https on port 443 for BigCommerce to deliver (use --allow-http only for a sandbox)")
                }
                try await Runtime.using(settings) { runtime in
                    let targets = try await runtime.targets(only: nil)
                    let scopes = WebhookScope.scopesToRegister(channelIDs: targets.map(\.storefront.channelID))
                    let outcomes = try await WebhookRegistrar(client: runtime.bigCommerce).register(
                        scopes: scopes, destination: destination, headers: [WebhookAuthenticator.sharedSecretHeader: secret])
                    for outcome in outcomes {
                        Swift.print("\(outcome.action.rawValue)\t\(outcome.hookID)\t\(outcome.scope)")
                    }
                    let counts = Dictionary(grouping: outcomes, by: \.action).mapValues(\.count)
                    Swift.print("\(outcomes.count) scopes to \(destination): "
                        + [WebhookRegistrar.Action.created, .reactivated, .updated, .unchanged]
                        .map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List this API account's hooks.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await runCommand {
                try await Runtime.using(try options.settings()) { runtime in
                    let hooks = try await runtime.bigCommerce.hooks()
                    if hooks.isEmpty { Swift.print("no hooks; run `clerkbridge webhooks register`") }
                    for hook in hooks.sorted(by: { ($0.scope, $0.id) < ($1.scope, $1.id) }) {
                        Swift.print("\(hook.id)\t\(hook.isActive ? "active" : "inactive")\t\(hook.scope)\t\(hook.destination)")
                    }
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show deactivated hooks and blocked domains, and re-activate hooks BigCommerce switched off.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                let destination = settings.effectivePublicURL + WebhooksCommand.path
                try await Runtime.using(settings) { runtime in
                    let admin = try await runtime.bigCommerce.hooksAdmin()
                    let ours = admin.hooks.filter { $0.hook.destination == destination }
                    Swift.print("hooks to \(destination): \(ours.count) (\(ours.filter { !$0.isDeactivated }.count) active)")
                    for listed in ours where listed.isDeactivated {
                        Swift.print("deactivated\t\(listed.hook.id)\t\(listed.hook.scope)")
                    }
                    if admin.blockedDomains.isEmpty { Swift.print("blocked domains: none") }
                    for domain in admin.blockedDomains {
                        let reasons = domain.reasons.map { "\($0.failureDescription ?? "?") ×\($0.count ?? 0)" }.joined(separator: "; ")
                        Swift.print("blocked\t\(domain.destination)\t\(domain.timeLeft.map { "\($0) s left" } ?? "")\t\(reasons)")
                    }
                    let reactivated = try await WebhookRegistrar(client: runtime.bigCommerce).reactivate(destination: destination)
                    for hook in reactivated { Swift.print("re-activated\t\(hook.id)\t\(hook.scope)") }
                    if ours.isEmpty { Swift.print("no hooks point here; run `clerkbridge webhooks register`") }
                }
            }
        }
    }
}
