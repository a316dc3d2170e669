import Hummingbird

/// Request context of the sandbox servers: the basic context plus handles on the request's connection, to drop
/// it abruptly (fault injection) and to close it when the sandbox shuts down.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Identity of the connection.
    let connectionID: ObjectIdentifier
    /// Closes the connection without writing anything more.
    let closeConnection: @Sendable () async -> Void
    /// Registers a callback run once the connection is closed.
    let onConnectionClose: @Sendable (@escaping @Sendable () -> Void) -> Void
    /// Whether the client connected from a loopback address.
    let isLoopback: Bool

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        connectionID = ObjectIdentifier(channel)
        closeConnection = { try? await channel.close().get() }
        onConnectionClose = { callback in channel.closeFuture.whenComplete { _ in callback() } }
        let address = channel.remoteAddress?.ipAddress ?? ""
        isLoopback = address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
