/// Privacy (private key): erasing a shopper for a GDPR request.
extension ClerkClient {
    /// "Forget all available info Clerk.io has on a visitor or customer": `GET /privacy/forget?key&private_key&email=…`.
    /// What exactly Clerk erases (orders, the customer document, visitor history) is UNCONFIRMED.
    public func forget(email: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        let request = ClerkRequest.query(.get, path: "privacy/forget", keys: keys, parameters: [("email", email)])
        _ = try await perform(request)
    }
}
