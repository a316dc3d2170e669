import ArgumentParser
import JSONSupport

/// `clerkbridge sandbox create`: a new product, a copy of another or a simple one, delivered as
/// `store/product/created`.
struct SandboxCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a product, a copy of another (--like) or a simple one (--price); the sandbox delivers store/product/created.")

    @OptionGroup var sandbox: SandboxControlOptions
    @Option(help: "Its name (its SKU and URL are made from it).") var name: String
    @Option(help: "Copy this product's price, stock, categories, brand, channels, options and images.") var like: Int?
    @Option(help: "Its price (required without --like).") var price: String?
    @Option(name: .customLong("channel"), help: "A channel to sell it on (repeat for several; default: --like's, else 1).")
    var channels: [Int] = []

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, name.count <= 250 else {
            throw ValidationError("--name must be 1 to 250 characters")
        }
        try SandboxInput.id(like, "--like")
        try SandboxInput.money(price, "--price")
        for channel in channels { try SandboxInput.id(channel, "--channel") }
        guard like != nil || price != nil else {
            throw ValidationError("give --like ID to copy a product, or --price for a simple product")
        }
    }

    func run() async throws {
        var members: [(key: String, value: JSONValue)] = [("name", .string(name))]
        if let like { members.append(("like", .int(like))) }
        if let price { members.append(("price", .number(price))) }
        if !channels.isEmpty { members.append(("channels", .array(channels.map { .int($0) }))) }
        try await sandbox.perform(
            "POST", "/sandbox/products", body: .object(members),
            flags: ["name": "--name", "like": "--like", "price": "--price", "channels": "--channel"])
    }
}
