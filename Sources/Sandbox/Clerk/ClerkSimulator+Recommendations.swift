import Foundation
import Hummingbird
import JSONSupport

/// Recommendations (`/v2/recommendations/*`, public key), deterministic from what the store holds:
///
/// - `popular` and `trending` (and `category/popular`, `category/trending`): by `total_sold` descending (the
///   sandbox has no sales trend, so trending ranks like popular);
/// - `new` and `category/new`: by `created_at` descending;
/// - `category/*`: only products whose `categories` hold `category`;
/// - `complementary`, `substituting`, `most_sold_with`: products sharing a category with `products` (more
///   shared categories first), the given products left out;
/// - `visitor/history`: the products the visitor viewed (`log/product`) or put in a basket (`log/cart/*`),
///   most recent first; `visitor/complementary` and `visitor/substituting`: products sharing a category with
///   that history, the history left out. Given `email` (which overrides `visitor`), the history is that of every
///   visitor a log call tied to the email (`log/email`, `log/sale`, cart calls with `email`); the history ends with
///   what the emails tied to the visitors bought (stored orders);
/// - `customer/history`: the products of the stored orders (`log/sale`, `/v2/orders`) whose `email` is the
///   given one, newest order first; `customer/complementary` and `customer/substituting`: products sharing a
///   category with them, those left out;
/// - `keywords`: products whose `name` or `description` contains a word of `keywords`, by `total_sold`.
///
/// Ties go to the lower id. Products stored with `index: false` count for the algorithms (a history, a related
/// category) but are never in a result. All honour `filter` (`ClerkFilterEvaluator`), `exclude` and `limit` and answer
/// `{"status":"ok","result":[ids]}`; every accepted call is recorded in the call log with its parameters.
extension ClerkSimulator {
    /// The recommendation endpoints below `recommendations/`, with the context parameter each requires.
    static let recommendationContexts: [String: String?] = [
        "popular": nil, "trending": nil, "new": nil, "keywords": "keywords",
        "complementary": "products", "substituting": "products", "most_sold_with": "products",
        "category/popular": "category", "category/trending": "category", "category/new": "category",
        "visitor/history": "visitor", "visitor/complementary": "visitor", "visitor/substituting": "visitor",
        "customer/history": "email", "customer/complementary": "email", "customer/substituting": "email",
    ]

    /// Handles `/v2/recommendations/<name>`.
    func handleRecommendations(_ request: Request, name: String, body: [UInt8]) throws -> Response {
        guard let context = Self.recommendationContexts[name] else {
            throw ClerkFailure(
                status: 404, type: "LogicalError", message: "Unknown endpoint /v2/recommendations/\(name).")
        }
        var arguments = try readArguments(request, body: body)
        let store = try authenticatePublic(key: arguments.removeValue(forKey: "key")?.stringValue)
        let limit = try Self.limit(arguments, maximum: nil)
        if let context, arguments[context] == nil, !(context == "visitor" && arguments["email"] != nil) {
            throw Self.parsing("Missing argument \(context).")
        }
        try Self.checkTracking(arguments)
        let exclude = Set(try Self.ids(arguments["exclude"], name: "exclude") ?? [])
        let filter = try Self.filter(arguments)

        let products = storage.productDocuments(publicKey: store.publicKey)
        var ranked: [Int]
        switch name {
        case "popular", "trending":
            ranked = Self.rank(products.keys, by: "total_sold", in: products)
        case "new":
            ranked = Self.rank(products.keys, by: "created_at", in: products)
        case "keywords":
            guard let text = arguments["keywords"]?.stringValue else {
                throw Self.parsing("Invalid argument keywords: must be a string.")
            }
            let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            let matching = products.filter { _, document in
                let haystack =
                    ((document["name"]?.stringValue ?? "") + " " + (document["description"]?.stringValue ?? ""))
                    .lowercased()
                return words.contains { haystack.contains($0) }
            }
            ranked = Self.rank(matching.keys, by: "total_sold", in: products)
        case "complementary", "substituting", "most_sold_with":
            guard let given = try Self.ids(arguments["products"], name: "products"), !given.isEmpty else {
                throw Self.parsing("Invalid argument products: must be a non-empty list of ids.")
            }
            ranked = Self.related(to: given, in: products)
        case "category/popular", "category/trending", "category/new":
            guard let category = arguments["category"]?.intValue else {
                throw Self.parsing("Invalid argument category: must be an id.")
            }
            let inCategory = products.filter { _, document in
                Self.categories(of: document).contains(category)
            }
            ranked = Self.rank(inCategory.keys, by: name == "category/new" ? "created_at" : "total_sold", in: products)
        case "visitor/history", "visitor/complementary", "visitor/substituting":
            let shoppers: Set<String>
            if let email = arguments["email"] {
                guard let email = email.stringValue, email.contains("@") else {
                    throw Self.parsing("Invalid argument email: must be an email address.")
                }
                shoppers = visitors(of: email, publicKey: store.publicKey)
            } else {
                guard let visitor = arguments["visitor"]?.stringValue else {
                    throw Self.parsing("Invalid argument visitor: must be a string.")
                }
                shoppers = [visitor]
            }
            let history = visitorHistory(publicKey: store.publicKey, visitors: shoppers)
            ranked = name == "visitor/history" ? history : Self.related(to: history, in: products)
        default:
            guard let email = arguments["email"]?.stringValue, email.contains("@") else {
                throw Self.parsing("Invalid argument email: must be an email address.")
            }
            let history = customerHistory(publicKey: store.publicKey, email: email)
            ranked = name == "customer/history" ? history : Self.related(to: history, in: products)
        }
        let result = ranked.lazy.filter { id in
            !exclude.contains(id) && products[id].map(ClerkStorage.isShown) != false && (filter.map { filter in products[id].map(filter.matches) ?? false } ?? true)
        }.prefix(limit)

        record("recommendations/" + name, request: request, publicKey: store.publicKey, arguments: arguments)
        var writer = JSONWriter(capacity: 32 + 8 * result.count)
        writer.openObject()
        writer.field("status", "ok")
        writer.field("result", Array(result))
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    /// The visitors log calls tied to `email`.
    func visitors(of email: String, publicKey: String) -> Set<String> {
        storage.trails.withLock { $0.visitors(of: email, publicKey: publicKey) }
    }

    /// The products the `visitors` viewed or put in a basket, most recent first, then what the emails tied to them
    /// bought (newest order first), each once. UNCONFIRMED: that Clerk's visitor recommendations draw on the purchase
    /// history of the customer a visitor was tied to by email; the sandbox assumes they do.
    func visitorHistory(publicKey: String, visitors: Set<String>) -> [Int] {
        let (browsed, emails) = storage.trails.withLock {
            ($0.history(of: visitors, publicKey: publicKey), $0.emails(of: visitors, publicKey: publicKey))
        }
        var seen = Set(browsed)
        var history = browsed
        for email in emails.sorted() {
            for id in customerHistory(publicKey: publicKey, email: email) where seen.insert(id).inserted { history.append(id) }
        }
        return history
    }

    /// The products of the stored orders with `email`, newest order first (`time`, then id), each once.
    func customerHistory(publicKey: String, email: String) -> [Int] {
        let orders = storage.orderDocuments(publicKey: publicKey).filter {
            $0.value["email"]?.stringValue?.lowercased() == email.lowercased()
        }
        let newestFirst = orders.sorted { left, right in
            let (leftTime, rightTime) = (left.value["time"]?.intValue ?? 0, right.value["time"]?.intValue ?? 0)
            return leftTime != rightTime ? leftTime > rightTime : left.key > right.key
        }
        var seen: Set<Int> = []
        var history: [Int] = []
        for (_, order) in newestFirst {
            guard case .array(let lines)? = order["products"] else { continue }
            for line in lines {
                if let id = line["id"]?.intValue ?? line.intValue, seen.insert(id).inserted { history.append(id) }
            }
        }
        return history
    }

    /// Products sharing a category with `given`, more shared categories first, then by `total_sold`; `given`
    /// left out.
    static func related(to given: [Int], in products: [Int: JSONValue]) -> [Int] {
        let wanted = Set(given.flatMap { products[$0].map(categories(of:)) ?? [] })
        let excluded = Set(given)
        var shared: [Int: Int] = [:]
        for (id, document) in products where !excluded.contains(id) {
            let count = categories(of: document).filter(wanted.contains).count
            if count > 0 { shared[id] = count }
        }
        let bySales = rank(shared.keys, by: "total_sold", in: products)
        let position = Dictionary(uniqueKeysWithValues: bySales.enumerated().map { ($1, $0) })
        return bySales.sorted { left, right in
            shared[left]! != shared[right]! ? shared[left]! > shared[right]! : position[left]! < position[right]!
        }
    }

    /// The category ids of a product document (`categories`, ids as numbers or numeric strings).
    static func categories(of document: JSONValue) -> Set<Int> {
        guard case .array(let items)? = document["categories"] else { return [] }
        return Set(items.compactMap(\.intValue))
    }

    /// `ids` by `attribute` descending (numbers as decimals, strings by text; missing last), ties by id.
    static func rank<IDs: Sequence>(_ ids: IDs, by attribute: String, in products: [Int: JSONValue]) -> [Int]
    where IDs.Element == Int {
        ids.sorted { left, right in
            switch ClerkSortKey.compare(products[left]?[attribute], products[right]?[attribute]) {
            case .orderedAscending: false
            case .orderedDescending: true
            case .orderedSame: left < right
            }
        }
    }

    /// The arguments of a public read: the JSON body's members (POST) or the query parameters (GET; `limit`,
    /// `offset` and `category` as integers, list parameters from their JSON text).
    func readArguments(_ request: Request, body: [UInt8]) throws -> [String: JSONValue] {
        var arguments: [String: JSONValue] = [:]
        switch request.method {
        case .get:
            for (name, text) in QueryParameters(request.uri.query).values {
                switch name {
                case "limit", "offset", "category": arguments[name] = Int(text).map(JSONValue.int) ?? .string(text)
                case "labels", "products", "exclude", "facets", "attributes":
                    arguments[name] = JSONValue.parse(Array(text.utf8)) ?? .string(text)
                default: arguments[name] = .string(text)
                }
            }
        case .post:
            guard case .object(let fields)? = JSONValue.parse(body) else {
                throw Self.parsing("The request body is not a valid JSON object.")
            }
            for field in fields { arguments[field.key] = field.value }
        default:
            throw ClerkFailure(
                status: 405, type: "LogicalError", message: "Method \(request.method.rawValue) is not supported.")
        }
        return arguments
    }

    /// `limit`: required, an integer ≥ 1; capped at `maximum` when given.
    static func limit(_ arguments: [String: JSONValue], maximum: Int?) throws -> Int {
        guard let value = arguments["limit"] else { throw parsing("Missing argument limit.") }
        guard case .number = value, let limit = value.intValue, limit >= 1 else {
            throw parsing("Invalid argument limit: must be an integer ≥ 1.")
        }
        return maximum.map { min(limit, $0) } ?? limit
    }

    /// Checks `visitor` and `labels` when present, like the tracking endpoints do.
    static func checkTracking(_ arguments: [String: JSONValue]) throws {
        if let visitor = arguments["visitor"], let problem = ClerkLogEndpoint.problem(in: visitor, kind: .visitor) {
            throw parsing("Invalid argument visitor: \(problem).")
        }
        if let labels = arguments["labels"], let problem = ClerkLogEndpoint.problem(in: labels, kind: .labels) {
            throw parsing("Invalid argument labels: \(problem).")
        }
    }

    /// A list of ids (`products`, `exclude`), or nil when absent.
    static func ids(_ value: JSONValue?, name: String) throws -> [Int]? {
        guard let value else { return nil }
        guard case .array(let items) = value else { throw parsing("Invalid argument \(name): must be a list of ids.") }
        return try items.map {
            guard let id = $0.intValue else { throw parsing("Invalid argument \(name): must be a list of ids.") }
            return id
        }
    }

    /// The parsed `filter`, or nil when absent; a syntax error is a `ParsingError`.
    static func filter(_ arguments: [String: JSONValue]) throws -> ClerkFilterEvaluator? {
        guard let value = arguments["filter"] else { return nil }
        guard let text = value.stringValue else { throw parsing("Invalid argument filter: must be a string.") }
        do {
            return try ClerkFilterEvaluator(text)
        } catch {
            throw parsing("Invalid argument filter: \(error).")
        }
    }

    /// Records an accepted read in the call log like the `log/*` calls, parameters sorted by name.
    func record(_ endpoint: String, request: Request, publicKey: String, arguments: [String: JSONValue]) {
        let parameters = arguments.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        storage.record(
            ClerkLogCall(
                endpoint: endpoint, method: request.method.rawValue, publicKey: publicKey,
                parameters: .object(parameters), receivedAt: Date()))
        faults.record { $0.logCalls += 1 }
    }
}
