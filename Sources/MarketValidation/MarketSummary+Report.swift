import Foundation
import SyncEngine

extension MarketSummary {
    /// The summary of `report`, run at `at`.
    public init(_ report: MarketReport, at: Date) {
        self.init(
            at: at,
            storefronts: report.storefronts.map { market in
                Market(name: market.name, problems: market.checks.filter { !$0.ok }.map { "\($0.check.name): \($0.detail)" })
            })
    }
}
