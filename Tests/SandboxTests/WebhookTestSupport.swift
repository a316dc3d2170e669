import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import JSONSupport
import Logging
import Sandbox

/// Polls `condition`, yielding between checks, until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        await Task.yield()
    }
}

/// A sandbox accepting loopback webhook destinations, a BigCommerce client pointed at it and a recording receiver.
struct WebhookFixture {
    let sandbox: SandboxServer
    let client: BigCommerceClient
    let receiver: SandboxWebhookReceiver

    /// Delivery settings that keep tests fast: retries after a few milliseconds.
    static var fastSettings: WebhookDeliverySettings {
        var settings = WebhookDeliverySettings()
        settings.retryDelays = [.milliseconds(10), .milliseconds(10), .milliseconds(10)]
        settings.timeout = .seconds(5)
        return settings
    }

    /// A destination on the receiver.
    func destination(_ path: String = "hooks") -> String {
        receiver.url.appending(path: path).absoluteString
    }

    /// Deliveries received, parsed.
    var payloads: [JSONValue] {
        receiver.deliveries.compactMap(\.json)
    }

    /// Waits until the sandbox has nothing pending.
    func settle() async -> Bool {
        await sandbox.webhooks.waitUntilIdle(timeout: .seconds(30))
    }

    static func with(
        _ configuration: SandboxConfiguration = SandboxConfiguration(allowInsecureWebhookDestinations: true),
        settings: WebhookDeliverySettings = fastSettings, receiverLatency: Duration = .zero,
        respond: @escaping @Sendable (_ index: Int, _ delivery: SandboxWebhookReceiver.Delivery) -> Int = { _, _ in 200 },
        _ body: (WebhookFixture) async throws -> Void
    ) async throws {
        let sandbox = try await SandboxServer.start(configuration)
        sandbox.webhooks.configure(settings)
        let receiver = try await SandboxWebhookReceiver.start(latency: receiverLatency, respond: respond)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let credentials = BigCommerceCredentials(storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL)
        let client = BigCommerceClient(credentials: credentials, httpClient: httpClient, logger: Logger(label: "test"))
        let fixture = WebhookFixture(sandbox: sandbox, client: client, receiver: receiver)
        var failure: (any Error)?
        do {
            try await body(fixture)
        } catch {
            failure = error
        }
        try? await httpClient.shutdown()
        await sandbox.shutdown()
        await receiver.shutdown()
        if let failure { throw failure }
    }
}

extension JSONValue {
    /// The member at a dotted path, e.g. `data.inventory.value`.
    func at(_ path: String) -> JSONValue? {
        var value: JSONValue? = self
        for key in path.split(separator: ".") { value = value?[String(key)] }
        return value
    }
}
