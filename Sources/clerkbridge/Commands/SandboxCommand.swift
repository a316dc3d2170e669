import ArgumentParser
import Foundation
import Logging
import Sandbox
import ServiceLifecycle

/// `clerkbridge sandbox`: the simulated BigCommerce and Clerk servers, for trying clerkbridge out and for benchmarks.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox BigCommerce and Clerk servers on loopback and print their URLs and keys.",
        discussion: """
            Runs until SIGINT or SIGTERM (exit status 0). The printed environment and config point clerkbridge at it.
            """)

    @Option(help: "Products in the seeded catalog.") var products = 200
    @Option(help: "Catalog seed.") var seed: UInt64 = 42
    @Option(help: "BigCommerce sandbox port (0 = any free port).") var bigcommercePort = 0
    @Option(help: "Clerk sandbox port (0 = any free port).") var clerkPort = 0
    @Option(help: "BigCommerce requests per window (default: no quota pressure).") var quota: Int?
    @Option(help: "BigCommerce rate-limit window in milliseconds.") var windowMs = 30_000
    @Option(help: "Also write a clerkbridge config file for the sandbox here.") var writeConfig: String?
    @Option(help: "Client secret that signs webhook deliveries (Standard Webhooks headers).")
    var webhookClientSecret = SandboxConfiguration.defaultWebhookClientSecret

    func validate() throws {
        guard products >= 0 else { throw ValidationError("--products must be 0 or more") }
        if let quota, quota < 1 { throw ValidationError("--quota must be at least 1") }
        guard windowMs >= 100 else { throw ValidationError("--window-ms must be at least 100") }
    }

    func run() async throws {
        var configuration = SandboxConfiguration(
            seed: seed, productCount: products, bigCommercePort: bigcommercePort, clerkPort: clerkPort,
            rateLimitWindow: .milliseconds(windowMs))
        if let quota { configuration.rateLimitQuota = quota }
        configuration.webhookClientSecret = webhookClientSecret
        configuration.allowInsecureWebhookDestinations = true
        var logger = Logger(label: "clerkbridge.sandbox")
        logger.logLevel = .warning
        let sandbox = try await SandboxServer.start(configuration, logger: logger)
        let config = Self.configFile(for: sandbox)
        if let writeConfig {
            try config.write(toFile: writeConfig, atomically: true, encoding: .utf8)
        }
        let banner = """
            BigCommerce sandbox: \(sandbox.bigCommerceURL)/stores/\(sandbox.storeHash)  (\(products) products)
            Clerk sandbox:       \(sandbox.clerkURL)
            These are sandbox credentials, not secrets:
            export BIGCOMMERCE_API_URL=\(sandbox.bigCommerceURL)
            export BIGCOMMERCE_STORE_HASH=\(sandbox.storeHash)
            export BIGCOMMERCE_ACCESS_TOKEN=\(sandbox.accessToken)
            export CLERK_API_URL=\(sandbox.clerkURL)
            export BIGCOMMERCE_CLIENT_SECRET=\(webhookClientSecret)
            \(writeConfig.map { "Config file written to \($0); run e.g. clerkbridge reindex --config \($0)" } ?? "Config file (save it and pass --config):\n\(config)")
            Ctrl-C stops the sandbox.

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        let service = SandboxService(sandbox: sandbox)
        try await ServiceGroup(configuration: .init(
            services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
    }

    /// The running sandbox as a swift-service-lifecycle service: SIGINT or SIGTERM stops it and prints what its
    /// BigCommerce served.
    struct SandboxService: Service {
        let sandbox: SandboxServer

        func run() async throws {
            try? await gracefulShutdown()
            let counters = sandbox.bigCommerceFaults.counters
            FileHandle.standardOutput.write(Data(
                "BigCommerce sandbox requests: \(counters.totalRequests), 429s served: \(counters.quotaExhausted)\n".utf8))
            await sandbox.shutdown()
        }
    }

    /// A clerkbridge config file whose storefronts are the sandbox's Clerk stores.
    static func configFile(for sandbox: SandboxServer) -> String {
        var lines = [
            "bigcommerce:",
            "  store_hash: \(sandbox.storeHash)",
            "  access_token: \(sandbox.accessToken)",
            "  api_url: \(sandbox.bigCommerceURL)",
            "clerk:",
            "  api_url: \(sandbox.clerkURL)",
            "storefronts:",
        ]
        for store in sandbox.clerkStores {
            lines += [
                "  - name: \(store.name)",
                "    channel_id: \(store.channelID)",
                "    currency: \(store.currency)",
                "    clerk_public_key: \(store.publicKey)",
                "    clerk_private_key: \(store.privateKey)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
