/// A registered shopper of the sandbox store (the fields orders and the current-customer JWT use).
public struct SandboxCustomer: Sendable, Hashable {
    /// Customer id (positive).
    public var id: Int
    /// Email address.
    public var email: String
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Customer group (0: none).
    public var customerGroupID: Int

    /// Creates a customer.
    public init(id: Int, email: String, firstName: String, lastName: String, customerGroupID: Int = 0) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.customerGroupID = customerGroupID
    }

    /// The seeded customers: ids 1–3, one of them in customer group 2.
    public static let seeded: [SandboxCustomer] = [
        SandboxCustomer(id: 1, email: "ann@sandbox.example", firstName: "Ann", lastName: "Archer"),
        SandboxCustomer(id: 2, email: "ben@sandbox.example", firstName: "Ben", lastName: "Baker", customerGroupID: 2),
        SandboxCustomer(id: 3, email: "cleo@sandbox.example", firstName: "Cleo", lastName: "Cruz"),
    ]
}
