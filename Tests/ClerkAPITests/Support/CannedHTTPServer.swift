import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny blocking HTTP/1.1 server on 127.0.0.1 for exercising the client's wire behaviour: it records each
/// request's raw bytes and answers with a canned response (or, for `nil`, holds the connection open without answering until `stop`). One connection at a
/// time, `Connection: close` on every answer.
final class CannedHTTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var recorded: [[UInt8]] = []
    private var stopped = false
    private var held: [Int32] = []
    private let respond: @Sendable ([UInt8]) -> [UInt8]?

    /// Starts listening; `respond` gets the raw request and returns the raw response, or nil to stay silent.
    init(respond: @escaping @Sendable ([UInt8]) -> [UInt8]?) throws {
        self.respond = respond
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// A canned response with a status, extra headers and a body.
    static func response(status: Int, headers: [String: String] = [:], body: String) -> [UInt8] {
        var text = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n" + body).utf8)
    }

    /// The raw requests received so far.
    var requests: [[UInt8]] {
        lock.withLock { recorded }
    }

    /// Stops accepting, closes the listening socket and every connection held without an answer.
    func stop() {
        let connections = lock.withLock {
            stopped = true
            return held
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in connections { close(connection) }
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            if lock.withLock({ stopped }) {
                close(connection)
                return
            }
            let request = readRequest(connection)
            lock.withLock { recorded.append(request) }
            if let answer = respond(request) {
                answer.withUnsafeBytes { _ = send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(connection)
            } else {
                lock.withLock { held.append(connection) }
            }
        }
    }

    private func readRequest(_ connection: Int32) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: data) else { continue }
            let head = String(decoding: data[0..<headerEnd], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n")
                .first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if data.count >= headerEnd + 4 + length { return data }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
