import AsyncHTTPClient
import Foundation
import JSONSupport
import NIOCore

/// Calls a running sandbox's control API (`/sandbox/…` on its BigCommerce origin) and turns what goes wrong into a
/// ``SandboxControlFailure`` that names the cause: the sandbox's own error message for a refused request, the URL
/// and where it came from when nothing (or something else) answers there.
struct SandboxControlClient {
    let location: SandboxLocation
    /// Longer than the sandbox waits for its deliveries' first attempts.
    var timeout: TimeAmount = .seconds(20)

    /// Sends `body` with `method` to `path` and returns the answer's JSON object. `flags` names the command-line
    /// flag behind a request member, so a refused member is reported under the flag the user typed.
    func send(_ method: String, _ path: String, body: JSONValue? = nil, flags: [String: String] = [:]) async throws(SandboxControlFailure) -> JSONValue {
        var request = HTTPClientRequest(url: location.url.absoluteString + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.encoded()))
        }
        // A refused connection is the answer at once, not a reason to keep dialling until the timeout.
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(2)))
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let answered: Result<(status: Int, bytes: [UInt8]), any Error>
        do {
            let response = try await http.execute(request, timeout: timeout)
            answered = .success((Int(response.status.code), Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)))
        } catch {
            answered = .failure(error)
        }
        try? await http.shutdown()
        let status: Int
        let bytes: [UInt8]
        switch answered {
        case .success(let answer):
            (status, bytes) = answer
        case .failure(let error):
            throw .unreachable("""
                cannot reach the sandbox at \(location.url) (\(location.source)): \(Self.reason(error)). Is `clerkbridge \
                sandbox` running? Its ports change when it restarts: write the config again with --write-config
                """)
        }
        let answer = JSONValue.parse(bytes)
        if (200..<300).contains(status), let answer, case .object = answer { return answer }
        guard let code = answer?["error"]?["code"]?.stringValue, let message = answer?["error"]?["message"]?.stringValue else {
            throw .unreachable("""
                \(location.url) (\(location.source)) answered HTTP \(status), not as a clerkbridge sandbox: use the \
                BigCommerce URL `clerkbridge sandbox` printed
                """)
        }
        let flag = answer?["error"]?["field"]?.stringValue.flatMap { flags[$0] }
        var named = flag.map { "\($0): \(message)" } ?? message
        if code == "unknown_product" { named += "; `clerkbridge sandbox products` lists them" }
        throw status >= 500 ? .failed("the sandbox failed: \(named) [\(code)]") : .usage(named)
    }

    /// Why a request got no answer, in words.
    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout { return "no connection within 2 s" }
            if error == .deadlineExceeded || error == .readTimeout { return "no answer in time" }
        }
        return "\(error)".contains("refused") ? "nothing listens there (connection refused)" : "\(error)"
    }
}
