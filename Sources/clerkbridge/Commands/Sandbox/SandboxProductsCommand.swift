import ArgumentParser

/// `clerkbridge sandbox products`: the running sandbox's products, to pick ids from.
struct SandboxProductsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products", abstract: "List the running sandbox's products: id, name, price, stock and channels.")

    @OptionGroup var sandbox: SandboxControlOptions
    @Option(help: "Start after this product id.") var after: Int?
    @Option(help: "How many (1–250).") var limit = 20

    func validate() throws {
        guard (1...250).contains(limit) else { throw ValidationError("--limit must be from 1 to 250, not \(limit)") }
    }

    func run() async throws {
        let query = "limit=\(limit)" + (after.map { "&after=\($0)" } ?? "")
        try await sandbox.perform("GET", "/sandbox/products?" + query, describe: SandboxControlReport.productTable)
    }
}
