import ArgumentParser
import JSONSupport

/// `clerkbridge sandbox order`: an order placed as a storefront checkout places it, delivered as
/// `store/order/created`, `store/order/statusUpdated` and `store/cart/converted`.
struct SandboxOrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Place an order; the sandbox delivers store/order/created, store/order/statusUpdated and store/cart/converted.",
        discussion: """
            Lines are priced from the catalog (the product's first variant) in the order's currency. \
            Give --cart with the cart id a storefront reported for a visitor to have the sale attributed to that visitor.
            """)

    @OptionGroup var sandbox: SandboxControlOptions
    @Option(name: .customLong("product"), help: "A product bought (repeat for several).") var products: [Int] = []
    @Option(name: .customLong("quantity"), help: "Units of each --product, in the same order (default: 1 each).")
    var quantities: [Int] = []
    @Option(help: "The registered customer buying (the sandbox has 1, 2 and 3); a guest without it.") var customer: Int?
    @Option(help: "A guest's billing email.") var email: String?
    @Option(help: "The cart that became the order (default: a new one).") var cart: String?
    @Option(help: "The status it moves to, 0–14 (default 11 Awaiting Fulfillment; 0 leaves it Incomplete).") var status: Int?
    @Option(help: "The channel it is placed on (default 1).") var channel: Int?
    @Option(help: "The currency it is paid in, one the channel sells in (default: the channel's).") var currency: String?

    func validate() throws {
        guard !products.isEmpty else { throw ValidationError("give at least one --product ID") }
        for product in products { try SandboxInput.id(product, "--product") }
        guard quantities.isEmpty || quantities.count == products.count else {
            throw ValidationError("give one --quantity per --product, in the same order (or none for 1 each)")
        }
        for quantity in quantities where !(1...10_000).contains(quantity) {
            throw ValidationError("--quantity must be from 1 to 10000, not \(quantity)")
        }
        try SandboxInput.id(customer, "--customer")
        try SandboxInput.id(channel, "--channel")
        if let status, !(0...14).contains(status) {
            throw ValidationError("--status must be a BigCommerce order status from 0 to 14 (11 Awaiting Fulfillment, 10 Completed, 5 Cancelled), not \(status)")
        }
        if email != nil, customer != nil { throw ValidationError("--email is a guest's: a customer's order is billed to the customer's email") }
        if let email, !email.contains("@") { throw ValidationError("--email must be an email address, not \(email)") }
        if let cart, !(1...64).contains(cart.count) { throw ValidationError("--cart must be 1 to 64 characters") }
        if let currency, !(currency.count == 3 && currency.allSatisfy(\.isLetter)) {
            throw ValidationError("--currency must be a currency code like USD, not \(currency)")
        }
    }

    /// The request body: the items, then the optional members given.
    var body: JSONValue {
        let items = products.enumerated().map { index, product -> JSONValue in
            ["product_id": .int(product), "quantity": .int(quantities.isEmpty ? 1 : quantities[index])]
        }
        var members: [(key: String, value: JSONValue)] = [("items", .array(items))]
        if let customer { members.append(("customer_id", .int(customer))) }
        if let email { members.append(("email", .string(email))) }
        if let cart { members.append(("cart_id", .string(cart))) }
        if let status { members.append(("status_id", .int(status))) }
        if let channel { members.append(("channel_id", .int(channel))) }
        if let currency { members.append(("currency", .string(currency))) }
        return .object(members)
    }

    func run() async throws {
        var flags = ["customer_id": "--customer", "email": "--email", "cart_id": "--cart", "status_id": "--status", "channel_id": "--channel", "currency": "--currency"]
        for index in products.indices {
            flags["items[\(index)].product_id"] = "--product \(products[index])"
            flags["items[\(index)].quantity"] = "--quantity"
        }
        try await sandbox.perform("POST", "/sandbox/orders", body: body, flags: flags) { answer in
            let isSale = ![0, 5, 6].contains(answer["order"]?["status_id"]?.intValue ?? 0)
            return SandboxControlReport.text(answer) + (isSale ? "\n" + Self.saleHint : "")
        }
    }

    /// When the sale reaches Clerk: not at once, which surprises whoever watches for it.
    static let saleHint = "serve logs it in Clerk as a sale once it knows the visitor who bought it (a storefront "
        + "reported the cart), else about a minute after the order was placed"
}
