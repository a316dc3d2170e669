/// Clerk did not answer a search within the budget, or failed: there is no local search to answer from (the
/// catalog mirror has no text index), so the caller answers 503 and the page retries or hides its results.
public struct SearchUnavailable: Error, Sendable, CustomStringConvertible {
    /// The Clerk endpoint that did not answer, e.g. `search/search`.
    public var endpoint: String

    /// Creates the error.
    public init(endpoint: String) {
        self.endpoint = endpoint
    }

    /// A message fit for shoppers' pages: no detail of the failure.
    public var description: String {
        "search is unavailable right now (Clerk \(endpoint) did not answer in time); retry later"
    }
}
