import Foundation

/// Reads a delta sync needs: products by id, and what changed since a moment.
extension BigCommerceClient {
    /// `GET /v3/catalog/products?id:in=…` with variants, images, custom fields and channels, in chunks of
    /// ``idsPerRequest``; ids BigCommerce no longer has are simply absent. Unreadable products come back
    /// as malformed records, like a crawl page's.
    public func products(ids: [Int], includeVariants: Bool = true) async throws -> ProductPage {
        var result = ProductPage(products: [], malformed: [], lastID: nil, isLast: true)
        for chunk in Self.chunks(Array(Set(ids)).sorted()) {
            let endpoint = Endpoint(
                .v3, "catalog/products",
                query: [
                    ("id:in", chunk.map(String.init).joined(separator: ",")), ("limit", String(Self.maximumPageSize)),
                    ("include", includeVariants ? "images,custom_fields,channels,variants" : "images,custom_fields,channels"),
                ])
            let response = try await get(endpoint)
            guard response.hasContent else {
                throw BigCommerceError.decoding(endpoint: endpoint.route, context: "empty response body where products were expected")
            }
            let page = try Self.decodeProductPage(response.body, pageSize: Self.maximumPageSize, endpoint: endpoint)
            result.products += page.products
            result.malformed += page.malformed
            result.lastID = [result.lastID, page.lastID].compactMap { $0 }.max()
        }
        return result
    }

    /// `GET /v3/catalog/variants?id:in=…`, all pages, in chunks of ``idsPerRequest``: which product each
    /// variant belongs to (price-list webhooks name only the variant).
    public func variants(ids: [Int]) async throws -> [Variant] {
        var result: [Variant] = []
        for chunk in Self.chunks(Array(Set(ids)).sorted()) {
            result += try await collectPages("catalog/variants", query: [("id:in", chunk.map(String.init).joined(separator: ","))])
        }
        return result
    }

    /// One page (from 1) of the products modified at or after `since`, oldest change first, as id and
    /// modification time only (`include_fields`). The filter gets a full timestamp: a date alone would
    /// have BigCommerce append the current time of day and skip the morning's changes.
    public func modifiedProducts(since: Date, page: Int, limit: Int = 250) async throws -> (stamps: [ProductStamp], isLast: Bool) {
        let pageSize = min(max(limit, 1), Self.maximumPageSize)
        let endpoint = Endpoint(
            .v3, "catalog/products",
            query: [
                ("date_modified:min", Self.filterTimestamp(since)), ("sort", "date_modified"), ("direction", "asc"),
                ("include_fields", "id,date_modified"), ("limit", String(pageSize)), ("page", String(page)),
            ])
        let response = try await get(endpoint)
        guard response.hasContent else { return ([], true) }
        let envelope = try decode(V3Envelope<[ProductStamp]>.self, from: response.body, endpoint: endpoint)
        let isLast: Bool
        if let pagination = envelope.meta?.pagination, let totalPages = pagination.totalPages {
            isLast = (pagination.currentPage ?? page) >= totalPages
        } else {
            isLast = envelope.data.count < pageSize
        }
        return (envelope.data, envelope.data.isEmpty || isLast)
    }

    /// `2025-01-15T00:03:17Z`: the full UTC timestamp date filters need.
    static func filterTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : String($0) } ?? "00" }
        return "\(c.year ?? 1970)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }
}
