#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

extension StartupError {
    /// `serve` could not listen on `host:port`, naming the setting at fault: the port in use (another `serve`, or
    /// another program), a privileged port, a host that is not this machine's. Nil when `error` is no such failure.
    init?(listening error: any Error, host: String, port: Int) {
        let address = "\(host.contains(":") ? "[\(host)]" : host):\(port)"
        switch error {
        case let error as IOError where error.errnoCode == EADDRINUSE:
            self.init("CLERKBRIDGE_PORT (server.port) \(port): \(address) is already in use")
        case let error as IOError where error.errnoCode == EACCES:
            self.init("CLERKBRIDGE_PORT (server.port) \(port): listening on \(address) is not allowed (ports below 1024 need privileges)")
        case let error as IOError where error.errnoCode == EADDRNOTAVAIL:
            self.init("CLERKBRIDGE_HOST (server.host) \(host): \(address) is not an address of this machine")
        case is SocketAddressError:
            self.init("CLERKBRIDGE_HOST (server.host) \(host): not an address or a host name this machine can resolve")
        default:
            return nil
        }
    }
}
