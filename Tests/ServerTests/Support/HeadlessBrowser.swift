import Foundation
import Synchronization

import Glibc

/// Headless Chromium driven over the DevTools protocol through `--remote-debugging-pipe` (commands on its fd 3,
/// answers on its fd 4, each a JSON message ended by a NUL byte): a browser the tests can navigate, click and type
/// in with real input events, read the page of, and take screenshots with. `Chromium.path` finds the binary.
///
/// Dialogs (`confirm()`) are accepted as they open, as an operator answering "OK".
final class HeadlessBrowser: Sendable {
    /// A command the browser refused or answered with an error.
    struct ProtocolError: Error, CustomStringConvertible {
        var description: String
    }

    /// A command's result object (JSON values, not mutated once parsed).
    private struct Result: @unchecked Sendable {
        var value: [String: Any]
    }

    private struct State {
        var nextID = 1
        var waiting: [Int: CheckedContinuation<Result, any Error>] = [:]
        var closed = false
    }

    private let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private let profile: URL
    private let state = Mutex(State())
    private let session = Mutex<String?>(nil)

    private init(pid: pid_t, commands: Int32, answers: Int32, profile: URL) {
        self.pid = pid
        self.commands = commands
        self.answers = answers
        self.profile = profile
        let box = ReaderBox()
        box.browser = self
        Thread { box.browser?.readAnswers() }.start()
    }

    /// Lets the reading thread reach the browser without keeping it alive.
    private final class ReaderBox: @unchecked Sendable {
        weak var browser: HeadlessBrowser?
    }

    /// Starts Chromium at `path` with a fresh profile and opens one page of `width` × `height` CSS pixels.
    static func launch(path: String, width: Int = 1280, height: Int = 900) async throws -> HeadlessBrowser {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("cdp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else {
            throw ProtocolError(description: "pipe failed: \(errno)")
        }
        // Only the child's fds 3 and 4 (the dup2 copies) stay open in it.
        for fd in toBrowser + fromBrowser { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, profile.appendingPathComponent("stderr.txt").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let arguments = [
            path, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
            "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "about:blank",
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, &argv, environ)
        _ = Glibc.close(toBrowser[0])
        _ = Glibc.close(fromBrowser[1])
        guard spawned == 0 else {
            _ = Glibc.close(toBrowser[1])
            _ = Glibc.close(fromBrowser[0])
            throw ProtocolError(description: "could not start \(path): \(spawned)")
        }
        let browser = HeadlessBrowser(pid: pid, commands: toBrowser[1], answers: fromBrowser[0], profile: profile)
        do {
            let target = try await browser.send("Target.createTarget", ["url": "about:blank"], inSession: false)
            guard let targetID = target["targetId"] as? String else { throw ProtocolError(description: "no target: \(target)") }
            let attached = try await browser.send("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
            browser.session.withLock { $0 = attached["sessionId"] as? String }
            _ = try await browser.send("Page.enable")
            _ = try await browser.send("Runtime.enable")
            try await browser.resize(width: width, height: height)
        } catch {
            browser.quit()
            throw error
        }
        return browser
    }

    /// Sends `method` with `params` (to the page unless `inSession` is false) and returns its result.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], inSession: Bool = true) async throws -> [String: Any] {
        let sessionID = inSession ? session.withLock { $0 } : nil
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let id: Int? = state.withLock { state in
                guard !state.closed else { return nil }
                let id = state.nextID
                state.nextID += 1
                state.waiting[id] = continuation
                return id
            }
            guard let id else {
                continuation.resume(throwing: ProtocolError(description: "the browser is closed"))
                return
            }
            var message: [String: Any] = ["id": id, "method": method, "params": params]
            if let sessionID { message["sessionId"] = sessionID }
            guard var bytes = try? JSONSerialization.data(withJSONObject: message) else {
                fail(id, ProtocolError(description: "\(method): parameters are not JSON"))
                return
            }
            bytes.append(0)
            let written = bytes.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let count = write(commands, buffer.baseAddress! + offset, buffer.count - offset)
                    if count <= 0 { return false }
                    offset += count
                }
                return true
            }
            if !written { fail(id, ProtocolError(description: "\(method): the browser's pipe is closed")) }
        }.value
    }

    private func fail(_ id: Int, _ error: any Error) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(throwing: error)
    }

    /// Reads NUL-separated messages until the browser exits (then closes the pipe); answers go to their waiting
    /// command, a dialog is accepted.
    private func readAnswers() {
        defer { _ = Glibc.close(answers) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(answers, &chunk, chunk.count)
            if count <= 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            while let end = pending.firstIndex(of: 0) {
                let message = Array(pending[..<end])
                pending.removeSubrange(...end)
                handle(message)
            }
        }
        let waiting = state.withLock { state in
            state.closed = true
            defer { state.waiting = [:] }
            return state.waiting
        }
        for continuation in waiting.values { continuation.resume(throwing: ProtocolError(description: "the browser exited")) }
    }

    private func handle(_ bytes: [UInt8]) {
        guard let message = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return }
        if let id = message["id"] as? Int {
            guard let continuation = state.withLock({ $0.waiting.removeValue(forKey: id) }) else { return }
            if let error = message["error"] as? [String: Any] {
                continuation.resume(throwing: ProtocolError(description: "\(error["message"] ?? error)"))
            } else {
                continuation.resume(returning: Result(value: message["result"] as? [String: Any] ?? [:]))
            }
        } else if message["method"] as? String == "Page.javascriptDialogOpening" {
            Task { _ = try? await self.send("Page.handleJavaScriptDialog", ["accept": true]) }
        }
    }

    // MARK: What the tests do

    /// Loads `url` and waits until the document is complete.
    func navigate(_ url: String) async throws {
        _ = try await send("Page.navigate", ["url": url])
        try await waitUntil("document.readyState === 'complete' && location.href !== 'about:blank'", "\(url) to load")
    }

    /// The value of `expression` (awaited when it is a promise), as JSON gives it.
    @discardableResult
    func evaluate(_ expression: String) async throws -> Any? {
        let result = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw ProtocolError(description: "\(expression): \((exception["exception"] as? [String: Any])?["description"] ?? exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Waits until `condition` (a JavaScript expression) is true, failing after `timeout` with `what`.
    ///
    /// The page itself checks the condition on each of its timer ticks and answers once it holds or the deadline
    /// passes, in one DevTools call; a call cut short by a navigation is asked again in the new page.
    func waitUntil(_ condition: String, _ what: String, timeout: Duration = .seconds(15)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let left = (deadline - ContinuousClock.now).components
            let milliseconds = max(1, Int(left.seconds) * 1_000 + Int(left.attoseconds / 1_000_000_000_000_000))
            let check = """
                new Promise(resolve => {
                  const end = Date.now() + \(milliseconds);
                  (function check() {
                    let holds = false;
                    try { holds = Boolean(\(condition)); } catch (error) {}
                    if (holds || Date.now() >= end) { resolve(holds); } else { setTimeout(check, 10); }
                  })();
                })
                """
            if (try? await evaluate(check)) as? Bool == true { return }
        }
        let page = (try? await evaluate("location.href + ' ' + document.body.innerText.slice(0, 400)")) as? String ?? "?"
        throw ProtocolError(description: "timed out waiting for \(what); the page: \(page)")
    }

    /// Clicks the middle of the first element matching `selector` with the mouse, as a person does.
    func click(_ selector: String) async throws {
        try await waitUntil("document.querySelector(\(Self.quoted(selector)))", selector)
        guard let box = try await evaluate("""
            (() => { const e = document.querySelector(\(Self.quoted(selector))); e.scrollIntoView({block: 'center'});
                     const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()
            """) as? [Double], box.count == 2
        else { throw ProtocolError(description: "\(selector) has no box") }
        for type in ["mouseMoved", "mousePressed", "mouseReleased"] {
            var event: [String: Any] = ["type": type, "x": box[0], "y": box[1]]
            if type != "mouseMoved" {
                event["button"] = "left"
                event["clickCount"] = 1
            }
            _ = try await send("Input.dispatchMouseEvent", event)
        }
    }

    /// Clicks into the field matching `selector` and types `text` into it.
    func type(_ selector: String, _ text: String) async throws {
        try await click(selector)
        _ = try await send("Input.insertText", ["text": text])
    }

    /// Sets the page to `width` × `height` CSS pixels (a phone's when `mobile`).
    func resize(width: Int, height: Int, mobile: Bool = false) async throws {
        _ = try await send("Emulation.setDeviceMetricsOverride", [
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
        ])
    }

    /// A PNG of the whole page at its current width.
    func screenshot() async throws -> Data {
        let size = try await evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]") as? [Double] ?? [1280, 900]
        let result = try await send("Page.captureScreenshot", [
            "format": "png", "captureBeyondViewport": true,
            "clip": ["x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1],
        ])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw ProtocolError(description: "no screenshot data")
        }
        return data
    }

    /// Ends the browser (its exit ends the reading thread, which closes the answers' pipe) and removes its profile.
    func quit() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        _ = Glibc.close(commands)
        try? FileManager.default.removeItem(at: profile)
    }

    /// `text` as a JavaScript string literal.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
