import AsyncHTTPClient
import Foundation
import Sandbox

/// A response read whole.
struct Fetched {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

enum Sandboxes {
    /// Runs `body` against a freshly started sandbox and shuts it down afterwards.
    static func with<T>(_ configuration: SandboxConfiguration = SandboxConfiguration(), _ body: (SandboxServer) async throws -> T) async throws -> T {
        let sandbox = try await SandboxServer.start(configuration)
        do {
            let result = try await body(sandbox)
            await sandbox.shutdown()
            return result
        } catch {
            await sandbox.shutdown()
            throw error
        }
    }

    static func fetch(_ url: String, method: String = "GET", token: String? = SandboxConfiguration.defaultAccessToken, body: [UInt8]? = nil) async throws -> Fetched {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "X-Auth-Token", value: token) }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Fetched(status: Int(response.status.code), headers: headers, body: Array(buffer.readableBytesView))
    }

    static func bc(_ sandbox: SandboxServer, _ path: String, token: String? = SandboxConfiguration.defaultAccessToken) async throws -> Fetched {
        try await fetch("\(sandbox.bigCommerceURL.absoluteString)/stores/\(sandbox.storeHash)\(path)", token: token)
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
