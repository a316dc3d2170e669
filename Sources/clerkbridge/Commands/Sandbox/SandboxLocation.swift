import Foundation
import Yams

/// Where a running sandbox's BigCommerce (and its control API) answers, and where that was learnt.
struct SandboxLocation: Equatable {
    /// The origin, e.g. `http://127.0.0.1:PORT`.
    var url: URL
    /// Where it came from, for error messages: `--url`, `BIGCOMMERCE_API_URL` or the config file's key.
    var source: String

    /// Looks in this order: `--url`, `BIGCOMMERCE_API_URL`, then `bigcommerce.api_url` of the config file
    /// (`--config` or `CLERKBRIDGE_CONFIG`), the precedence of every other setting.
    static func find(url: String?, config: String?, environment: [String: String]) throws(SandboxControlFailure) -> SandboxLocation {
        if let url { return try located(url, source: "--url") }
        if let url = environment["BIGCOMMERCE_API_URL"], !url.isEmpty { return try located(url, source: "BIGCOMMERCE_API_URL") }
        guard let path = config ?? environment["CLERKBRIDGE_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw .usage("""
                where is the sandbox? Pass --config FILE (the file `clerkbridge sandbox --write-config FILE` wrote), \
                or --url with the BigCommerce URL it printed, or set BIGCOMMERCE_API_URL
                """)
        }
        let file: ConfigFile
        do {
            file = try YAMLDecoder().decode(ConfigFile.self, from: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw .unreachable("cannot read the config file \(path): \(error.localizedDescription)")
        }
        guard let url = file.bigcommerce?.apiURL, !url.isEmpty else {
            throw .unreachable("the config file \(path) has no bigcommerce.api_url: is it the file `clerkbridge sandbox --write-config` wrote?")
        }
        return try located(url, source: "bigcommerce.api_url in \(path)")
    }

    /// `text` as a sandbox origin; only one on this machine can be (the control API answers loopback clients only).
    static func located(_ text: String, source: String) throws(SandboxControlFailure) -> SandboxLocation {
        guard let url = loopbackURL(text) else {
            let problem = "\(source) is \(text), not a sandbox on this machine (like http://127.0.0.1:PORT)"
            throw source == "--url" ? .usage(problem) : .unreachable(problem)
        }
        return SandboxLocation(url: url, source: source)
    }

    /// `text` when it is an http URL of a loopback host, without a trailing slash; else nil.
    static func loopbackURL(_ text: String) -> URL? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), url.scheme?.lowercased() == "http", let host = url.host?.lowercased() else { return nil }
        let loopback = host == "localhost" || host == "::1" || host == "[::1]"
            || (host.hasPrefix("127.") && host.split(separator: ".").count == 4)
        return loopback ? url : nil
    }
}
