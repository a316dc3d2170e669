import ArgumentParser
import JSONSupport

/// `clerkbridge sandbox price`: a product's new default price, delivered as `store/product/updated`.
struct SandboxPriceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price", abstract: "Change a product's price; the sandbox delivers store/product/updated.")

    @OptionGroup var sandbox: SandboxControlOptions
    @Option(help: "The product's id.") var product: Int
    @Option(help: "The new price in the store's currency, e.g. 19.99.") var to: String

    func validate() throws {
        try SandboxInput.id(product, "--product")
        try SandboxInput.money(to, "--to")
    }

    func run() async throws {
        try await sandbox.perform(
            "PATCH", "/sandbox/products/\(product)", body: ["price": .number(to)], flags: ["price": "--to", "product_id": "--product"])
    }
}
