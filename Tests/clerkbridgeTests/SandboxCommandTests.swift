import ArgumentParser
import Foundation
import JSONSupport
import Logging
import Sandbox
import Testing

@testable import clerkbridge

/// `clerkbridge sandbox`: the servers by default, the subcommands that drive a running sandbox (their arguments,
/// where they find it, what they print and how they fail), and the config file it writes.
@Suite("sandbox command")
struct SandboxCommandTests {
    @Test func withoutASubcommandItStartsTheServers() throws {
        let start = try #require(try Clerkbridge.parseAsRoot(["sandbox", "--products", "5", "--write-config", "sb.yaml"]) as? SandboxStartCommand)
        #expect(start.products == 5 && start.writeConfig == "sb.yaml" && start.baseURL == "http://127.0.0.1:8000")
        #expect(try Clerkbridge.parseAsRoot(["sandbox"]) is SandboxStartCommand)
        #expect(try Clerkbridge.parseAsRoot(["sandbox", "start", "--quiet"]) is SandboxStartCommand)
    }

    @Test func theLatencyIsPerRequestAndPerItem() throws {
        #expect(SandboxStartCommand.parseLatency("100+1.5") == SandboxLatency(perRequest: .milliseconds(100), perItem: .microseconds(1_500)))
        #expect(SandboxStartCommand.parseLatency("40") == SandboxLatency(perRequest: .milliseconds(40)))
        for bad in ["", "fast", "-1", "1+2+3", "100+"] { #expect(SandboxStartCommand.parseLatency(bad) == nil, "\(bad)") }
        #expect(throws: (any Error).self) { try Clerkbridge.parseAsRoot(["sandbox", "--latency", "slow"]) }
    }

    @Test func theSubcommandsReadAsTyped() throws {
        let price = try #require(
            try Clerkbridge.parseAsRoot(["sandbox", "price", "--product", "112", "--to", "19.99", "--url", "http://127.0.0.1:4000"])
                as? SandboxPriceCommand)
        #expect(price.product == 112 && price.to == "19.99" && price.sandbox.url == "http://127.0.0.1:4000")
        let stock = try #require(try Clerkbridge.parseAsRoot(["sandbox", "stock", "--product", "112", "--to", "0", "--json"]) as? SandboxStockCommand)
        #expect(stock.to == 0 && stock.variant == nil && stock.sandbox.json)
        let create = try #require(try Clerkbridge.parseAsRoot(["sandbox", "create", "--like", "112", "--name", "Trail lamp"]) as? SandboxCreateCommand)
        #expect(create.like == 112 && create.name == "Trail lamp" && create.price == nil)
        let unassign = try #require(try Clerkbridge.parseAsRoot(["sandbox", "unassign", "--product", "112", "--channel", "2"]) as? SandboxUnassignCommand)
        #expect(unassign.change.product == 112 && unassign.change.channel == 2)
        #expect(try Clerkbridge.parseAsRoot(["sandbox", "delete", "--product", "112", "--config", "sb.yaml"]) is SandboxDeleteCommand)
        #expect(try Clerkbridge.parseAsRoot(["sandbox", "assign", "--product", "112", "--channel", "2"]) is SandboxAssignCommand)
        #expect(try Clerkbridge.parseAsRoot(["sandbox", "products", "--after", "112"]) is SandboxProductsCommand)

        let order = try #require(try Clerkbridge.parseAsRoot([
            "sandbox", "order", "--product", "112", "--quantity", "2", "--product", "115", "--quantity", "1", "--customer", "2",
            "--cart", "c-1", "--status", "10",
        ]) as? SandboxOrderCommand)
        #expect(order.body == [
            "items": [["product_id": 112, "quantity": 2], ["product_id": 115, "quantity": 1]], "customer_id": 2, "cart_id": "c-1",
            "status_id": 10,
        ])
        let single = try #require(try Clerkbridge.parseAsRoot(["sandbox", "order", "--product", "112"]) as? SandboxOrderCommand)
        #expect(single.body == ["items": [["product_id": 112, "quantity": 1]]])
    }

    @Test func wrongInputIsAUsageErrorNamingTheFlag() {
        let cases: [([String], String)] = [
            (["price", "--product", "112", "--to", "-1"], "--to"),
            (["price", "--product", "112", "--to", "1e3"], "--to"),
            (["price", "--product", "112", "--to", "1.23456"], "--to"),
            (["price", "--product", "0", "--to", "1"], "--product"),
            (["price", "--to", "1"], "--product"),
            (["stock", "--product", "112", "--to", "-2"], "--to"),
            (["stock", "--product", "112", "--to", "many"], "--to"),
            (["create", "--name", "Lamp"], "--like"),
            (["create", "--name", " ", "--price", "3"], "--name"),
            (["create", "--name", "Lamp", "--price", "3", "--channel", "0"], "--channel"),
            (["order"], "--product"),
            (["order", "--product", "1", "--product", "2", "--quantity", "1"], "--quantity"),
            (["order", "--product", "1", "--quantity", "0"], "--quantity"),
            (["order", "--product", "1", "--status", "15"], "--status"),
            (["order", "--product", "1", "--customer", "1", "--email", "a@b.c"], "--email"),
            (["order", "--product", "1", "--currency", "euro"], "--currency"),
            (["unassign", "--product", "1", "--channel", "0"], "--channel"),
            (["products", "--limit", "0"], "--limit"),
            (["price", "--product", "1", "--to", "1", "--url", "https://api.bigcommerce.com"], "--url"),
            (["--base-url", "file:///tmp/page.html"], "--base-url"),
        ]
        for (arguments, flag) in cases {
            do {
                _ = try Clerkbridge.parseAsRoot(["sandbox"] + arguments)
                Issue.record("accepted: \(arguments)")
            } catch {
                #expect(Clerkbridge.exitCode(for: error) == .validationFailure, "\(arguments)")
                #expect(Clerkbridge.message(for: error).contains(flag), "\(arguments): \(Clerkbridge.message(for: error))")
            }
        }
    }

    @Test func theSandboxIsFoundByFlagThenEnvironmentThenConfigFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("sb.yaml").path
        try "bigcommerce:\n  api_url: http://127.0.0.1:5000/\n".write(toFile: config, atomically: true, encoding: .utf8)
        let empty = directory.appendingPathComponent("empty.yaml").path
        try "clerk:\n  api_url: http://127.0.0.1:5001/v2\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let environment = ["BIGCOMMERCE_API_URL": "http://localhost:6000", "CLERKBRIDGE_CONFIG": config]

        #expect(try SandboxLocation.find(url: "http://127.0.0.1:7000", config: config, environment: environment)
            == SandboxLocation(url: URL(string: "http://127.0.0.1:7000")!, source: "--url"))
        #expect(try SandboxLocation.find(url: nil, config: config, environment: environment).source == "BIGCOMMERCE_API_URL")
        let fromFile = try SandboxLocation.find(url: nil, config: nil, environment: ["CLERKBRIDGE_CONFIG": config])
        #expect(fromFile == SandboxLocation(url: URL(string: "http://127.0.0.1:5000")!, source: "bigcommerce.api_url in \(config)"))

        #expect(throws: SandboxControlFailure.self) { try SandboxLocation.find(url: nil, config: nil, environment: [:]) }
        let failures: [([String: String], String?, (SandboxControlFailure) -> Bool)] = [
            ([:], nil, { if case .usage(let message) = $0 { message.contains("--config") } else { false } }),
            (["BIGCOMMERCE_API_URL": "https://api.bigcommerce.com"], nil, {
                if case .unreachable(let message) = $0 { message.contains("BIGCOMMERCE_API_URL") } else { false }
            }),
            ([:], empty, { if case .unreachable(let message) = $0 { message.contains("bigcommerce.api_url") } else { false } }),
            ([:], directory.appendingPathComponent("missing.yaml").path, {
                if case .unreachable(let message) = $0 { message.contains("missing.yaml") } else { false }
            }),
        ]
        for (environment, config, expected) in failures {
            do throws(SandboxControlFailure) {
                _ = try SandboxLocation.find(url: nil, config: config, environment: environment)
                Issue.record("found a sandbox with \(environment) \(config ?? "")")
            } catch {
                #expect(expected(error), "\(error)")
            }
        }
    }

    @Test func anUnreachableSandboxIsNamedWithItsURLAndSource() async {
        let client = SandboxControlClient(location: SandboxLocation(url: URL(string: "http://127.0.0.1:9")!, source: "BIGCOMMERCE_API_URL"))
        do throws(SandboxControlFailure) {
            _ = try await client.send("GET", "/sandbox/products")
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable(let message) = error else {
                Issue.record("not unreachable: \(error)")
                return
            }
            #expect(message.contains("http://127.0.0.1:9") && message.contains("BIGCOMMERCE_API_URL"))
        }
    }

    @Test func theCommandsDriveARunningSandboxAndSayWhatHappened() async throws {
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(productCount: 40, allowInsecureWebhookDestinations: true), logger: quiet)
        let receiver = try await SandboxWebhookReceiver.start()
        do {
            let hook = receiver.url.appending(path: "webhooks/bigcommerce").absoluteString
            _ = try sandbox.webhooks.createHook(scope: "store/*", destination: hook)
            let product = try #require(sandbox.store.allProducts().first { $0.inventoryTracking == "product" && $0.channels.contains(1) })
            let client = SandboxControlClient(location: SandboxLocation(url: sandbox.bigCommerceURL, source: "--url"))

            let changed = SandboxControlReport.text(try await client.send("PATCH", "/sandbox/products/\(product.id)", body: ["price": .number("19.99")]))
            #expect(changed.hasPrefix("changed product \(product.id) \"\(product.name)\": price 19.99"), "\(changed)")
            #expect(changed.contains("store/product/updated → delivered to \(hook)"), "\(changed)")

            let order = try await client.send("POST", "/sandbox/orders", body: ["items": [["product_id": .int(product.id), "quantity": 3]]])
            let placed = SandboxControlReport.text(order)
            #expect(placed.contains("placed order \(order["order"]?["id"]?.intValue ?? 0): Awaiting Fulfillment (status 11)"), "\(placed)")
            #expect(placed.contains("3 × \(product.name)"), "\(placed)")
            #expect(placed.contains("store/cart/converted → delivered"), "\(placed)")

            let listed = SandboxControlReport.productTable(try await client.send("GET", "/sandbox/products?limit=2"))
            #expect(listed.hasPrefix("id") && listed.hasSuffix("2 of 40 products; next page: --after 103"), "\(listed)")

            do throws(SandboxControlFailure) {
                _ = try await client.send("PATCH", "/sandbox/products/1", body: ["price": 5], flags: ["product_id": "--product"])
                Issue.record("an unknown product was changed")
            } catch {
                #expect(error == .usage(
                    "--product: there is no product 1 (it was deleted or never existed); `clerkbridge sandbox products` lists them"))
            }
            let clerkPort = try #require(sandbox.clerkURL.port)
            let clerkOrigin = SandboxLocation(url: try #require(URL(string: "http://127.0.0.1:\(clerkPort)")), source: "--url")
            do throws(SandboxControlFailure) {
                _ = try await SandboxControlClient(location: clerkOrigin).send("GET", "/sandbox/products")
                Issue.record("the Clerk sandbox answered as the control API")
            } catch {
                guard case .unreachable(let message) = error else {
                    Issue.record("not unreachable: \(error)")
                    throw error
                }
                #expect(message.contains("not as a clerkbridge sandbox"))
            }
        } catch {
            await receiver.shutdown()
            await sandbox.shutdown()
            throw error
        }
        await receiver.shutdown()
        await sandbox.shutdown()
    }

    @Test func theSandboxTerminalShowsWhatClerkReceives() {
        let store = SandboxClerkStore.defaults[0]
        let one: JSONValue = ["name": "Lamp", "price": .number("9.5"), "stock": 0, "in_stock": false]
        #expect(SandboxActivityLog.line(.written(store: store, collection: .products, documents: [(id: 5, document: one)]))
            == "Clerk main-usd: product 5 \"Lamp\" written (price 9.5, stock 0, out of stock)")
        #expect(SandboxActivityLog.line(.written(store: store, collection: .categories, documents: [(7, [:]), (8, [:])]))
            == "Clerk main-usd: 2 categories written")
        #expect(SandboxActivityLog.line(.removed(store: store, collection: .products, ids: [5])) == "Clerk main-usd: product 5 removed")
        func call(_ endpoint: String, _ parameters: JSONValue) -> ClerkActivity {
            .called(store: store, call: ClerkLogCall(endpoint: endpoint, method: "POST", publicKey: store.publicKey, parameters: parameters, receivedAt: Date()))
        }
        #expect(SandboxActivityLog.line(call("log/sale", ["sale": 100, "products": [["id": 5, "quantity": 2]], "customer": 2]))
            == "Clerk main-usd: sale 100 logged (2 × product 5; customer 2; no visitor)")
        #expect(SandboxActivityLog.line(call("log/product", ["visitor": "v1", "product": 5])) == "Clerk main-usd: log/product (visitor v1, product 5)")
        #expect(SandboxActivityLog.line(call("recommendations/popular", ["visitor": "v1"])) == nil)
    }

    @Test func theWrittenConfigServesRegistersAndAllowsALocalPage() async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1))
        defer { Task { await sandbox.shutdown() } }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sb-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = SandboxConfigFile(sandbox: sandbox)
        try file.text.write(toFile: path, atomically: true, encoding: .utf8)

        let settings = try SettingsLoader(environment: ["CLERKBRIDGE_CONFIG": path]).load()
        #expect(settings.bigCommerce.apiURL == sandbox.bigCommerceURL)
        #expect(settings.storefronts.map(\.name) == sandbox.clerkStores.map(\.name))
        #expect(settings.storefronts.allSatisfy { $0.baseURL == "http://127.0.0.1:8000" })
        #expect(settings.clientSecret == sandbox.clientSecret)
        #expect(settings.webhookSecret == SandboxConfigFile.webhookSecret)
        #expect(settings.publicURL == "http://127.0.0.1:8080")
        #expect(settings.databaseURL == file.databaseURL)
        #expect(SandboxConfigFile(sandbox: sandbox).databaseURL != file.databaseURL)
        #expect(try SandboxLocation.find(url: nil, config: path, environment: [:]).url == sandbox.bigCommerceURL)
    }
}
