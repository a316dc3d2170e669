import ArgumentParser
import Foundation
import SyncEngine
import SyncStore

/// `clerkbridge privacy forget EMAIL`: erase a shopper for a GDPR request.
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Privacy requests: erase a shopper from Clerk and from clerkbridge's own tables.",
        subcommands: [Forget.self])

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the shopper with EMAIL from every storefront's Clerk store and from clerkbridge.",
            discussion: """
                Calls Clerk's privacy/forget for the email in every storefront's Clerk store, deletes the customer \
                documents with that email there, and deletes clerkbridge's events, baskets, attribution and email links \
                of the shopper. BigCommerce is not changed: delete or anonymise the customer there too. clerkbridge keeps \
                only a hash of the email, so imports and the customer sync never send the shopper to Clerk again. \
                Exit status: 0 erased everywhere; 1 a Clerk store did not erase it (listed); 2 could not start.
                """)

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The shopper's email address.") var email: String
        @Flag(help: "Print the report as JSON.") var json = false

        func validate() throws {
            let trimmed = email.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.contains("@"), !trimmed.hasPrefix("@"), !trimmed.hasSuffix("@") else {
                throw ValidationError("EMAIL must be an email address")
            }
        }

        func run() async throws {
            try await runCommand {
                let report = try await Runtime.using(try options.settings()) { runtime in
                    let targets = try await runtime.targets(only: nil)
                    return try await ShopperEraser(
                        client: runtime.bigCommerce, clerk: runtime.clerk, writer: runtime.writer(), targets: targets,
                        store: runtime.store, logger: runtime.logger
                    ).forget(email: email)
                }
                let summary = PrivacySummary(report)
                if json {
                    try JSONOutput.print(summary)
                } else {
                    Swift.print(summary.text)
                }
                if !report.ok { throw CommandFailure.finishedWithFailures }
            }
        }
    }
}

/// `privacy forget --json`: `{"ok", "storefronts": [{"name", "forgotten", "customers_deleted", "error"?}], "clerkbridge":
/// {"visitors", "events", "baskets", "attributions", "email_links", "dead_letters"}}`.
struct PrivacySummary: Encodable {
    struct Storefront: Encodable {
        var name: String
        var forgotten: Bool
        var customersDeleted: [Int]
        var error: String?

        enum CodingKeys: String, CodingKey {
            case name, forgotten, error
            case customersDeleted = "customers_deleted"
        }
    }

    struct Local: Encodable {
        var visitors: Int
        var events: Int
        var baskets: Int
        var attributions: Int
        var emailLinks: Int
        var deadLetters: Int

        enum CodingKeys: String, CodingKey {
            case visitors, events, baskets, attributions
            case emailLinks = "email_links"
            case deadLetters = "dead_letters"
        }
    }

    var ok: Bool
    var storefronts: [Storefront]
    var clerkbridge: Local

    init(_ report: ShopperEraser.Report) {
        ok = report.ok
        storefronts = report.storefronts.map {
            Storefront(name: $0.name, forgotten: $0.forgotten, customersDeleted: $0.customersDeleted, error: $0.error)
        }
        let local = report.local
        clerkbridge = Local(
            visitors: local.visitors, events: local.events, baskets: local.baskets, attributions: local.attributions,
            emailLinks: local.emailLinks, deadLetters: local.deadLetters)
    }

    var text: String {
        var lines: [String] = []
        for storefront in storefronts {
            var line = "  \(storefront.name): "
            line += storefront.forgotten ? "Clerk privacy/forget ok" : "Clerk privacy/forget NOT done"
            line += ", customer documents deleted: " + (storefront.customersDeleted.isEmpty ? "none" : storefront.customersDeleted.map(String.init).joined(separator: ", "))
            if let error = storefront.error { line += " — \(error)" }
            lines.append(line)
        }
        let local = clerkbridge
        lines.append("  clerkbridge: \(local.visitors) visitors, \(local.events) events, \(local.baskets) baskets, "
            + "\(local.attributions) carts and purchase reports, \(local.emailLinks) email links, \(local.deadLetters) dead letters deleted")
        lines.append("  BigCommerce was not changed: delete or anonymise the customer there too.")
        return (ok ? "erased:" : "not erased everywhere:") + "\n" + lines.joined(separator: "\n")
    }
}
