import ArgumentParser

/// `clerkbridge config`: the configuration as clerkbridge reads it.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration.",
        subcommands: [Check.self])

    /// `clerkbridge config check`: the effective settings and where each came from.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective settings and where each came from: flag, environment, file (with its line) or default.",
            discussion: """
                Secrets (tokens, client and webhook secrets, Clerk private keys, a database password) are shown as ***. \
                Reads the settings only: BigCommerce, Clerk and the database are not contacted. \
                Exit status: 0 the configuration loads; 2 it does not (the key, its line and what is wrong are named).
                """)

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            try await runCommand {
                let report = ConfigReport(settings: try options.settings())
                if json {
                    try JSONOutput.print(report)
                } else {
                    Swift.print(report.text)
                }
            }
        }
    }
}
