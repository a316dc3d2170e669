import AsyncHTTPClient
import Foundation
import NIOCore
import Sandbox

/// Webhook deliveries and shopper events posted to a `serve` process on loopback, as BigCommerce and the storefront
/// script send them.
enum ServeTraffic {
    /// The shared secret the processes under test check (`BIGCOMMERCE_WEBHOOK_SECRET`).
    static let sharedSecret = "serve-traffic-shared-secret"

    /// Posts a delivery of `scope` for entity `id` of store `storeHash`; whether `serve` acknowledged it.
    static func deliver(
        _ scope: String = "store/product/updated", id: Int, storeHash: String, to port: Int, http: HTTPClient
    ) async -> Bool {
        let hash = UUID().uuidString
        let type = scope.split(separator: "/").dropFirst().first.map(String.init) ?? "product"
        let body = #"{"scope":"\#(scope)","store_id":"1001","data":{"type":"\#(type)","id":\#(id)},"hash":"\#(hash)","created_at":\#(Int(Date().timeIntervalSince1970)),"producer":"stores/\#(storeHash)"}"#
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/webhooks/bigcommerce")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Clerkbridge-Webhook-Secret", value: sharedSecret)
        request.body = .bytes(ByteBuffer(string: body))
        return (try? await http.execute(request, timeout: .seconds(10)))?.status == .ok
    }

    /// Posts one product view per pair (event ids from `batch`); whether `serve` accepted the whole batch.
    static func post(
        _ views: [(visitor: String, product: Int)], batch: String, to port: Int, http: HTTPClient
    ) async throws -> Bool {
        let now = ISO8601DateFormatter().string(from: Date())
        let events = views.enumerated().map { index, view in
            #"{"id":"\#(batch)-\#(index)","type":"product_viewed","visitor_id":"\#(view.visitor)","occurred_at":"\#(now)","product_id":\#(view.product)}"#
        }
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/events")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: #"{"events":[\#(events.joined(separator: ","))]}"#))
        guard let response = try? await http.execute(request, timeout: .seconds(10)), response.status == .ok else { return false }
        let answer = try await response.body.collect(upTo: 1 << 16)
        return String(buffer: answer).contains(#""accepted":\#(views.count)"#)
    }

    /// What of `renamed` (product id → new name) and `views` is not in Clerk's store `publicKey` yet: products whose
    /// document has another name, and how many views Clerk has not logged.
    static func missing(
        renamed: [Int: String], views: [(visitor: String, product: Int)], in clerk: ClerkStorage, publicKey: String
    ) -> (products: [Int], views: Int) {
        let documents = clerk.products(publicKey: publicKey)
        let products = renamed.filter { id, name in
            documents[id].flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }?["name"] as? String != name
        }.map(\.key)
        let seen = Set(clerk.logCalls(publicKey: publicKey).filter { $0.endpoint == "log/product" }.compactMap { call in
            call["visitor"]?.stringValue.flatMap { visitor in call["product"]?.intValue.map { "\(visitor)/\($0)" } }
        })
        return (products.sorted(), views.filter { !seen.contains("\($0.visitor)/\($0.product)") }.count)
    }
}
