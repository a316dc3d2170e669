import ArgumentParser
import Foundation
import Logging
import Sandbox
import ServiceLifecycle
import Synchronization

/// `clerkbridge sandbox start` (and plain `clerkbridge sandbox`): the simulated BigCommerce and Clerk servers, for
/// trying clerkbridge out and for benchmarks.
struct SandboxStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Run the sandbox BigCommerce and Clerk servers on loopback and print their URLs and keys (the default).",
        discussion: "Runs until SIGINT or SIGTERM (exit status 0). The printed environment and config point clerkbridge at it.")

    @Option(help: "Products in the seeded catalog.") var products = 200
    @Option(help: "Catalog seed.") var seed: UInt64 = 42
    @Option(help: "BigCommerce sandbox port (0 = any free port).") var bigcommercePort = 0
    @Option(help: "Clerk sandbox port (0 = any free port).") var clerkPort = 0
    @Option(help: "BigCommerce requests per window (default: no quota pressure).") var quota: Int?
    @Option(help: "BigCommerce rate-limit window in milliseconds.") var windowMs = 30_000
    @Option(help: ArgumentHelp(
        "How long BigCommerce takes to answer, in milliseconds: per request, optionally plus per item asked for.",
        discussion: "e.g. 100 or 100+1.5 (100 ms per request + 1.5 ms per item of its limit: a page of 250 takes 475 ms).",
        valueName: "ms[+ms-per-item]"))
    var latency: String?
    @Option(help: "Also write a clerkbridge config file for the sandbox here.") var writeConfig: String?
    @Option(help: "The storefronts' base_url in the config: the origin of a local test page allowed to call serve.")
    var baseURL = SandboxConfigFile.defaultBaseURL
    @Option(help: "Client secret that signs webhook deliveries (Standard Webhooks headers).")
    var webhookClientSecret = SandboxConfiguration.defaultWebhookClientSecret
    @Flag(help: "Do not print what the Clerk sandbox receives.") var quiet = false

    func validate() throws {
        guard products >= 0 else { throw ValidationError("--products must be 0 or more") }
        if let quota, quota < 1 { throw ValidationError("--quota must be at least 1") }
        guard windowMs >= 100 else { throw ValidationError("--window-ms must be at least 100") }
        if let latency, Self.parseLatency(latency) == nil {
            throw ValidationError("--latency must be milliseconds per request, optionally +milliseconds per item (e.g. 100 or 100+1.5), not '\(latency)'")
        }
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false else {
            throw ValidationError("--base-url must be an http(s) URL like http://127.0.0.1:8000")
        }
    }

    func run() async throws {
        var configuration = SandboxConfiguration(
            seed: seed, productCount: products, bigCommercePort: bigcommercePort, clerkPort: clerkPort,
            rateLimitWindow: .milliseconds(windowMs))
        if let quota { configuration.rateLimitQuota = quota }
        if let latency = latency.flatMap(Self.parseLatency) { configuration.bigCommerceLatency = latency }
        configuration.webhookClientSecret = webhookClientSecret
        configuration.allowInsecureWebhookDestinations = true
        var logger = Logger(label: "clerkbridge.sandbox")
        logger.logLevel = .warning
        let sandbox = try await SandboxServer.start(configuration, logger: logger)
        let config = SandboxConfigFile(sandbox: sandbox, baseURL: baseURL).text
        if let writeConfig {
            do {
                try config.write(toFile: writeConfig, atomically: true, encoding: .utf8)
            } catch {
                await sandbox.shutdown()
                FileHandle.standardError.write(Data("error: cannot write the config file \(writeConfig): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
        }
        // A product whose price and stock show as they are set: one variant without a price of its own, no sale price.
        let example = sandbox.store.allProducts().first {
            $0.channels.contains(1) && $0.isVisible && $0.inventoryTracking == "product" && $0.inventoryLevel > 0
                && $0.salePrice == 0
                && $0.variants.count == 1 && $0.variants[0].price == nil
        }?.id ?? SandboxCatalog.firstProductID
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
            What the Clerk sandbox receives is shown below (--quiet hides it).
            Drive it from another terminal (each change delivers its webhooks to the hooks registered here):
              clerkbridge sandbox products\(writeConfig.map { " --config \($0)" } ?? "")
              clerkbridge sandbox price --product \(example) --to 19.99\(writeConfig.map { " --config \($0)" } ?? "")
            Ctrl-C stops the sandbox.

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        if !quiet {
            let clock = DateFormatter()
            clock.dateFormat = "HH:mm:ss"
            let format = Mutex(clock)
            sandbox.clerkStorage.observe { activity in
                guard let line = SandboxActivityLog.line(activity) else { return }
                let time = format.withLock { $0.string(from: Date()) }
                FileHandle.standardOutput.write(Data("\(time) \(line)\n".utf8))
            }
        }
        let service = SandboxService(sandbox: sandbox)
        try await ServiceGroup(configuration: .init(
            services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
    }

    /// `100` or `100+1.5`: milliseconds per request, and optionally per item asked for; nil when not that.
    static func parseLatency(_ text: String) -> SandboxLatency? {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        var milliseconds: [Double] = []
        for part in parts {
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0, value <= 60_000 else {
                return nil
            }
            milliseconds.append(value)
        }
        return SandboxLatency(
            perRequest: .microseconds(Int64((milliseconds[0] * 1000).rounded())),
            perItem: .microseconds(Int64(((milliseconds.count > 1 ? milliseconds[1] : 0) * 1000).rounded())))
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
}
