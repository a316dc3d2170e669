import ArgumentParser

/// `clerkbridge sandbox delete`: deletes a product, delivered as `store/product/deleted`.
struct SandboxDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a product; the sandbox delivers store/product/deleted.")

    @OptionGroup var sandbox: SandboxControlOptions
    @Option(help: "The product's id.") var product: Int

    func validate() throws {
        try SandboxInput.id(product, "--product")
    }

    func run() async throws {
        try await sandbox.perform("DELETE", "/sandbox/products/\(product)", flags: ["product_id": "--product"])
    }
}
