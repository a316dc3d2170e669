import ArgumentParser

/// `clerkbridge sandbox unassign`: takes a product off a channel, delivered as
/// `store/channel/{channel_id}/product/unassigned`.
struct SandboxUnassignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "Take a product off a channel; the sandbox delivers store/channel/{id}/product/unassigned.")

    @OptionGroup var change: SandboxChannelChange

    func run() async throws {
        try await change.perform("DELETE")
    }
}
