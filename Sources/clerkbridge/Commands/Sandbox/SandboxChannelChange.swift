import ArgumentParser

/// What `sandbox assign` and `sandbox unassign` take: a product, a channel and where the sandbox is.
struct SandboxChannelChange: ParsableArguments {
    @OptionGroup var sandbox: SandboxControlOptions
    @Option(help: "The product's id.") var product: Int
    @Option(help: "The channel's id.") var channel: Int

    func validate() throws {
        try SandboxInput.id(product, "--product")
        try SandboxInput.id(channel, "--channel")
    }

    /// `PUT` assigns, `DELETE` unassigns.
    func perform(_ method: String) async throws {
        try await sandbox.perform(
            method, "/sandbox/products/\(product)/channels/\(channel)", flags: ["product_id": "--product", "channel_id": "--channel"])
    }
}
