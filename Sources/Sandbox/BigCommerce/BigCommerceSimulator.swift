import Foundation
import Hummingbird
import JSONSupport

/// The BigCommerce REST API simulator: routes under `/stores/{store_hash}/…` answering like the real V2/V3 API
/// (envelopes, pagination meta, limits, auth, rate-limit headers, error bodies), plus fault injection.
final class BigCommerceSimulator: Sendable {
    let store: SandboxStore
    let faults: BigCommerceFaults
    let rateLimit: BigCommerceRateLimit
    let storeHash: String
    let accessToken: String
    let webhooks: SandboxWebhooks
    let scripts: SandboxScripts
    /// The app client id the storefront's `/customer/current.jwt` answers for.
    let appClientID: String

    static let errorType = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
    static let maxLimit = 250
    static let defaultLimit = 50

    init(store: SandboxStore, faults: BigCommerceFaults, rateLimit: BigCommerceRateLimit, storeHash: String, accessToken: String, webhooks: SandboxWebhooks, scripts: SandboxScripts, appClientID: String = SandboxConfiguration.defaultAppClientID) {
        self.store = store
        self.appClientID = appClientID
        self.webhooks = webhooks
        self.scripts = scripts
        self.faults = faults
        self.rateLimit = rateLimit
        self.storeHash = storeHash
        self.accessToken = accessToken
    }

    /// A failure answered with an error body (V2 array or V3 object, chosen by the path).
    struct Failure: Error {
        var status: Int
        var title: String
        var errors: [String: String] = [:]
    }

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        let path = request.uri.path.split(separator: "/").map(String.init)
        let rest = path.count > 2 ? Array(path[2...]) : []
        let isV2 = rest.first == "v2"
        let routeName = "\(request.method.rawValue) /" + rest.map { Self.isIdentifier($0) ? "{id}" : $0 }.joined(separator: "/")
        let settings = faults.count(route: routeName)

        if path == ["customer", "current.jwt"], request.method == .get {
            return currentCustomerToken(request)
        }
        guard path.count >= 3, path[0] == "stores", path[1] == storeHash else {
            return errorResponse(Failure(status: 404, title: "Store not found"), v2: isV2)
        }
        guard let token = request.headers.value("X-Auth-Token"), token == accessToken else {
            return errorResponse(Failure(status: 401, title: "Unauthorized: the X-Auth-Token header is missing or invalid."), v2: isV2)
        }

        var rateHeaders = HTTPFields()
        switch rateLimit.acquire() {
        case .exhausted(let reset, let quota, let window):
            faults.record {
                $0.rateLimited += 1
                $0.quotaExhausted += 1
            }
            rateHeaders.set("X-Rate-Limit-Time-Window-Ms", String(window))
            rateHeaders.set("X-Rate-Limit-Time-Reset-Ms", String(reset))
            rateHeaders.set("X-Rate-Limit-Requests-Quota", String(quota))
            rateHeaders.set("X-Rate-Limit-Requests-Left", "0")
            rateHeaders.set("X-Retry-After", String((reset + 999) / 1000))
            return errorResponse(Failure(status: 429, title: "Too many requests: the store's API quota for this window is exhausted."), v2: isV2, headers: rateHeaders)
        case .allowed(let left, let reset, let quota, let window):
            rateHeaders.set("X-Rate-Limit-Time-Window-Ms", String(window))
            rateHeaders.set("X-Rate-Limit-Time-Reset-Ms", String(reset))
            rateHeaders.set("X-Rate-Limit-Requests-Quota", String(quota))
            rateHeaders.set("X-Rate-Limit-Requests-Left", String(left))
        }

        if settings.latency > .zero || settings.latencyPerItem > .zero {
            let items = QueryParameters(request.uri.query)["limit"].flatMap { Int($0) } ?? 1
            try await Task.sleep(for: settings.latency(items: items))
        }
        if faults.roll(settings.dropConnectionRate) {
            faults.record { $0.droppedConnections += 1 }
            await context.closeConnection()
            throw ConnectionDropped()
        }
        if faults.roll(settings.rateLimitStormRate) {
            faults.record { $0.rateLimited += 1 }
            return errorResponse(Failure(status: 429, title: "Too many requests."), v2: isV2)
        }
        if faults.roll(settings.serverErrorRate) {
            let status = faults.pickServerError()
            faults.record { $0.serverErrors += 1 }
            return errorResponse(Failure(status: status, title: "Internal error (injected)."), v2: isV2, headers: rateHeaders)
        }

        var response: Response
        do {
            if rest.count >= 2, rest[0] == "v3", rest[1] == "hooks" {
                let body = try await Self.collectBody(request)
                response = try hooks(rest, method: request.method, query: QueryParameters(request.uri.query), body: body)
            } else if rest.count >= 3, rest[0] == "v3", rest[1] == "content", rest[2] == "scripts" {
                let body = try await Self.collectBody(request)
                response = try contentScripts(rest, method: request.method, query: QueryParameters(request.uri.query), body: body)
            } else if rest.count >= 2, rest[0] == "v3", rest[1] == "segments" || rest[1] == "shopper-profiles" {
                let body = try await Self.collectBody(request)
                response = try segmentation(Array(rest.dropFirst()), method: request.method, query: QueryParameters(request.uri.query), body: body)
            } else if rest.count >= 2, rest[0] == "v3", rest[1] == "customers" {
                response = try customers(Array(rest.dropFirst(2)), method: request.method, query: QueryParameters(request.uri.query))
            } else if rest == ["graphql"] {
                guard request.method == .post else {
                    throw Failure(status: 405, title: "The GraphQL Admin API answers POST only.")
                }
                response = graphQL(try await Self.collectBody(request))
            } else {
                guard request.method == .get else {
                    throw Failure(status: 405, title: "Method not allowed by the sandbox (read-only).")
                }
                response = try route(rest, query: QueryParameters(request.uri.query), settings: settings)
            }
        } catch let failure as Failure {
            if failure.status >= 500 { faults.record { $0.serverErrors += 1 } }
            response = errorResponse(failure, v2: isV2)
        }
        for field in rateHeaders { response.headers.append(field) }
        return response
    }

    /// Whether a path segment is a record id (digits or a UUID), named `{id}` in route counters and faults.
    static func isIdentifier(_ segment: String) -> Bool {
        Int(segment) != nil || (segment.count == 36 && UUID(uuidString: segment) != nil)
    }

    func errorResponse(_ failure: Failure, v2: Bool, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter(capacity: 256)
        if v2 {
            writer.openArray()
            writer.openObject()
            writer.field("status", failure.status)
            writer.field("message", failure.title)
            writer.closeObject()
            writer.closeArray()
        } else {
            writer.openObject()
            writer.field("status", failure.status)
            writer.field("title", failure.title)
            writer.field("type", Self.errorType)
            if !failure.errors.isEmpty {
                writer.key("errors")
                writer.openObject()
                for (key, value) in failure.errors.sorted(by: { $0.key < $1.key }) { writer.field(key, value) }
                writer.closeObject()
            }
            writer.closeObject()
        }
        return .json(.init(code: failure.status), writer.bytes, headers: headers)
    }

    // MARK: Routing

    func route(_ rest: [String], query: QueryParameters, settings: BigCommerceFaultSettings) throws -> Response {
        switch rest {
        case ["v2", "store"]:
            return storeInfo()
        case ["v2", "currencies"]:
            return try currencies(query)
        case ["v3", "settings", "search", "filters"]:
            return searchFilters()
        case ["v3", "settings", "search", "filters", "contexts"]:
            return try searchFilterContexts(query)
        case ["v3", "settings", "storefront", "search"]:
            return storefrontSearchSettings()
        case ["v3", "channels"]:
            let channels = store.catalog.channels
            return try paginated(channels, query: query) { $0.channel($1) }
        case _ where rest.count == 4 && rest[0] == "v3" && rest[1] == "channels" && rest[3] == "site":
            return try site(channelID: Int(rest[2]))
        case _ where rest.count == 4 && rest[0] == "v3" && rest[1] == "channels" && rest[3] == "currency-assignments":
            return try currencyAssignment(channelID: Int(rest[2]))
        case ["v3", "catalog", "products"]:
            return try products(query, settings: settings)
        case _ where rest.count == 4 && rest[0] == "v3" && rest[1] == "catalog" && rest[2] == "products":
            return try product(id: Int(rest[3]), query: query, settings: settings)
        case ["v3", "catalog", "variants"]:
            return try variants(query)
        case ["v3", "catalog", "trees"]:
            let channelIn = try ints(query, "channel_id:in")
            let idIn = try ints(query, "id:in")
            let trees = store.catalog.categoryTrees.filter {
                (channelIn == nil || $0.channels.contains(where: channelIn!.contains)) && (idIn == nil || idIn!.contains($0.id))
            }
            return try paginated(trees, query: query) { writer, tree in
                writer.openObject()
                writer.field("id", tree.id)
                writer.field("name", tree.name)
                writer.field("channels", tree.channels)
                writer.closeObject()
            }
        case ["v3", "catalog", "trees", "categories"]:
            let treeIn = try ints(query, "tree_id:in")
            let categoryIn = try ints(query, "category_id:in")
            let parentIn = try ints(query, "parent_id:in")
            let visible = query["is_visible"].map { $0 == "true" || $0 == "1" }
            let categories = store.categories().filter {
                (treeIn == nil || treeIn!.contains($0.treeID)) && (categoryIn == nil || categoryIn!.contains($0.id))
                    && (parentIn == nil || parentIn!.contains($0.parentID)) && (visible == nil || visible! == $0.isVisible)
            }
            return try paginated(categories, query: query) { $0.category($1) }
        case ["v3", "catalog", "brands"]:
            let idIn = try ints(query, "id:in")
            let brands = store.brands().filter { (idIn == nil || idIn!.contains($0.id)) && (query["name"] == nil || query["name"] == $0.name) }
            return try paginated(brands, query: query) { $0.brand($1) }
        case ["v3", "pricelists"]:
            let idIn = try ints(query, "id:in")
            let lists = store.catalog.priceLists.filter { idIn == nil || idIn!.contains($0.id) }
            return try paginated(lists, query: query) { writer, list in
                writer.openObject()
                writer.field("id", list.id)
                writer.field("name", list.name)
                writer.field("date_created", date: SandboxCatalog.epoch2024)
                writer.field("date_modified", date: SandboxCatalog.epoch2024)
                writer.field("active", list.active)
                writer.closeObject()
            }
        case ["v3", "pricelists", "assignments"]:
            let listIn = try ints(query, "price_list_id:in") ?? ints(query, "price_list_id")
            let channelIn = try ints(query, "channel_id:in") ?? ints(query, "channel_id")
            let assignments = store.catalog.priceListAssignments.filter {
                (listIn == nil || listIn!.contains($0.priceListID)) && (channelIn == nil || $0.channelID.map(channelIn!.contains) == true)
            }
            return try paginated(assignments, query: query) { writer, assignment in
                writer.openObject()
                writer.field("id", assignment.id)
                writer.field("price_list_id", assignment.priceListID)
                writer.field("customer_group_id", assignment.customerGroupID)
                writer.field("channel_id", assignment.channelID)
                writer.closeObject()
            }
        case _ where rest.count == 4 && rest[0] == "v3" && rest[1] == "pricelists" && rest[3] == "records":
            return try priceRecords(listID: Int(rest[2]), query: query, settings: settings)
        case _ where rest.count >= 2 && rest[0] == "v2" && rest[1] == "orders":
            return try orders(Array(rest.dropFirst(2)), query: query)
        default:
            throw Failure(status: 404, title: "The requested resource was not found.")
        }
    }

    // MARK: Helpers

    func ints(_ query: QueryParameters, _ name: String) throws -> Set<Int>? {
        switch query.intList(name) {
        case .success(let value): return value
        case .failure: throw Failure(status: 422, title: "The filter(s): \(name) are not valid.", errors: [name: "must be a comma-separated list of integers"])
        }
    }

    func int(_ query: QueryParameters, _ name: String) throws -> Int? {
        switch query.int(name) {
        case .success(let value): return value
        case .failure: throw Failure(status: 422, title: "The filter(s): \(name) are not valid.", errors: [name: "must be an integer"])
        }
    }

    func paging(_ query: QueryParameters) throws -> (page: Int, limit: Int) {
        let limit = try int(query, "limit") ?? Self.defaultLimit
        let page = try int(query, "page") ?? 1
        if limit > Self.maxLimit {
            throw Failure(status: 413, title: "The limit parameter exceeds the maximum of \(Self.maxLimit).", errors: ["limit": "must be at most \(Self.maxLimit)"])
        }
        if limit < 1 || page < 1 {
            throw Failure(status: 422, title: "The page and limit parameters must be positive.", errors: ["limit": "must be at least 1"])
        }
        return (page, limit)
    }

    func envelope(total: Int, page: Int, limit: Int, _ items: (inout JSONWriter) -> Int) -> Response {
        var writer = JSONWriter(capacity: 4096)
        writer.openObject()
        writer.key("data")
        writer.openArray()
        let count = items(&writer)
        writer.closeArray()
        writer.key("meta")
        writer.openObject()
        writer.key("pagination")
        writer.openObject()
        let totalPages = (total + limit - 1) / limit
        writer.field("total", total)
        writer.field("count", count)
        writer.field("per_page", limit)
        writer.field("current_page", page)
        writer.field("total_pages", totalPages)
        writer.key("links")
        writer.openObject()
        if page > 1 { writer.field("previous", "?page=\(page - 1)&limit=\(limit)") }
        writer.field("current", "?page=\(page)&limit=\(limit)")
        if page < totalPages { writer.field("next", "?page=\(page + 1)&limit=\(limit)") }
        writer.closeObject()
        writer.closeObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    func paginated<T>(_ items: [T], query: QueryParameters, render: (inout JSONWriter, T) -> Void) throws -> Response {
        let (page, limit) = try paging(query)
        let start = min(items.count, (page - 1) * limit)
        let slice = items[start..<min(items.count, start + limit)]
        return envelope(total: items.count, page: page, limit: limit) { writer in
            for item in slice { render(&writer, item) }
            return slice.count
        }
    }

    func single(_ render: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter(capacity: 2048)
        writer.openObject()
        writer.key("data")
        render(&writer)
        writer.key("meta")
        writer.openObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    // MARK: V2

    func storeInfo() -> Response {
        let catalog = store.catalog
        var writer = JSONWriter()
        writer.openObject()
        writer.field("id", storeHash)
        writer.field("domain", "main.sandbox.example")
        writer.field("secure_url", catalog.secureURL)
        writer.field("control_panel_base_url", "https://store-\(storeHash).mybigcommerce.com")
        writer.field("status", "live")
        writer.field("name", catalog.storeName)
        writer.field("first_name", "Sandbox")
        writer.field("last_name", "Merchant")
        writer.field("address", "1 Sandbox Way")
        writer.field("country", "United States")
        writer.field("country_code", "US")
        writer.field("phone", "")
        writer.field("admin_email", "merchant@sandbox.example")
        writer.field("order_email", "orders@sandbox.example")
        writer.field("favicon_url", "")
        writer.key("timezone")
        writer.openObject()
        writer.field("name", "Etc/UTC")
        writer.field("raw_offset", 0)
        writer.field("dst_offset", 0)
        writer.field("dst_correction", false)
        writer.key("date_format")
        writer.openObject()
        writer.field("display", "M jS Y")
        writer.field("export", "M jS Y")
        writer.field("extended_display", "M jS Y @ g:i A")
        writer.closeObject()
        writer.closeObject()
        writer.field("language", "en")
        writer.field("currency", catalog.defaultCurrency)
        writer.field("currency_symbol", "$")
        writer.field("decimal_separator", ".")
        writer.field("thousands_separator", ",")
        writer.field("decimal_places", 2)
        writer.field("currency_symbol_location", "left")
        writer.field("weight_units", "kg")
        writer.field("dimension_units", "Centimeters")
        writer.field("dimension_decimal_places", "2")
        writer.field("dimension_decimal_token", ".")
        writer.field("dimension_thousands_token", ",")
        // UNCONFIRMED: the plan names BigCommerce reports; clerkbridge never decides on them.
        let plan = store.segmentation.settings.enterprise ? "Enterprise" : "Plus"
        writer.field("plan_name", plan)
        writer.field("plan_level", plan)
        writer.field("plan_is_trial", false)
        writer.field("industry", "Home & Garden")
        writer.key("logo")
        writer.openArray()
        writer.closeArray()
        writer.field("is_price_entered_with_tax", false)
        writer.field("store_id", 1_000_001)
        writer.field("default_channel_id", 1)
        writer.field("default_site_id", 1000)
        writer.key("features")
        writer.openObject()
        writer.field("stencil_enabled", true)
        writer.field("sitewidehttps_enabled", true)
        writer.field("facebook_catalog_id", "")
        writer.field("checkout_type", "optimized")
        writer.field("wishlists_enabled", false)
        writer.field("graphql_storefront_api_enabled", true)
        writer.field("shopper_consent_tracking_enabled", false)
        writer.field("multi_storefront_enabled", true)
        writer.key("storefront_limits")
        writer.openObject()
        writer.field("active", 2)
        writer.field("total_including_inactive", 2)
        writer.closeObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    /// `GET /v2/currencies`: a bare array; an empty result (filter or page past the end) is 204 with no body.
    func currencies(_ query: QueryParameters) throws -> Response {
        var currencies = store.catalog.currencies
        if let code = query["currency_code"] { currencies = currencies.filter { $0.code.caseInsensitiveCompare(code) == .orderedSame } }
        if let enabled = query["enabled"] { currencies = currencies.filter { $0.enabled == (enabled == "true" || enabled == "1") } }
        let (page, limit) = try paging(query)
        let start = min(currencies.count, (page - 1) * limit)
        let slice = currencies[start..<min(currencies.count, start + limit)]
        if slice.isEmpty { return Response(status: .noContent) }
        var writer = JSONWriter()
        writer.openArray()
        for currency in slice { writer.currencyV2(currency) }
        writer.closeArray()
        return .json(.ok, writer.bytes)
    }

    // MARK: Channels

    func site(channelID: Int?) throws -> Response {
        guard let channelID, store.catalog.channels.contains(where: { $0.id == channelID }) else {
            throw Failure(status: 404, title: "Channel not found.")
        }
        guard let site = store.catalog.sites.first(where: { $0.channelID == channelID }) else {
            throw Failure(status: 404, title: "No site found for channel \(channelID).")
        }
        return single { $0.site(site) }
    }

    func currencyAssignment(channelID: Int?) throws -> Response {
        guard let channelID, let channel = store.catalog.channels.first(where: { $0.id == channelID }) else {
            throw Failure(status: 404, title: "Channel not found.")
        }
        return single { writer in
            writer.openObject()
            writer.field("channel_id", channel.id)
            writer.field("enabled_currencies", channel.enabledCurrencies)
            writer.field("default_currency", channel.defaultCurrency)
            writer.closeObject()
        }
    }

    // MARK: Products

    func productQuery(_ query: QueryParameters) throws -> ProductQuery {
        var result = ProductQuery()
        result.idIn = try ints(query, "id:in")
        if let id = try int(query, "id") { result.idIn = (result.idIn ?? [id]).intersection([id]) }
        result.idMin = try int(query, "id:min")
        result.idMax = try int(query, "id:max")
        result.idGreater = try int(query, "id:greater")
        result.idLess = try int(query, "id:less")
        result.channelIn = try ints(query, "channel_id:in")
        for (name, keyPath) in [("date_modified:min", \ProductQuery.dateModifiedMin), ("date_modified:max", \ProductQuery.dateModifiedMax)] {
            if let text = query[name] {
                guard let date = DateText.parseFilter(text) else {
                    throw Failure(status: 422, title: "The filter(s): \(name) are not valid.", errors: [name: "invalid format"])
                }
                result[keyPath: keyPath] = date
            }
        }
        var sortText = query["sort"] ?? "id"
        var direction = query["direction"] ?? "asc"
        if let colon = sortText.firstIndex(of: ":") {
            direction = String(sortText[sortText.index(after: colon)...])
            sortText = String(sortText[..<colon])
        }
        switch sortText {
        case "id": result.sort = .id
        case "date_modified": result.sort = .dateModified
        default: throw Failure(status: 422, title: "The sort parameter is not supported by the sandbox.", errors: ["sort": "use id or date_modified"])
        }
        switch direction {
        case "asc": result.descending = false
        case "desc": result.descending = true
        default: throw Failure(status: 422, title: "The direction parameter must be asc or desc.", errors: ["direction": "invalid"])
        }
        return result
    }

    func products(_ query: QueryParameters, settings: BigCommerceFaultSettings) throws -> Response {
        let productQuery = try productQuery(query)
        let (page, limit) = try paging(query)
        if let greater = productQuery.idGreater, settings.failingProductPages.contains(greater) {
            throw Failure(status: 500, title: "Internal server error (injected for this page).")
        }
        let includes = ProductIncludes(query["include"])
        let total = productQuery.count(in: store)
        var matches = productQuery.matches(in: store)
        for _ in 0..<((page - 1) * limit) where matches.next() != nil {}
        var products: [SandboxProduct] = []
        products.reserveCapacity(limit)
        while products.count < limit, let match = matches.next() {
            products.append(match.product(in: store))
        }
        return envelope(total: total, page: page, limit: limit) { writer in
            for product in products {
                writer.product(product, includes: includes, malformed: settings.malformedProductIDs.contains(product.id))
            }
            return products.count
        }
    }

    func product(id: Int?, query: QueryParameters, settings: BigCommerceFaultSettings) throws -> Response {
        guard let id, let product = store.product(id: id) else {
            throw Failure(status: 404, title: "The requested product was not found.")
        }
        let includes = ProductIncludes(query["include"])
        return single { $0.product(product, includes: includes, malformed: settings.malformedProductIDs.contains(id)) }
    }

    func variants(_ query: QueryParameters) throws -> Response {
        let productIn = try ints(query, "product_id:in") ?? ints(query, "product_id")
        let idIn = try ints(query, "id:in")
        let (page, limit) = try paging(query)
        var variants: [SandboxVariant] = []
        var total = 0
        if productIn != nil || idIn != nil {
            let productIDs = productIn ?? Set(idIn!.map { $0 / 100 })
            for productID in productIDs.sorted() {
                guard let product = store.product(id: productID) else { continue }
                variants += product.variants.filter { idIn == nil || idIn!.contains($0.id) }
            }
            total = variants.count
            let start = min(variants.count, (page - 1) * limit)
            variants = Array(variants[start..<min(variants.count, start + limit)])
        } else {
            let skip = (page - 1) * limit
            for match in ProductQuery().matches(in: store) {
                let count: Int
                switch match {
                case .base(let index): count = store.catalog.variantCount(index: index)
                case .overlay(let product): count = product.variants.count
                }
                let range = total..<(total + count)
                total += count
                if range.upperBound > skip, range.lowerBound < skip + limit {
                    let product = match.product(in: store)
                    for (offset, variant) in product.variants.enumerated() where (skip..<(skip + limit)).contains(range.lowerBound + offset) {
                        variants.append(variant)
                    }
                }
            }
        }
        return envelope(total: total, page: page, limit: limit) { writer in
            for variant in variants { writer.variant(variant, product: nil) }
            return variants.count
        }
    }

    func priceRecords(listID: Int?, query: QueryParameters, settings: BigCommerceFaultSettings) throws -> Response {
        guard let listID, store.catalog.priceLists.contains(where: { $0.id == listID }) else {
            throw Failure(status: 404, title: "Price list not found.")
        }
        let productIn = try ints(query, "product_id:in")
        if let productIn, productIn.contains(where: settings.failingPriceRecordProducts.contains) {
            throw Failure(status: 500, title: "Internal server error (injected for these products' price records).")
        }
        let variantIn = try ints(query, "variant_id:in")
        var currencies: Set<String>?
        if let text = query["currency:in"] ?? query["currency"] {
            currencies = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        }
        var products: [SandboxProduct]
        if let productIn {
            products = productIn.sorted().compactMap { store.product(id: $0) }
        } else if let variantIn {
            products = Set(variantIn.map { $0 / 100 }).sorted().compactMap { store.product(id: $0) }
        } else {
            products = Array(store.allProducts())
        }
        var records: [SandboxPriceRecord] = []
        for product in products {
            records += store.priceRecords(priceListID: listID, for: product).filter {
                (variantIn == nil || variantIn!.contains($0.variantID)) && (currencies == nil || currencies!.contains($0.currency.uppercased()))
            }
        }
        return try paginated(records, query: query) { $0.priceRecord($1) }
    }
}
