import Foundation
import Hummingbird
import JSONSupport
import Logging
import Synchronization

/// A tiny HTTP endpoint on loopback that records every webhook delivery POSTed to it and answers with a status
/// chosen per request: a destination for sandbox hooks in tests and demos. Any path is accepted, so one receiver
/// can stand for several destinations (`url.appending(path: "products")`).
///
/// ```swift
/// let receiver = try await SandboxWebhookReceiver.start { index, _ in index == 0 ? 500 : 200 }
/// _ = try sandbox.webhooks.createHook(scope: "store/product/*", destination: receiver.url.absoluteString)
/// ```
public final class SandboxWebhookReceiver: Sendable {
    /// One request as received.
    public struct Delivery: Sendable {
        /// The request path, e.g. `/webhooks/products`.
        public var path: String
        /// Request headers, names lowercased (the last of repeated headers wins).
        public var headers: [String: String]
        /// The raw body.
        public var body: [UInt8]
        /// The status answered.
        public var status: Int

        /// The header `name` (any case).
        public func header(_ name: String) -> String? {
            headers[name.lowercased()]
        }

        /// Headers as `WebhookAuthenticator.authenticate(headers:…)` takes them.
        public var headerList: [(name: String, value: String)] {
            headers.map { (name: $0.key, value: $0.value) }
        }

        /// The body parsed, or nil when it is not JSON.
        public var json: JSONValue? {
            JSONValue.parse(body)
        }
    }

    /// Where to deliver: `http://HOST:PORT/webhooks`.
    public let url: URL
    let recorded: Recorded
    let task: Task<Void, Never>
    let connections: ConnectionRegistry

    final class Recorded: Sendable {
        let deliveries = Mutex<[Delivery]>([])
    }

    init(url: URL, recorded: Recorded, task: Task<Void, Never>, connections: ConnectionRegistry) {
        self.url = url
        self.recorded = recorded
        self.task = task
        self.connections = connections
    }

    /// Starts a receiver on a free port of `host`. `respond` picks each request's status from its 0-based index and
    /// the request; by default every request gets 200. Each answer is sent `latency` after the request arrived
    /// (a slow receiver, to exercise delivery timeouts).
    public static func start(
        host: String = "127.0.0.1", latency: Duration = .zero,
        respond: @escaping @Sendable (_ index: Int, _ delivery: Delivery) -> Int = { _, _ in 200 }
    ) async throws -> SandboxWebhookReceiver {
        let recorded = Recorded()
        let connections = ConnectionRegistry()
        var logger = Logger(label: "clerkbridge.sandbox.receiver")
        logger.logLevel = .warning
        let (task, port) = try await SandboxServer.run(host: host, port: 0, name: "webhook-receiver", logger: logger, connections: connections) { request, context in
            connections.track(context)
            var body: [UInt8] = []
            for try await buffer in request.body { body.append(contentsOf: buffer.readableBytesView) }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            var delivery = Delivery(path: request.uri.path, headers: headers, body: body, status: 200)
            let status = recorded.deliveries.withLock { deliveries in
                delivery.status = respond(deliveries.count, delivery)
                deliveries.append(delivery)
                return delivery.status
            }
            if latency > .zero { try await Task.sleep(for: latency) }
            return Response(status: .init(code: status))
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return SandboxWebhookReceiver(
            url: URL(string: "http://\(bracketed):\(port)/webhooks")!, recorded: recorded, task: task, connections: connections)
    }

    /// Every request received so far, in arrival order.
    public var deliveries: [Delivery] {
        recorded.deliveries.withLock { $0 }
    }

    /// Stops listening and closes open connections.
    public func shutdown() async {
        await connections.closeAll()
        let task = self.task
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(2))
            task.cancel()
        }
        await task.value
        watchdog.cancel()
    }
}
