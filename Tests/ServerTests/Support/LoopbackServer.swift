import Foundation
import Hummingbird
import Logging

/// A Hummingbird application on a loopback port for the length of a test.
final class LoopbackServer: Sendable {
    /// The port it listens on.
    let port: Int
    let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// `http://127.0.0.1:PORT`.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// Starts `router` on `port` (0: any free port) and returns once it listens.
    static func start<Builder: HTTPResponderBuilder>(_ router: Builder, port: Int = 0) async throws -> LoopbackServer
        where Builder.Responder.Context: RequestContext, Builder.Responder.Context.Source == ApplicationRequestContextSource
    {
        var quiet = Logger(label: "loopback")
        quiet.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "test"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: quiet)
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await task.value
            throw CocoaError(.fileReadUnknown)
        }
        return LoopbackServer(port: bound, task: task)
    }

    /// Stops the server.
    func shutdown() async {
        task.cancel()
        _ = try? await task.value
    }
}
