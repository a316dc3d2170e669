import Foundation
import Synchronization
import Testing

/// `clerkbridge serve` (or `worker`) running as a process of its own, for tests that kill it.
struct ServeProcess {
    let process: Process
    /// The port it listens on (it chose a free one); 0 for a `worker`.
    let port: Int

    /// Where the package is: three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Builds the `clerkbridge` executable (`swift test` builds the test bundle, not the executable) and returns
    /// its path. The `swift test` that runs this holds the build directory's lock while its tests run, but it builds
    /// nothing then: `--ignore-lock` lets the executable be linked beside it instead of waiting forever. Built once per
    /// test run, so suites running side by side never build into the same directory at once.
    static func buildBinary() async throws -> URL {
        try await built.value
    }

    private static let built = Task { try await build() }

    private static func build() async throws -> URL {
        let root = packageRoot.path
        _ = try await run(["swift", "build", "--ignore-lock", "--package-path", root, "--product", "clerkbridge"])
        let directory = try await run(["swift", "build", "--ignore-lock", "--package-path", root, "--show-bin-path"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return URL(fileURLWithPath: directory).appendingPathComponent("clerkbridge")
    }

    /// What a finished command printed and how it exited.
    struct Finished: Sendable {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `command` through `/usr/bin/env` and returns its standard output; throws when it fails.
    static func run(_ command: [String]) async throws -> String {
        let finished = try await execute(URL(fileURLWithPath: "/usr/bin/env"), arguments: command)
        guard finished.status == 0 else {
            struct Failed: Error, CustomStringConvertible { var description: String }
            throw Failed(description: "\(command.joined(separator: " ")) exited \(finished.status): \(finished.errors.suffix(2_000))")
        }
        return finished.output
    }

    /// Runs `clerkbridge` with `arguments`, `environment` added to this process's (minus every variable clerkbridge
    /// reads, so the machine's own settings cannot leak in), and returns what it printed and its exit status.
    static func clerkbridge(_ arguments: [String], environment: [String: String] = [:]) async throws -> Finished {
        var inherited = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("BIGCOMMERCE_") && !$0.key.hasPrefix("CLERK_") && !$0.key.hasPrefix("CLERKBRIDGE_")
        }
        inherited.merge(environment) { _, new in new }
        return try await execute(try await buildBinary(), arguments: arguments, environment: inherited)
    }

    /// Runs `executable` with `arguments` (and `environment`, else this process's) to its end.
    static func execute(_ executable: URL, arguments: [String], environment: [String: String]? = nil) async throws -> Finished {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { collected.append(out: $0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { collected.append(err: $0.availableData) }
        let status = try await exit(of: process)
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(out: output.fileHandleForReading.readDataToEndOfFile())
        collected.append(err: errors.fileHandleForReading.readDataToEndOfFile())
        return Finished(status: status, output: collected.output, errors: collected.errors)
    }

    /// Starts `binary` with `arguments` and `environment` added to this process's, and returns once it listens (or,
    /// with `readyLine`, once its log has a line containing that: a `worker` listens on no port).
    static func start(
        binary: URL, arguments: [String], environment: [String: String], readyLine: String? = nil
    ) async throws -> ServeProcess {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let log = Collected()
        // Drained for the life of the process, so its log never fills the pipe and blocks it.
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                continuation.finish()
                return
            }
            log.append(err: data)
            if let port = readyLine.map({ log.errors.contains($0) ? 0 : nil }) ?? log.listeningPort() {
                continuation.yield(port)
                continuation.finish()
            }
        }
        try process.run()
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            struct NotListening: Error, CustomStringConvertible { var description: String }
            throw NotListening(description: "\(arguments.first ?? "clerkbridge") stopped before it was ready: \(log.errors.suffix(2_000))")
        }
        return ServeProcess(process: process, port: port)
    }

    /// Kills the process at once (SIGKILL): nothing it held is released, nothing is flushed.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the process gracefully (SIGTERM) and waits for it.
    func stop() async {
        process.terminate()
        _ = try? await Self.exit(of: process, started: true)
    }

    /// Runs `process` (unless it was `started`) and returns its exit status once it ends.
    static func exit(of process: Process, started: Bool = false) async throws -> Int32 {
        let (statuses, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { continuation.yield($0.terminationStatus) }
        if !started { try process.run() } else if !process.isRunning { return process.terminationStatus }
        var iterator = statuses.makeAsyncIterator()
        return await iterator.next() ?? process.terminationStatus
    }

    /// Output gathered from a child process's pipes.
    final class Collected: Sendable {
        private let state = Mutex<(output: Data, errors: Data)>((Data(), Data()))

        func append(out data: Data) { state.withLock { $0.output.append(data) } }
        func append(err data: Data) { state.withLock { $0.errors.append(data) } }
        var output: String { String(decoding: state.withLock { $0.output }, as: UTF8.self) }
        var errors: String { String(decoding: state.withLock { $0.errors }, as: UTF8.self) }

        /// The port of `serve`'s "Listening" line (`address=127.0.0.1:PORT`), once it was logged.
        func listeningPort() -> Int? {
            let text = errors
            guard let line = text.split(separator: "\n").first(where: { $0.contains("Listening") }),
                let range = line.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression)
            else { return nil }
            return Int(line[range].split(separator: ":").last ?? "")
        }
    }
}
