/// Audiences (private key): the members of an audience defined in my.clerk.io.
extension ClerkClient {
    /// The emails of audience `id`: `GET /audiences/emails?key&private_key&id=…`, answered
    /// `{"status":"ok","audiences":["a@a.a", …]}` (the list sits under `audiences`). UNCONFIRMED: paging or a size
    /// limit (none is documented), whether unsubscribed emails are listed, and what an unknown id answers (any error
    /// envelope is an error here).
    public func audienceEmails(id: String, keys: ClerkStoreKeys) async throws(ClerkError) -> [String] {
        let request = ClerkRequest.query(.get, path: "audiences/emails", keys: keys, parameters: [("id", id)])
        return try await perform(request).decode(AudienceEmails.self, for: request) { $0.audiences }
    }
}

/// `{"status":"ok","audiences":[emails]}`.
private struct AudienceEmails: Decodable {
    var audiences: [String]
}
