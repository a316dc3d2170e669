import ArgumentParser

/// The `clerkbridge` command: keeps Clerk.io in step with a BigCommerce catalog.
@main
struct Clerkbridge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clerkbridge",
        abstract: "Keeps Clerk.io stores in step with a BigCommerce catalog, per storefront.",
        discussion: """
            Settings come from flags, then environment variables, then the config file \
            (--config FILE or CLERKBRIDGE_CONFIG, YAML or JSON). See README.md for every key; \
            `clerkbridge config check` prints them and where each came from. A config file key that is not known, a \
            value of the wrong type and YAML that does not parse stop every command, naming the key, its line and \
            the nearest known key.

            Exit status, for every command:
              0   done
              1   finished with problems (listed)
              2   could not start: configuration, credentials, unreachable API, port in use
              64  usage: a bad flag or argument
            """,
        subcommands: [
            ServeCommand.self, WorkerCommand.self, ReindexCommand.self, VerifyCommand.self, ValidateCommand.self, WebhooksCommand.self,
            StorefrontCommand.self, ImportCommand.self, AudiencesCommand.self, PrivacyCommand.self, StatusCommand.self,
            DeadLetterCommand.self, StoreCommand.self, ConfigCommand.self, SandboxCommand.self,
            DemoCommand.self, BenchmarkCommand.self,
        ])
}
