import ArgumentParser
import BigCommerceAPI
import Foundation
import Server
import SyncEngine

/// `clerkbridge storefront`: the tracking script on the store's storefronts.
struct StorefrontCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storefront",
        abstract: "Manage clerkbridge's tracking script on the storefronts.",
        subcommands: [Install.self])

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install CLERKBRIDGE_PUBLIC_URL/storefront.js on each storefront channel, idempotently.",
            discussion: """
                One script named `clerkbridge` per channel of the declared storefronts: deferred, in the footer, \
                on all pages (so the order confirmation page reports purchases), consent category analytics, \
                removed when the app is uninstalled. Without the Checkout Content scope it falls back to \
                storefront pages only. Needs the store_v2_content scope and CLERKBRIDGE_PUBLIC_URL (https). \
                Set BIGCOMMERCE_CLIENT_ID so the script can identify logged-in customers. Exit status 2 without a \
                public URL, with a non-https one (unless --allow-http), or when BigCommerce refuses the token or scope.
                """)

        @OptionGroup var options: GlobalOptions
        @Flag(help: """
            Allow an http:// public URL (only a sandbox or a local proxy; browsers block it on https storefronts).
            """)
        var allowHTTP = false

        func run() async throws {
            try await runCommand {
                for line in try await Self.install(settings: try options.settings(), allowHTTP: allowHTTP) {
                    Swift.print(line)
                }
            }
        }

        /// Installs or updates the script of every storefront channel; returns the lines to print.
        static func install(settings: Settings, allowHTTP: Bool) async throws -> [String] {
            guard settings.publicURL != nil else {
                throw CommandFailure.couldNotStart(
                    "CLERKBRIDGE_PUBLIC_URL (server.public_url) is required: it is where storefronts load the script "
                        + "from")
            }
            let base = settings.effectivePublicURL
            if !allowHTTP, URL(string: base)?.scheme != "https" {
                throw CommandFailure.couldNotStart(
                    "CLERKBRIDGE_PUBLIC_URL (server.public_url) must be https for storefronts to load the script "
                        + "(use --allow-http only for a sandbox)")
            }
            var seen = Set<Int>()
            let channels = settings.storefronts.map { $0.channelID ?? 1 }.filter { seen.insert($0).inserted }
            return try await Runtime.using(settings) { runtime in
                let outcomes: [StorefrontScriptInstaller.Outcome]
                do {
                    let installer = StorefrontScriptInstaller(client: runtime.bigCommerce)
                    outcomes = try await installer.install(channelIDs: channels) {
                        Self.scriptURL(base: base, channelID: $0)
                    }
                } catch let error as BigCommerceError where [401, 403, 404].contains(error.httpStatus ?? 0) {
                    throw CommandFailure.couldNotStart("\(error) (the Scripts API needs the store_v2_content scope)")
                }
                var lines = outcomes.map { outcome in
                    "\(outcome.action.rawValue)\tchannel \(outcome.channelID)\t\(outcome.uuid)\t\(outcome.visibility)\t"
                        + Self.scriptURL(base: base, channelID: outcome.channelID)
                }
                let limited = outcomes.filter(\.lacksCheckoutScope).map { String($0.channelID) }
                if !limited.isEmpty {
                    lines.append(
                        "note: BigCommerce refused visibility all_pages on channel \(limited.joined(separator: ", ")) "
                            + "(the API account lacks the Checkout Content scope); the script runs on storefront pages "
                            + "only, so purchases will come from order webhooks only")
                }
                let counts = Dictionary(grouping: outcomes, by: \.action).mapValues(\.count)
                if counts[.unchanged] == outcomes.count {
                    lines.append("\(outcomes.count) channels: already installed, nothing changed")
                } else {
                    lines.append("\(outcomes.count) channels: "
                        + [StorefrontScriptInstaller.Action.created, .updated, .unchanged]
                        .map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
                }
                return lines
            }
        }

        /// `{public_url}/storefront.js?channel_id=N`.
        static func scriptURL(base: String, channelID: Int) -> String {
            "\(base)\(StorefrontScriptRoute.path)?channel_id=\(channelID)"
        }
    }
}
