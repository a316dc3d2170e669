import ArgumentParser

/// `clerkbridge sandbox`: the simulated BigCommerce and Clerk servers (``SandboxStartCommand``, the default), and
/// the commands that drive a running one through its control API, each change delivering the webhooks
/// BigCommerce would send.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox BigCommerce and Clerk servers, or change a running sandbox's catalog and place orders.",
        discussion: """
            Without a subcommand it starts the servers (`sandbox start`). The other subcommands reach the running \
            sandbox at --url, else BIGCOMMERCE_API_URL, else bigcommerce.api_url of the config file \
            (--config or CLERKBRIDGE_CONFIG) that `sandbox --write-config` wrote.
            Exit status: 0 done; 64 wrong input (named); 2 the sandbox cannot be reached; 1 the sandbox failed.
            """,
        subcommands: [
            SandboxStartCommand.self, SandboxProductsCommand.self, SandboxPriceCommand.self, SandboxStockCommand.self,
            SandboxCreateCommand.self, SandboxDeleteCommand.self, SandboxAssignCommand.self, SandboxUnassignCommand.self,
            SandboxOrderCommand.self,
        ],
        defaultSubcommand: SandboxStartCommand.self)
}
