import Foundation
import Sandbox

/// The clerkbridge config file for a running sandbox: its BigCommerce and Clerk, one storefront per sandbox Clerk
/// store, and what `serve`, `webhooks register` and a local test page need, so the file alone is enough.
struct SandboxConfigFile {
    /// The storefronts' default `base_url`: where a local test page would be served (`python3 -m http.server 8000`).
    static let defaultBaseURL = "http://127.0.0.1:8000"
    /// The shared secret `webhooks register` sets as the hooks' header (it only ever opens a local `serve`).
    static let webhookSecret = "sandbox-webhook-secret"
    /// Where `serve` listens by default, and so where the sandbox's hooks deliver.
    static let publicURL = "http://127.0.0.1:8080"

    let sandbox: SandboxServer
    /// Every storefront's `base_url`.
    var baseURL = defaultBaseURL
    /// The database: a new file per sandbox, since each sandbox's Clerk starts empty and a ledger left from an
    /// earlier one would claim documents it does not hold.
    var databaseURL = "sqlite:" + FileManager.default.temporaryDirectory
        .appendingPathComponent("clerkbridge-sandbox-\(UUID().uuidString.prefix(8).lowercased()).sqlite").path

    /// The file's YAML.
    var text: String {
        var lines = [
            "# clerkbridge config for the sandbox at \(sandbox.bigCommerceURL); its ports change when it restarts,",
            "# so write this file again then (clerkbridge sandbox --write-config FILE).",
            "bigcommerce:",
            "  store_hash: \(sandbox.storeHash)",
            "  access_token: \(sandbox.accessToken)",
            "  api_url: \(sandbox.bigCommerceURL)",
            "  # The sandbox signs its webhooks with the client secret; `webhooks register` sets the webhook secret",
            "  # as the hooks' header.",
        ]
        if let secret = sandbox.clientSecret, !secret.isEmpty { lines.append("  client_secret: \(secret)") }
        lines += [
            "  webhook_secret: \(Self.webhookSecret)",
            "clerk:",
            "  api_url: \(sandbox.clerkURL)",
            "# A new database: this sandbox's Clerk starts empty.",
            "database_url: \(databaseURL)",
            "server:",
            "  # serve's default address, where the sandbox delivers webhooks.",
            "  public_url: \(Self.publicURL)",
            "# base_url: the origin of a local test page allowed to call serve (CORS); a real store's is its site's URL.",
            "storefronts:",
        ]
        for store in sandbox.clerkStores {
            lines += [
                "  - name: \(store.name)",
                "    channel_id: \(store.channelID)",
                "    currency: \(store.currency)",
            ]
            if let locale = store.locale { lines.append("    locale: \(locale)") }
            lines += [
                "    base_url: \(baseURL)",
                "    clerk_public_key: \(store.publicKey)",
                "    clerk_private_key: \(store.privateKey)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
