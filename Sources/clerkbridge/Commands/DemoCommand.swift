import ArgumentParser
import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine

/// `clerkbridge demo`: the whole pipeline on the sandbox, checked step by step.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline on the built-in sandbox and check every step.",
        discussion: """
            Starts the sandbox BigCommerce and Clerk on loopback, reindexes a seeded catalog into four \
            storefronts (two channels; USD, EUR by exchange rate, GBP by price list, and a German one whose names \
            and descriptions come from BigCommerce's translations), shows a product Clerk \
            refuses landing in the dead letters and a replay fixing it, verifies every Clerk store, \
            reindexes again to show that unchanged documents are not re-sent, then runs `serve` with its \
            worker, registers the store's webhooks and shows a price change, stock to zero, a delete, a \
            channel unassignment and a new product each arriving in Clerk. Then a shopper browses, adds to cart, \
            logs in and buys: the storefront events go to /v1/events, the order webhooks to the sale logger, and \
            the Clerk calls that resulted are printed. Then every placement is served for that shopper's pages \
            as cards in the storefront's currency, and an email block for them is written to a file. It ends with \
            `validate` for every market. Exit \
            status 0 when every step checked out; 1 when one did not (listed).
            """)

    @Option(help: "Products in the seeded catalog.") var products = 1_000
    @Option(help: "Catalog seed.") var seed: UInt64 = 42

    func run() async throws {
        let checks = DemoChecks()
        var sandboxLogger = Logger(label: "clerkbridge.sandbox")
        sandboxLogger.logLevel = .error
        var sandboxConfiguration = SandboxConfiguration(seed: seed, productCount: products)
        sandboxConfiguration.allowInsecureWebhookDestinations = true
        sandboxConfiguration.clerkStores = SandboxClerkStore.defaults + [SandboxClerkStore.german]
        let sandbox = try await SandboxServer.start(sandboxConfiguration, logger: sandboxLogger)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerkbridge-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let settings = Settings.sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("clerkbridge.sqlite").path)")
        let runtime = try await Runtime(settings: settings, retry: RetryPolicy(base: .milliseconds(100), cap: .seconds(2), maxAttempts: 5))
        defer { try? FileManager.default.removeItem(at: directory) }

        do {
            try await demo(sandbox: sandbox, runtime: runtime, checks: checks)
        } catch {
            checks.fail("the demo stopped: \(error)")
        }
        await runtime.shutdown()
        await sandbox.shutdown()
        print("")
        print(checks.failures.isEmpty ? "demo: every step checked out" : "demo: \(checks.failures.count) step(s) failed")
        for failure in checks.failures { print("  ✗ \(failure)") }
        if !checks.failures.isEmpty { throw ExitCode(1) }
    }

    private func demo(sandbox: SandboxServer, runtime: Runtime, checks: DemoChecks) async throws {
        print("Sandbox BigCommerce at \(sandbox.bigCommerceURL) (store \(sandbox.storeHash), \(products) products, channels 1 and 2)")
        print("Sandbox Clerk at \(sandbox.clerkURL) with stores: \(sandbox.clerkStores.map { "\($0.name) (channel \($0.channelID), \($0.currency))" }.joined(separator: ", "))")

        let targets = try await runtime.targets(only: nil)
        let refused = try await refusedProduct(sandbox: sandbox, runtime: runtime, storefront: targets[0])
        sandbox.clerkFaults.configure { $0.rejectedProductIDs = [refused] }
        print("\n1. Reindex (Clerk will refuse product \(refused) in every store with a ParsingError)")
        let first = try await ReindexCommand.reindex(runtime: runtime, storefront: nil, progress: ProgressReporter(isTerminal: false, interval: 2))
        try ReindexSummary(report: first).print(json: false)
        let listed = first.storefronts.map(\.products.seen).reduce(0, +)
        let held = sandbox.clerkStores.map { sandbox.clerkStorage.products(publicKey: $0.publicKey).count }.reduce(0, +)
        checks.expect(first.storefronts.allSatisfy { $0.crawlCompleted }, "the crawl completed")
        checks.expect(held == listed - first.storefronts.map(\.products.failed).reduce(0, +),
                      "Clerk holds every listed product but the refused one (\(held) documents)")
        let seconds = max(first.storefronts.first?.seconds ?? 0, 0.001)
        print(String(format: "   %d documents in %.1f s (%.0f documents/s with this build; release figures are in BENCHMARKS.md)",
                     listed, seconds, Double(listed) / seconds))

        print("\n2. Dead letters")
        let letters = try await runtime.store.deadLetters(includeResolved: false)
        for letter in letters {
            print("   #\(letter.id) \(letter.storefront ?? "-") \(letter.kind) \(letter.entityID): \(letter.error.prefix(100))")
        }
        checks.expect(letters.count == first.storefronts.filter { $0.products.failed > 0 }.count && letters.allSatisfy { $0.entityID == String(refused) },
                      "exactly the refused product is dead-lettered, once per storefront that lists it")
        if let letter = letters.first {
            let payload = String(decoding: letter.requestPayload ?? [], as: UTF8.self)
            checks.expect(payload.contains("\"id\":\(refused)") && !payload.contains(targets[0].clerkKeys.privateKey),
                          "the dead letter keeps the request payload, private key masked")
        }

        print("\n3. Clerk accepts it again; dlq replay --all")
        sandbox.clerkFaults.configure { $0.rejectedProductIDs = [] }
        let stillFailing = try await DeadLetterCommand.replay(runtime: runtime, id: nil)
        checks.expect(stillFailing == 0, "the replay resolved every dead letter")

        print("\n4. Verify every Clerk store against the mapping of the catalog")
        let verified = try await VerifyCommand.verify(runtime: runtime, storefront: nil)
        try VerifyCommand.print(verified, json: false)
        checks.expect(verified.ok, "every Clerk store matches mapping.md")

        print("\n5. Reindex again: nothing changed, so nothing is sent")
        let second = try await ReindexCommand.reindex(runtime: runtime, storefront: nil, progress: ProgressReporter(isTerminal: false, interval: 2))
        try ReindexSummary(report: second).print(json: false)
        checks.expect(second.ok && second.storefronts.allSatisfy { $0.products.pushed == 0 && $0.categories.pushed == 0 },
                      "an unchanged catalog pushes no document")

        try await WebhookDeltaDemo(sandbox: sandbox, runtime: runtime, targets: targets, checks: checks).run()
        let shopper = try await ShopperTrackingDemo(sandbox: sandbox, runtime: runtime, targets: targets, checks: checks).run()
        try await StorefrontDemo(sandbox: sandbox, runtime: runtime, targets: targets, checks: checks, shopper: shopper).run()

        print("\n9. A sample document (storefront \(targets[0].name))")
        let stored = sandbox.clerkStorage.products(publicKey: targets[0].clerkKeys.publicKey)
        let sample = stored.keys.sorted().lazy.compactMap { id -> String? in
            let text = String(decoding: stored[id] ?? [], as: UTF8.self)
            return text.contains("variant_ids") && text.contains("on_sale\":true") ? text : nil
        }.first ?? stored.values.first.map { String(decoding: $0, as: UTF8.self) } ?? "(none)"
        print(Self.pretty(sample))

        try await ShopperHistoryDemo(sandbox: sandbox, runtime: runtime, targets: targets, checks: checks).run()

        try await germanStorefront(sandbox: sandbox, targets: targets, checks: checks)

        print("\n12. validate: every market as its shoppers see it")
        let report = try await ValidateCommand.validate(runtime: runtime, storefront: nil)
        try ValidateCommand.print(report, json: false)
        checks.expect(report.ok, "validate passes for every market (\(report.storefronts.map(\.name).joined(separator: ", ")))")
    }

    /// Shows the German storefront's names next to the euro storefront's on the same channel.
    private func germanStorefront(sandbox: SandboxServer, targets: [ResolvedStorefront], checks: DemoChecks) async throws {
        guard let german = targets.first(where: { $0.language.translationLocale != nil }),
            let euro = targets.first(where: { $0.channelID == german.channelID && $0.language == .catalogText })
        else {
            checks.fail("the demo has a German storefront and a default-language one on its channel")
            return
        }
        print("\n11. The German storefront \(german.name) (channel \(german.channelID), locale \(german.locale)): names from BigCommerce's translations")
        let germanDocuments = sandbox.clerkStorage.products(publicKey: german.clerkKeys.publicKey)
        let euroDocuments = sandbox.clerkStorage.products(publicKey: euro.clerkKeys.publicKey)
        var translated = 0
        var shown = 0
        for id in germanDocuments.keys.sorted() {
            guard let mine = germanDocuments[id].flatMap({ try? ClerkDocument(json: $0) }),
                let theirs = euroDocuments[id].flatMap({ try? ClerkDocument(json: $0) }),
                case .string(let name)? = mine.attributes["name"], case .string(let english)? = theirs.attributes["name"]
            else { continue }
            let expected = sandbox.store.translations.translation(
                channelID: german.channelID, locale: german.locale, productID: id, field: .name) ?? english
            if name == expected, name != english { translated += 1 }
            if shown < 4 {
                print("   #\(id) \(euro.name): \(english)  →  \(german.name): \(name)")
                shown += 1
            }
            if name != expected { checks.fail("product \(id) in \(german.name) is \"\(name)\", not \"\(expected)\"") }
        }
        checks.expect(translated > 0, "\(translated) of \(germanDocuments.count) products carry their German name; the rest fall back to the catalog's")
    }

    /// A product listed in `storefront` with variants, to be refused by Clerk.
    private func refusedProduct(sandbox: SandboxServer, runtime: Runtime, storefront: ResolvedStorefront) async throws -> Int {
        sandbox.store.allProducts().first {
            $0.channels.contains(storefront.storefront.channelID) && $0.variants.count > 1 && $0.isVisible
        }?.id ?? SandboxCatalog.firstProductID
    }

    private static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The demo's step checks, printed as they happen.
final class DemoChecks: @unchecked Sendable {
    private(set) var failures: [String] = []

    func expect(_ condition: Bool, _ what: String) {
        print("   \(condition ? "✓" : "✗") \(what)")
        if !condition { failures.append(what) }
    }

    func fail(_ what: String) {
        print("   ✗ \(what)")
        failures.append(what)
    }

    /// Polls `condition` every 20 ms until it holds or `seconds` pass (a demo watches live work; it is not a test).
    func eventually(seconds: Int, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

extension Settings {
    /// Settings pointing at a running sandbox, one storefront per sandbox Clerk store, quiet logs.
    static func sandbox(_ sandbox: SandboxServer, databaseURL: String) -> Settings {
        var settings = Settings(
            bigCommerce: BigCommerceCredentials(storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL),
            clientSecret: sandbox.clientSecret, webhookSecret: nil, clerkAPIURL: sandbox.clerkURL, clerkBatchSize: 250,
            storefronts: sandbox.clerkStores.map {
                DeclaredStorefront(name: $0.name, channelID: $0.channelID, currency: $0.currency, locale: $0.locale,
                                   clerkKeys: ClerkStoreKeys(publicKey: $0.publicKey, privateKey: $0.privateKey))
            },
            databaseURL: databaseURL, host: "127.0.0.1", port: 8080, publicURL: nil, adminToken: nil,
            logLevel: .error, logFormat: .text, warnings: [])
        // Imports run when a test or the demo asks for them, never by themselves behind its back.
        settings.importHistoryOnStart = false
        return settings
    }
}
