import ArgumentParser

/// `clerkbridge sandbox assign`: puts a product on a channel, delivered as
/// `store/channel/{channel_id}/product/assigned`.
struct SandboxAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Put a product on a channel; the sandbox delivers store/channel/{id}/product/assigned.")

    @OptionGroup var change: SandboxChannelChange

    func run() async throws {
        try await change.perform("PUT")
    }
}
