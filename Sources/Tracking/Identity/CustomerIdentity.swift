/// The signed-in BigCommerce customer named by a verified current-customer JWT.
public struct CustomerIdentity: Sendable, Hashable {
    /// The BigCommerce customer id, positive.
    public var customerID: Int
    /// The customer's email address as BigCommerce sent it.
    public var email: String
    /// The customer group id, nil when the token has none.
    public var groupID: Int?

    /// Creates an identity.
    public init(customerID: Int, email: String, groupID: Int? = nil) {
        self.customerID = customerID
        self.email = email
        self.groupID = groupID
    }
}
