import Foundation
import Synchronization
import SyncEngine

/// Shows reindex progress on standard error: a redrawn bar on a terminal, a plain line every few
/// seconds otherwise (logs, CI).
final class ProgressReporter: Sendable {
    private let isTerminal: Bool
    private let interval: Double
    private let lastPrinted = Mutex<Double>(-1)

    init(isTerminal: Bool = isatty(STDERR_FILENO) == 1, interval: Double = 5) {
        self.isTerminal = isTerminal
        self.interval = interval
    }

    func report(_ progress: ReindexProgress) {
        let rate = progress.elapsed > 0 ? Double(progress.productsCrawled) / progress.elapsed : 0
        let counts = "\(progress.productsCrawled)\(progress.productsTotal.map { "/\($0)" } ?? "") products, "
            + "\(Int(rate))/s, pushed \(progress.pushed), failed \(progress.failed), "
            + "pages in flight \(progress.pagesInFlight), requests in flight \(progress.requestsInFlight)"
        if isTerminal {
            var bar = ""
            if let total = progress.productsTotal, total > 0 {
                let filled = min(30, progress.productsCrawled * 30 / total)
                bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] "
            }
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar)\(counts)".utf8))
        } else {
            let due = lastPrinted.withLock { last in
                guard last < 0 || progress.elapsed - last >= interval else { return false }
                last = progress.elapsed
                return true
            }
            if due { FileHandle.standardError.write(Data("reindex: \(String(format: "%.1f", progress.elapsed)) s: \(counts)\n".utf8)) }
        }
    }

    /// Ends the progress display (moves off the redrawn line).
    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
