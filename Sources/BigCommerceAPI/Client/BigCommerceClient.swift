import AsyncHTTPClient
import Foundation
import JSONSupport
import Logging
import NIOCore
import NIOHTTP1
import Reliability

/// A typed, rate-governed client for one store's V2/V3 REST API (catalog, channels, currencies, price lists).
///
/// Collections are read to the end with `limit=250`; 429s are waited out and resent through the
/// `RateGovernor`; every other failure throws a `BigCommerceError`.
public final class BigCommerceClient: Sendable {
    /// Largest page BigCommerce serves (`limit` above it is a 413).
    public static let maximumPageSize = 250
    /// Ids per `…:in=` filter, to keep URLs short.
    public static let idsPerRequest = 50

    private let credentials: BigCommerceCredentials
    private let httpClient: HTTPClient
    private let governor: RateGovernor
    private let logger: Logger
    /// Told each time BigCommerce answers other than with a 408, 429 or 5xx.
    public let health: DependencyHealth
    private let requestTimeout: TimeAmount = .seconds(30)
    private let maximumBodySize = 128 * 1024 * 1024
    private let maximumThrottleRetries = 20

    /// Creates a client. Share `governor` between all clients of the same store, and `health` between the
    /// clients and workers of a process.
    public init(
        credentials: BigCommerceCredentials, httpClient: HTTPClient, governor: RateGovernor = RateGovernor(),
        health: DependencyHealth = DependencyHealth(), logger: Logger
    ) {
        self.credentials = credentials
        self.httpClient = httpClient
        self.governor = governor
        self.health = health
        self.logger = logger
    }

    /// The governor pacing this client (for its counters).
    public var rateGovernor: RateGovernor { governor }

    // MARK: Store, currencies, channels

    /// `GET /v2/store`. A 404 means the store hash is wrong (`BigCommerceError.storeNotFound`).
    public func store() async throws -> StoreInfo {
        let endpoint = Endpoint(.v2, "store")
        let response = try await get(endpoint)
        return try decode(StoreInfo.self, from: response.body, endpoint: endpoint)
    }

    /// `GET /v2/currencies` (a bare array; 204 or an empty body is an empty list).
    public func currencies() async throws -> [Currency] {
        let endpoint = Endpoint(.v2, "currencies")
        let response = try await get(endpoint)
        guard response.hasContent else { return [] }
        return try decode([Currency].self, from: response.body, endpoint: endpoint)
    }

    /// `GET /v3/channels`, all pages.
    public func channels() async throws -> [Channel] {
        try await collectPages("channels")
    }

    /// `GET /v3/channels/{id}/site`; `nil` when the channel has no site (404).
    public func site(channelID: Int) async throws -> Site? {
        try await single(Site.self, Endpoint(.v3, "channels/\(channelID)/site"))
    }

    /// `GET /v3/channels/{id}/currency-assignments`; `nil` when none (404 or empty).
    public func currencyAssignment(channelID: Int) async throws -> ChannelCurrencyAssignment? {
        let endpoint = Endpoint(.v3, "channels/\(channelID)/currency-assignments")
        let response = try await get(endpoint, accepting: [404])
        guard response.status != 404, response.hasContent else { return nil }
        let envelope = try decode(V3Envelope<OneOrMany<ChannelCurrencyAssignment>>.self, from: response.body, endpoint: endpoint)
        return envelope.data.elements.first { $0.channelID == channelID || $0.channelID == 0 }
            ?? envelope.data.elements.first
    }

    // MARK: Catalog

    /// One keyset page: `GET /v3/catalog/products?sort=id&direction=asc&id:greater={after}&limit={limit}&include=images,custom_fields,channels[,variants]`.
    ///
    /// With `includeVariants` (the default) every product carries all its variants — one request per page
    /// instead of about five more through `variants(productIDs:)`, which matters under a shared store quota.
    /// A product that fails to decode comes back in `malformed` with its raw JSON while the rest of the page decodes.
    public func productPage(after id: Int, limit: Int = 250, includeVariants: Bool = true) async throws -> ProductPage {
        try await productPage(after: id, through: nil, limit: limit, includeVariants: includeVariants)
    }

    /// One keyset page of a range of ids: as ``productPage(after:limit:includeVariants:)``, with `id:max={through}`
    /// (inclusive, BigCommerce's common filtering rules) when `through` is given.
    public func productPage(after id: Int, through: Int?, limit: Int = 250, includeVariants: Bool = true) async throws
        -> ProductPage
    {
        let pageSize = min(max(limit, 1), Self.maximumPageSize)
        var query: [(name: String, value: String)] = [("sort", "id"), ("direction", "asc"), ("id:greater", String(id))]
        if let through { query.append(("id:max", String(through))) }
        query += [
            ("limit", String(pageSize)),
            ("include", includeVariants ? "images,custom_fields,channels,variants" : "images,custom_fields,channels"),
        ]
        let endpoint = Endpoint(.v3, "catalog/products", query: query)
        let response = try await get(endpoint)
        // V3 answers an empty page with `data: []`; an empty body is not a page, and reading it as the end
        // of the catalog would let the reindex delete everything after it.
        guard response.hasContent else {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: "empty response body where a product page was expected")
        }
        return try Self.decodeProductPage(response.body, pageSize: pageSize, endpoint: endpoint)
    }

    /// `GET /v3/catalog/products/{id}?include=images,custom_fields,channels,variants`; `nil` when deleted (404).
    public func product(id: Int) async throws -> Product? {
        try await single(
            Product.self,
            Endpoint(.v3, "catalog/products/\(id)", query: [("include", "images,custom_fields,channels,variants")]))
    }

    /// `GET /v3/catalog/variants?product_id:in=…&limit=250`, all pages, in chunks of 50 product ids.
    public func variants(productIDs: [Int]) async throws -> [Variant] {
        var result: [Variant] = []
        for chunk in Self.chunks(productIDs) {
            result += try await collectPages(
                "catalog/variants", query: [("product_id:in", chunk.map(String.init).joined(separator: ","))])
        }
        return result
    }

    /// `GET /v3/catalog/trees`, all pages.
    public func categoryTrees() async throws -> [CategoryTree] {
        try await collectPages("catalog/trees")
    }

    /// `GET /v3/catalog/trees/categories?tree_id:in=…`, all pages (every tree when `treeIDs` is empty).
    public func treeCategories(treeIDs: [Int]) async throws -> [TreeCategory] {
        let query = treeIDs.isEmpty ? [] : [("tree_id:in", treeIDs.map(String.init).joined(separator: ","))]
        return try await collectPages("catalog/trees/categories", query: query)
    }

    /// `GET /v3/catalog/brands`, all pages.
    public func brands() async throws -> [Brand] {
        try await collectPages("catalog/brands")
    }

    // MARK: Price lists

    /// `GET /v3/pricelists`, all pages.
    public func priceLists() async throws -> [PriceList] {
        try await collectPages("pricelists")
    }

    /// `GET /v3/pricelists/assignments`, all pages.
    public func priceListAssignments() async throws -> [PriceListAssignment] {
        try await collectPages("pricelists/assignments")
    }

    /// `GET /v3/pricelists/{id}/records?product_id:in=…&currency=…`, all pages, in chunks of 50 product ids.
    /// The records of one price list for `productIDs` in `currency`.
    public func priceListRecords(priceListID: Int, productIDs: [Int], currency: String) async throws -> [PriceRecord] {
        try await priceListRecords(priceListID: priceListID, productIDs: productIDs, currencies: [currency])
    }

    /// The records of one price list for `productIDs` in any of `currencies` (`currency:in`), in chunks of
    /// 250 products: a page of the catalog costs one request per list, whatever the number of currencies.
    public func priceListRecords(priceListID: Int, productIDs: [Int], currencies: [String]) async throws -> [PriceRecord] {
        guard !currencies.isEmpty else { return [] }
        var result: [PriceRecord] = []
        for start in stride(from: 0, to: productIDs.count, by: Self.maximumPageSize) {
            let chunk = productIDs[start..<min(start + Self.maximumPageSize, productIDs.count)]
            result += try await priceRecordPages(
                "pricelists/\(priceListID)/records",
                query: [("product_id:in", chunk.map(String.init).joined(separator: ",")),
                        ("currency:in", currencies.joined(separator: ","))])
        }
        return result
    }

    // MARK: Plumbing

    /// A response the caller accepted: status and raw body.
    struct RawResponse: Sendable {
        var status: Int
        var body: [UInt8]

        /// False for 204 and for bodies that are empty or only white space.
        var hasContent: Bool {
            status != 204 && body.contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        }
    }

    /// Sends a GET through the governor, resending on 429; returns 2xx (and `accepting`) responses, throws otherwise.
    func get(_ endpoint: Endpoint, accepting accepted: Set<Int> = []) async throws -> RawResponse {
        try await send(endpoint, accepting: accepted)
    }

    /// Sends `endpoint` with its method and an optional JSON body through the governor, resending on 429
    /// (BigCommerce processed nothing then); returns 2xx (and `accepting`) responses, throws otherwise.
    func send(_ endpoint: Endpoint, json body: [UInt8]? = nil, accepting accepted: Set<Int> = []) async throws
        -> RawResponse
    {
        let url = endpoint.url(for: credentials)
        let limit = endpoint.concurrencyLimit
        var throttles = 0
        while true {
            try await governor.acquire(limit: limit)
            let sent = ContinuousClock.now
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: endpoint.method)
            request.headers.add(name: "X-Auth-Token", value: credentials.accessToken)
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "clerkbridge/0.1")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            let status: Int
            let headers: HTTPHeaders
            let body: [UInt8]
            do {
                let response = try await httpClient.execute(request, timeout: requestTimeout, logger: logger)
                status = Int(response.status.code)
                headers = response.headers
                var buffer = try await response.body.collect(upTo: maximumBodySize)
                body = buffer.readBytes(length: buffer.readableBytes) ?? []
            } catch {
                await governor.release(limit: limit)
                if error is CancellationError { throw error }
                let mapped = Self.transportError(error, endpoint: endpoint, credentials: credentials)
                logger.debug(
                    "BigCommerce request failed",
                    metadata: ["endpoint": "\(endpoint.route)", "error": "\(mapped.description)"])
                throw mapped
            }
            switch await governor.observe(status: status, headers: headers, latency: ContinuousClock.now - sent, limit: limit) {
            case .proceed:
                break
            case .retry:
                throttles += 1
                logger.info(
                    "BigCommerce throttled the request; waiting and resending",
                    metadata: ["endpoint": "\(endpoint.route)", "attempt": "\(throttles)"])
                if throttles <= maximumThrottleRetries { continue }
                throw Self.httpError(status: status, body: body, endpoint: endpoint, credentials: credentials)
            case .giveUp:
                throw Self.httpError(status: status, body: body, endpoint: endpoint, credentials: credentials)
            }
            logger.trace("BigCommerce response", metadata: ["endpoint": "\(endpoint.route)", "status": "\(status)"])
            if status != 408, status < 500 { health.answered(.bigCommerce) }
            if (200..<300).contains(status) || accepted.contains(status) {
                return RawResponse(status: status, body: body)
            }
            throw Self.httpError(status: status, body: body, endpoint: endpoint, credentials: credentials)
        }
    }

    /// A single V3 object; `nil` on 404 or an empty body.
    func single<T: Decodable>(_ type: T.Type, _ endpoint: Endpoint) async throws -> T? {
        let response = try await get(endpoint, accepting: [404])
        guard response.status != 404, response.hasContent else { return nil }
        return try decode(V3Envelope<T>.self, from: response.body, endpoint: endpoint).data
    }

    /// Every page of an offset-paged V3 collection, 250 per page.
    func collectPages<T: Decodable>(_ path: String, query: [(name: String, value: String)] = []) async throws
        -> [T]
    {
        var result: [T] = []
        var page = 1
        while true {
            let endpoint = Endpoint(
                .v3, path, query: query + [("limit", String(Self.maximumPageSize)), ("page", String(page))])
            let response = try await get(endpoint)
            guard response.hasContent else { return result }
            let envelope = try decode(V3Envelope<[T]>.self, from: response.body, endpoint: endpoint)
            result += envelope.data
            if envelope.data.isEmpty { return result }
            if let pagination = envelope.meta?.pagination, let totalPages = pagination.totalPages {
                if (pagination.currentPage ?? page) >= totalPages { return result }
            } else if envelope.data.count < Self.maximumPageSize {
                return result
            }
            page += 1
        }
    }

    /// Every page of an offset-paged V3 collection, 250 per page: the first page says how many there are, and the
    /// others are read side by side (within the endpoint's concurrency limit), in page order in the result. A
    /// page's price-list records (several per product: one per variant and currency) take two or three pages, and
    /// one after another they made the crawl wait on BigCommerce's response time again.
    /// The records are read in place like product pages (``ProductPageReader``), through the models when unusual.
    func priceRecordPages(_ path: String, query: [(name: String, value: String)] = []) async throws -> [PriceRecord] {
        @Sendable func page(_ number: Int) async throws -> V3Envelope<[PriceRecord]>? {
            let endpoint = Endpoint(
                .v3, path, query: query + [("limit", String(Self.maximumPageSize)), ("page", String(number))])
            let response = try await get(endpoint)
            guard response.hasContent else { return nil }
            if let read = try? ProductPageReader.readEnvelope(response.body, element: { try PriceRecord(reading: &$0) }) {
                return V3Envelope(data: read.0, meta: V3Meta(pagination: read.1))
            }
            return try decode(V3Envelope<[PriceRecord]>.self, from: response.body, endpoint: endpoint)
        }
        guard let first = try await page(1) else { return [] }
        guard let totalPages = first.meta?.pagination?.totalPages else {
            // Without pagination a full page may have a next one: read on until a short page.
            var result = first.data
            var last = first.data.count
            var number = 2
            while last == Self.maximumPageSize, let next = try await page(number), !next.data.isEmpty {
                result += next.data
                last = next.data.count
                number += 1
            }
            return result
        }
        guard totalPages > 1, !first.data.isEmpty else { return first.data }
        var pages: [Int: [PriceRecord]] = [1: first.data]
        try await withThrowingTaskGroup(of: (Int, [PriceRecord]).self) { group in
            for number in 2...totalPages {
                group.addTask { (number, try await page(number)?.data ?? []) }
            }
            for try await (number, data) in group { pages[number] = data }
        }
        return (1...totalPages).flatMap { pages[$0] ?? [] }
    }

    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], endpoint: Endpoint) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: DecodingFailure.describe(error))
        }
    }

    static func chunks(_ ids: [Int]) -> [ArraySlice<Int>] {
        stride(from: 0, to: ids.count, by: idsPerRequest).map { ids[$0..<min($0 + idsPerRequest, ids.count)] }
    }
}

// MARK: - Pure helpers (tested directly)

extension BigCommerceClient {
    /// What ``productPage(after:limit:includeVariants:)`` makes of a response body: the products that decode, and
    /// each that does not with its raw bytes. `pageSize` is the `limit` asked for (it tells a short last page).
    public static func decodeProductPage(_ body: [UInt8], pageSize: Int) throws -> ProductPage {
        try decodeProductPage(body, pageSize: pageSize, endpoint: Endpoint(.v3, "catalog/products"))
    }

    /// Splits a products response into decoded products and malformed records.
    static func decodeProductPage(_ body: [UInt8], pageSize: Int, endpoint: Endpoint) throws -> ProductPage {
        // Fastest path: the page read in place (ProductPageReader); it gives up on anything unusual, and then
        // JSONDecoder reads the whole page. Only a page with a broken record is split record by record.
        if let read = try? ProductPageReader.read(body) {
            return ProductPage(
                products: read.products, malformed: [], lastID: read.products.map(\.id).max(),
                isLast: isLastPage(count: read.products.count, pagination: read.pagination, pageSize: pageSize),
                total: read.pagination?.total)
        }
        if let envelope = try? JSONDecoder().decode(V3Envelope<[Product]>.self, from: Data(body)) {
            return ProductPage(
                products: envelope.data, malformed: [], lastID: envelope.data.map(\.id).max(),
                isLast: isLastPage(count: envelope.data.count, pagination: envelope.meta?.pagination, pageSize: pageSize),
                total: envelope.meta?.pagination?.total)
        }
        // A page with a broken record is sliced into its records, each decoded on its own and a broken one kept
        // byte for byte for its dead letter: 35 ms for 250 products, where Foundation's failable elements take
        // 46 ms and can only re-serialise the broken one, not keep what BigCommerce sent (BENCHMARKS.md).
        let scanner = JSONScanner(body)
        var members: [String: Range<Int>] = [:]
        let elements: [Range<Int>]
        do {
            for member in try scanner.members(ofObject: try scanner.topLevelValue()) {
                members[member.key] = member.value
            }
            guard let dataRange = members["data"] else {
                throw BigCommerceError.decoding(endpoint: endpoint.route, context: "response has no \"data\" member")
            }
            elements = try scanner.elements(ofArray: dataRange)
        } catch let error as BigCommerceError {
            throw error
        } catch {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: String(describing: error))
        }
        let decoder = JSONDecoder()
        var products: [Product] = []
        var malformed: [MalformedRecord] = []
        var lastID: Int?
        products.reserveCapacity(elements.count)
        for range in elements {
            let payload = Data(body[range])
            do {
                let product = try decoder.decode(Product.self, from: payload)
                products.append(product)
                lastID = max(lastID ?? product.id, product.id)
            } catch {
                let id = (try? decoder.decode(IDProbe.self, from: payload))?.id?.value
                if let id { lastID = max(lastID ?? id, id) }
                malformed.append(MalformedRecord(id: id, payload: payload, error: DecodingFailure.describe(error)))
            }
        }
        var pagination: Pagination?
        if let metaRange = members["meta"] {
            pagination = (try? decoder.decode(V3Meta.self, from: Data(body[metaRange])))?.pagination
        }
        return ProductPage(
            products: products, malformed: malformed, lastID: lastID,
            isLast: isLastPage(count: elements.count, pagination: pagination, pageSize: pageSize),
            total: pagination?.total)
    }

    /// A keyset page is the last when it is empty, when its pagination says so, or (without pagination) when short.
    private static func isLastPage(count: Int, pagination: Pagination?, pageSize: Int) -> Bool {
        if count == 0 { return true }
        if let totalPages = pagination?.totalPages { return totalPages <= (pagination?.currentPage ?? 1) }
        return count < pageSize
    }

    /// The error for a non-2xx response: names the credential at fault; the body is truncated and token-free.
    static func httpError(status: Int, body: [UInt8], endpoint: Endpoint, credentials: BigCommerceCredentials)
        -> BigCommerceError
    {
        switch status {
        case 401:
            return .unauthorized(endpoint: endpoint.route)
        case 403:
            return .forbidden(endpoint: endpoint.route)
        case 404 where endpoint.version == .v2 && endpoint.path == "store":
            return .storeNotFound(storeHash: credentials.storeHash)
        default:
            var text = String(decoding: body.prefix(2000), as: UTF8.self)
            if body.count > 2000 { text += "…" }
            return .http(
                status: status, endpoint: redact(endpoint.description, credentials), body: redact(text, credentials))
        }
    }

    /// The error for a request that got no response, naming the API host.
    static func transportError(_ error: any Error, endpoint: Endpoint, credentials: BigCommerceCredentials)
        -> BigCommerceError
    {
        if let clientError = error as? HTTPClientError,
            clientError == .deadlineExceeded || clientError == .readTimeout
        {
            return .timeout(endpoint: endpoint.route)
        }
        var reason = String(describing: error)
        let lowered = reason.lowercased()
        if lowered.contains("unknownhost") || lowered.contains("name or service not known") {
            return .unknownHost(credentials.apiURL.host ?? hostDescription(credentials.apiURL))
        } else if lowered.contains("refused") {
            reason = "connection refused"
        } else if let clientError = error as? HTTPClientError, clientError == .connectTimeout {
            reason = "connection timed out"
        } else if let clientError = error as? HTTPClientError, clientError == .remoteConnectionClosed {
            reason = "connection closed by the server"
        }
        return .transport("cannot reach \(hostDescription(credentials.apiURL)): \(redact(reason, credentials))")
    }

    /// `https://api.bigcommerce.com` or `http://127.0.0.1:8080`.
    static func hostDescription(_ url: URL) -> String {
        var text = "\(url.scheme ?? "https")://\(url.host ?? url.absoluteString)"
        if let port = url.port { text += ":\(port)" }
        return text
    }

    private static func redact(_ text: String, _ credentials: BigCommerceCredentials) -> String {
        guard !credentials.accessToken.isEmpty else { return text }
        return text.replacingOccurrences(of: credentials.accessToken, with: "***")
    }
}

/// Reads just the id of a record that failed to decode.
private struct IDProbe: Decodable {
    var id: LenientInt?
}
