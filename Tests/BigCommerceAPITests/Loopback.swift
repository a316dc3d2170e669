import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds a loopback TCP port nobody listens on (bind to port 0, read it back, close).
enum Loopback {
    /// Runs `body` with a loopback port that refuses connections for as long as it runs: a socket is bound to it
    /// but never listens, so no other test's server can take the port meanwhile.
    static func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure(text: "socket failed") }
        defer { close(fd) }
        return try await body(try port(boundTo: fd))
    }

    private static func port(boundTo fd: Int32) throws -> Int {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestFailure(text: "bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
