import Hummingbird
import Logging
import ServiceLifecycle

/// `serve`'s application running in-process on a port it chose itself: what the demo steps (and tests) start.
struct RunningServer: Sendable {
    /// The port it listens on (loopback).
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Builds the application with `make` (given the callback that learns the bound port; pass it as
    /// `onRunning` with port 0), runs it, and returns once it listens.
    static func start<App: ApplicationProtocol>(
        logger: Logger, _ make: (@escaping @Sendable (Int) async -> Void) -> App
    ) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = make { continuation.yield($0); continuation.finish() }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw StartupError("serve stopped before it listened")
        }
        return RunningServer(port: port, group: group, task: task)
    }

    /// Stops accepting requests, lets the services drain, and rethrows what stopped them with an error.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
