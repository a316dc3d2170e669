import Foundation
import SyncEngine

/// The reindex summary on standard output: a table, or contract.md's JSON.
struct ReindexSummary {
    let report: ReindexReport

    func print(json: Bool) throws {
        if json {
            try JSONOutput.print(report)
            return
        }
        Swift.print("storefront            products: seen  pushed  unchanged  removed  failed   categories: seen  pushed  removed  failed   seconds")
        for storefront in report.storefronts {
            let p = storefront.products, c = storefront.categories
            Swift.print(
                storefront.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + "          " + [p.seen, p.pushed, p.unchanged, p.removed, p.failed].map { pad($0, 7) }.joined(separator: " ")
                    + "            " + [c.seen, c.pushed, c.removed, c.failed].map { pad($0, 6) }.joined(separator: " ")
                    + "  " + String(format: "%8.1f", storefront.seconds)
                    + (storefront.resumed ? "  (resumed)" : ""))
        }
        for storefront in report.storefronts {
            for failure in storefront.failures { Swift.print("\(storefront.name): \(failure)") }
        }
        Swift.print(report.ok ? "ok" : "finished with failures")
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
