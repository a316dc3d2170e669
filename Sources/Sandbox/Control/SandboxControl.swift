import Foundation
import Hummingbird
import JSONSupport

/// The sandbox's control API, on the BigCommerce simulator's origin under `/sandbox/` (outside the simulated
/// `/stores/{hash}/` API and its quota and faults) and for loopback clients only: the changes of
/// ``SandboxCatalogEvents`` and ``SandboxOrderEvents`` over HTTP, so the running sandbox can be driven without code.
///
/// | route | does |
/// |---|---|
/// | `GET /sandbox/products?after=ID&limit=N` | products in id order (`limit` 1–250, default 50) |
/// | `GET /sandbox/products/{id}` | one product |
/// | `PATCH /sandbox/products/{id}` `{"price", "stock", "variant_id"}` | sets the price and/or the stock (of one variant) |
/// | `DELETE /sandbox/products/{id}` | deletes the product |
/// | `POST /sandbox/products` `{"name", "like", "price", "channels"}` | creates a product, a copy of `like` or a simple one |
/// | `PUT` / `DELETE /sandbox/products/{id}/channels/{channel_id}` | assigns it to / removes it from a channel |
/// | `POST /sandbox/orders` `{"items": [{"product_id", "variant_id", "quantity"}], "customer_id", "email", "cart_id", "status_id", "channel_id", "currency"}` | places an order as a checkout does |
///
/// A change answers `{"action", "product" or "order", "webhooks": [{"scope", "data", "deliveries"}], "notes"}` once
/// every delivery of the webhooks it emitted had its first attempt (at most ``deliveryWait``), so the answer says
/// whether the receiver took them. Bodies are JSON objects (`Content-Type: application/json`, which also keeps web
/// pages from posting here). Errors are `{"error": {"code", "message", "field"}}` and a refused request changes nothing.
final class SandboxControl: Sendable {
    /// The path every control route starts with.
    static let prefix = "/sandbox"
    /// How long a change waits for the first attempts of its deliveries before answering. It answers as soon as they
    /// had them; 5 s was too short for a receiver on a loaded machine, which then read as `pending`.
    static let deliveryWait: Duration = .seconds(20)

    let store: SandboxStore
    let catalogEvents: SandboxCatalogEvents
    let orderEvents: SandboxOrderEvents
    let webhooks: SandboxWebhooks

    init(catalogEvents: SandboxCatalogEvents, orderEvents: SandboxOrderEvents) {
        store = catalogEvents.store
        webhooks = catalogEvents.webhooks
        self.catalogEvents = catalogEvents
        self.orderEvents = orderEvents
    }

    /// Whether `path` is a control route rather than one of the simulated store.
    static func handles(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    func respond(to request: Request, context: SandboxRequestContext) async -> Response {
        do {
            guard context.isLoopback else {
                throw ControlFailure(status: .forbidden, code: "forbidden", message: "the control API answers loopback clients only")
            }
            let segments = request.uri.path.split(separator: "/").dropFirst().map(String.init)
            return try await route(request, segments: segments)
        } catch let failure as ControlFailure {
            return failure.response
        } catch {
            return ControlFailure(status: .internalServerError, code: "internal_error", message: "\(error)").response
        }
    }

    private func route(_ request: Request, segments: [String]) async throws -> Response {
        let method = request.method
        if segments == ["products"] {
            switch method {
            case .get: return try products(QueryParameters(request.uri.query))
            case .post: return try await create(try await Self.body(of: request))
            default: throw Self.methodNotAllowed("GET, POST")
            }
        }
        if segments.count == 2, segments[0] == "products" {
            let product = try product(segments[1])
            switch method {
            case .get: return Self.json(.ok) { $0.key("product"); $0.controlProduct(product) }
            case .patch: return try await update(product, try await Self.body(of: request))
            case .delete: return try await delete(product)
            default: throw Self.methodNotAllowed("GET, PATCH, DELETE")
            }
        }
        if segments.count == 4, segments[0] == "products", segments[2] == "channels" {
            let product = try product(segments[1])
            guard let channelID = Int(segments[3]), store.catalog.channels.contains(where: { $0.id == channelID }) else {
                throw ControlFailure(
                    status: .notFound, code: "unknown_channel",
                    message: "there is no channel \(segments[3]) (the sandbox's channels: \(channelList))", field: "channel_id")
            }
            switch method {
            case .put: return try await assign(product, channelID: channelID)
            case .delete: return try await unassign(product, channelID: channelID)
            default: throw Self.methodNotAllowed("PUT, DELETE")
            }
        }
        if segments == ["orders"] {
            guard method == .post else { throw Self.methodNotAllowed("POST") }
            return try await placeOrder(try await Self.body(of: request))
        }
        throw ControlFailure(
            status: .notFound, code: "not_found",
            message: "no control route \(method.rawValue) \(request.uri.path); the routes are under /sandbox/products and /sandbox/orders")
    }

    // MARK: Reading requests

    /// The product named by a path segment.
    func product(_ segment: String) throws -> SandboxProduct {
        guard let id = Int(segment) else {
            throw ControlFailure(status: .badRequest, code: "invalid_field", message: "the product id `\(segment)` is not a number", field: "product_id")
        }
        guard let product = store.product(id: id) else { throw Self.unknownProduct(id, field: "product_id", status: .notFound) }
        return product
    }

    static func unknownProduct(_ id: Int, field: String, status: HTTPResponse.Status = .unprocessableContent) -> ControlFailure {
        ControlFailure(
            status: status, code: "unknown_product",
            message: "there is no product \(id) (it was deleted or never existed)", field: field)
    }

    /// The store's channels, e.g. `1 Main store, 2 Outlet`.
    var channelList: String {
        store.catalog.channels.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
    }

    /// The request body, which must be JSON and at most ``ControlBody/maxBytes``.
    static func body(of request: Request) async throws -> [UInt8] {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ControlFailure(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send the body as Content-Type: application/json")
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            bytes.append(contentsOf: buffer.readableBytesView)
            guard bytes.count <= ControlBody.maxBytes else {
                throw ControlFailure(status: .contentTooLarge, code: "body_too_large", message: "the body is over \(ControlBody.maxBytes) bytes")
            }
        }
        return bytes
    }

    static func methodNotAllowed(_ allowed: String) -> ControlFailure {
        ControlFailure(status: .methodNotAllowed, code: "method_not_allowed", message: "this route takes \(allowed)")
    }

    // MARK: Answering

    /// Runs `change` with its webhooks traced, waits for their first delivery attempts, and answers with what
    /// `describe` writes, the webhooks and the notes (plus one for each event no hook heard).
    func answer<T>(
        _ action: String, status: HTTPResponse.Status = .ok, notes: [String] = [], change: () throws -> T,
        describe: (inout JSONWriter, T) -> Void
    ) async rethrows -> Response {
        let trace = SandboxWebhookTrace()
        let result = try SandboxWebhooks.tracing(trace, change)
        _ = await trace.waitUntilSettled(timeout: Self.deliveryWait)
        let events = trace.events
        var notes = notes
        for scope in Set(events.filter(\.deliveries.isEmpty).map(\.scope)).sorted() {
            notes.append("no active hook subscribes to \(scope), so it went nowhere (register hooks first, e.g. `clerkbridge webhooks register --allow-http`)")
        }
        return Self.json(status) { writer in
            writer.field("action", action)
            describe(&writer, result)
            writer.key("webhooks")
            writer.controlWebhooks(events)
            writer.field("notes", notes)
        }
    }

    /// A JSON object answer whose members `members` writes.
    static func json(_ status: HTTPResponse.Status, _ members: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter(capacity: 1024)
        writer.openObject()
        members(&writer)
        writer.closeObject()
        return .json(status, writer.bytes)
    }
}
