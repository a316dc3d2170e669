import Synchronization

/// The open connections of one simulator, so shutdown can close them before stopping the server
/// (cancelling a server with open keep-alive connections makes Hummingbird log errors).
final class ConnectionRegistry: Sendable {
    let connections = Mutex<[ObjectIdentifier: @Sendable () async -> Void]>([:])

    /// Remembers the request's connection (once per connection).
    func track(_ context: SandboxRequestContext) {
        let id = context.connectionID
        let isNew = connections.withLock { connections in
            if connections[id] != nil { return false }
            connections[id] = context.closeConnection
            return true
        }
        if isNew {
            context.onConnectionClose { [weak self] in
                self?.connections.withLock { _ = $0.removeValue(forKey: id) }
            }
        }
    }

    let listeners = Mutex<[@Sendable () async -> Void]>([])

    /// Remembers how to close a listening socket.
    func register(listener _: ObjectIdentifier, close: @escaping @Sendable () async -> Void) {
        listeners.withLock { $0.append(close) }
    }

    /// Stops listening, then closes every open connection.
    func closeAll() async {
        let listenerClosers = listeners.withLock { Array($0) }
        for close in listenerClosers { await close() }
        let closers = connections.withLock { Array($0.values) }
        for close in closers { await close() }
    }
}
