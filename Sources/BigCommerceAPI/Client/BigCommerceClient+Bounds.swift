import Foundation

extension BigCommerceClient {
    /// The lowest and highest product ids and how many products there are, in two requests of one id each sent
    /// side by side (`sort=id`, `direction=asc|desc`, `limit=1`, `include_fields=id`): what a reindex splits its crawl
    /// by, so the crawl's first pages wait for one response time, not two.
    public func productIDBounds() async throws -> ProductIDBounds {
        async let lowest = boundaryProduct(direction: "asc")
        async let highest = boundaryProduct(direction: "desc")
        let (first, total) = try await lowest
        let (last, _) = try await highest
        guard let first else { return ProductIDBounds(first: nil, last: nil, total: total) }
        return ProductIDBounds(first: first, last: last.map { max($0, first) } ?? first, total: total)
    }

    private func boundaryProduct(direction: String) async throws -> (id: Int?, total: Int) {
        let endpoint = Endpoint(
            .v3, "catalog/products",
            query: [("sort", "id"), ("direction", direction), ("limit", "1"), ("include_fields", "id")])
        let response = try await get(endpoint)
        guard response.hasContent else {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: "empty response body where a product page was expected")
        }
        let envelope = try decode(V3Envelope<[BoundaryProduct]>.self, from: response.body, endpoint: endpoint)
        return (envelope.data.first?.id.value, envelope.meta?.pagination?.total ?? envelope.data.count)
    }
}

/// The id span of the catalog.
public struct ProductIDBounds: Sendable, Equatable {
    /// The lowest product id; nil when the catalog is empty.
    public var first: Int?
    /// The highest product id; nil when the catalog is empty.
    public var last: Int?
    /// How many products there are (BigCommerce's `meta.pagination.total`).
    public var total: Int

    /// Creates bounds.
    public init(first: Int?, last: Int?, total: Int) {
        self.first = first
        self.last = last
        self.total = total
    }
}

/// Just the id of a product.
private struct BoundaryProduct: Decodable {
    var id: LenientInt
}
