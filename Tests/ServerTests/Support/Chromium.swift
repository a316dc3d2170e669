import Foundation
import Synchronization

/// A headless Chromium for the browser tests: found at `$CHROMIUM` or the usual Debian/Ubuntu paths.
enum Chromium {
    /// The binary, nil when none is installed (`.ci/run` installs Debian's `chromium`).
    static let path: String? = {
        var candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"]
        if let given = ProcessInfo.processInfo.environment["CHROMIUM"], !given.isEmpty { candidates.insert(given, at: 0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// A finished run: the DOM it dumped and the tail of its standard error.
    struct Run {
        var dom: String
        var stderrTail: String
        var exitStatus: Int32
        var timedOut: Bool
    }

    /// Loads `url` in headless Chromium with a fresh profile, lets the page run for `virtualTime` (timers run
    /// fast, network waits are real), and returns the DOM it ends with. Killed after `timeout`. `windowSize` sets
    /// the viewport (headless Chromium keeps it at least 500 px wide: narrower layouts go in an iframe).
    static func dumpDOM(
        _ url: String, virtualTime: Duration = .seconds(10), timeout: Duration = .seconds(30),
        windowSize: (width: Int, height: Int)? = nil
    ) async throws -> Run {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let stderrFile = profile.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--hide-scrollbars", "--enable-logging=stderr", "--disable-extensions", "--disable-background-networking",
            "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=\(virtualTime.components.seconds * 1000)", "--dump-dom", url,
        ]
        if let windowSize { process.arguments?.insert("--window-size=\(windowSize.width),\(windowSize.height)", at: 0) }
        let output = Pipe()
        process.standardOutput = output
        let errors = try FileHandle(forWritingTo: stderrFile)
        process.standardError = errors
        let exited = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in exited.continuation.finish() }
        try process.run()
        let reading = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        // A watchdog, not a poll: it ends a hung browser at the deadline and does nothing once it has exited.
        let timedOutFlag = Mutex(false)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            guard process.isRunning else { return }
            timedOutFlag.withLock { $0 = true }
            process.terminate()
        }
        for await _ in exited.stream {}
        let timedOut = timedOutFlag.withLock { $0 }
        process.waitUntilExit()
        let dom = String(decoding: await reading.value, as: UTF8.self)
        try? errors.close()
        let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        return Run(
            dom: dom, stderrTail: String(stderr.suffix(2_000)), exitStatus: process.terminationStatus, timedOut: timedOut)
    }
}
