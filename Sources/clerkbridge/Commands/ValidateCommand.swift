import ArgumentParser
import Foundation
import MarketValidation
import Storefront
import SyncEngine

/// `clerkbridge validate`: checks each market as its shoppers see it.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check each storefront as its shoppers see it: placements, search and email blocks against BigCommerce.",
        discussion: """
            Asks every configured placement, a search with a query and one with a filter, and an email block, \
            through the services serve answers with, and checks every product against BigCommerce read now: listed \
            on the storefront's channel and shown, its price-list price in the storefront's currency, its page on \
            the storefront's base URL, its name (its translation on a translated storefront); and that Clerk answered within the placements' budget. \
            Exit status: 0 every market correct; 1 problems (listed); 2 could not start.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this storefront (default: all declared).")
    var storefront: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        try await runCommand {
            let report = try await Runtime.using(try options.settings()) {
                try await Self.validate(runtime: $0, storefront: storefront)
            }
            try Self.print(report, json: json)
            if !report.ok { throw CommandFailure.finishedWithFailures }
        }
    }

    /// Validates `storefront` (every declared one when nil) over `runtime`, with the budgets `serve` gives Clerk.
    static func validate(
        runtime: Runtime, storefront: String?, budgets: ClerkBudgets = .production
    ) async throws -> MarketReport {
        let targets = try await runtime.targets(only: storefront)
        let services = MarketValidator.Services(
            recommendations: StorefrontServing.recommendationService(runtime: runtime, budget: budgets.placements),
            search: StorefrontServing.searchService(runtime: runtime, budget: budgets.search),
            emailBlocks: StorefrontServing.emailBlockService(runtime: runtime, budget: budgets.emailBlocks))
        return try await MarketValidator(
            services: services, placements: runtime.settings.placements,
            expectation: CatalogExpectation(reader: runtime.reader()), catalog: runtime.store,
            budgets: budgets
        ).validate(targets)
    }

    static func print(_ report: MarketReport, json: Bool) throws {
        if json {
            try JSONOutput.print(report)
            return
        }
        for market in report.storefronts {
            Swift.print("\(market.name) (\(market.currency), \(market.locale)): \(market.ok ? "correct" : "problems")")
            for check in market.checks {
                Swift.print("  \(check.ok ? "ok  " : "FAIL") \(check.check.name): \(check.detail)")
            }
        }
        Swift.print(report.ok ? "every market correct" : "\(report.problems.count) problems found")
    }
}
