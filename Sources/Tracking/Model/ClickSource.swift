/// Where a clicked product was shown: the Clerk API that returned it, its position and the placement's labels.
public struct ClickSource: Sendable, Hashable {
    /// The Clerk API endpoint that returned the product, e.g. `recommendations/visitor/history`.
    public var api: String
    /// The product's position in that answer, from 0 (Clerk's click `n`).
    public var position: Int
    /// The labels of the placement or search that showed the product.
    public var labels: [String]

    /// Creates a click source.
    public init(api: String, position: Int, labels: [String]) {
        self.api = api
        self.position = position
        self.labels = labels
    }
}
