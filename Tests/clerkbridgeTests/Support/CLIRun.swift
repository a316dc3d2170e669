import Foundation

/// The `clerkbridge` binary run once, as an operator would: arguments, an environment of its own (nothing of the test
/// process's but `PATH` and `HOME`), a working directory. Holds its exit status and what it printed.
struct CLIRun {
    let status: Int32
    let output: String
    let errors: String

    /// Everything it printed, for looking for what must never be there.
    var printed: String { output + errors }

    /// Runs `binary` with `arguments` in `directory` and waits for it to end. A run still going after `timeout` is
    /// stopped (SIGKILL), so a command that should have ended cannot hang the suite.
    static func run(
        _ binary: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
        timeout: Duration = .seconds(120)
    ) async throws -> CLIRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var base: [String: String] = [:]
        for name in ["PATH", "HOME"] { base[name] = ProcessInfo.processInfo.environment[name] }
        process.environment = base.merging(environment) { _, given in given }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let collected = ServeProcess.Collected()
        output.fileHandleForReading.readabilityHandler = { collected.append(out: $0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { collected.append(err: $0.availableData) }
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let status = try await ServeProcess.exit(of: process)
        watchdog.cancel()
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(out: output.fileHandleForReading.readDataToEndOfFile())
        collected.append(err: errors.fileHandleForReading.readDataToEndOfFile())
        return CLIRun(status: status, output: collected.output, errors: collected.errors)
    }
}
