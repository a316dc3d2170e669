import Hummingbird
import NIOCore

/// The request context of `clerkbridge serve`: Hummingbird's basics, JSON answers as ``ServerJSONEncoder`` writes
/// them, and the peer's address, which the per-client rate limit keys on.
public struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connected peer, when the channel knows it.
    public let remoteAddress: SocketAddress?

    /// Creates the context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The encoder of JSON answers and errors.
    public var responseEncoder: ServerJSONEncoder { ServerJSONEncoder() }
}
