import ArgumentParser
import JSONSupport

/// `clerkbridge sandbox stock`: a product's (or one variant's) stock level, delivered as the inventory webhooks
/// BigCommerce sends for its kind of inventory tracking.
struct SandboxStockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stock",
        abstract: "Set a product's stock; the sandbox delivers store/product/inventory/updated or one store/sku/inventory/updated per variant.")

    @OptionGroup var sandbox: SandboxControlOptions
    @Option(help: "The product's id.") var product: Int
    @Option(help: "The new stock level (0 or more).") var to: Int
    @Option(help: "Only this variant of a product that tracks stock by variant (default: every variant).") var variant: Int?

    func validate() throws {
        try SandboxInput.id(product, "--product")
        try SandboxInput.id(variant, "--variant")
        guard to >= 0 else { throw ValidationError("--to must be a stock level of 0 or more, not \(to)") }
    }

    func run() async throws {
        var body: JSONValue = ["stock": .int(to)]
        if let variant { body = ["stock": .int(to), "variant_id": .int(variant)] }
        try await sandbox.perform(
            "PATCH", "/sandbox/products/\(product)", body: body,
            flags: ["stock": "--to", "variant_id": "--variant", "product_id": "--product"])
    }
}
