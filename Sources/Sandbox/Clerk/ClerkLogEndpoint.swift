import JSONSupport

/// A tracking endpoint of the Clerk simulator: its path, whether it needs the private key, and the parameters
/// it validates (clerk-api.md §4). Unknown parameters are accepted and recorded as they came.
struct ClerkLogEndpoint: Sendable {
    /// What a parameter must hold.
    enum Kind: Sendable {
        /// A product, category, order or basket id: an integer or a non-empty string.
        case id
        /// Any string.
        case text
        /// A string containing `@`.
        case email
        /// 1–32 ASCII letters and digits.
        case visitor
        /// An integer ≥ 0 (`n`).
        case position
        /// An integer ≥ 1.
        case quantity
        /// A boolean.
        case flag
        /// A list of strings.
        case labels
        /// A list of ids, or of `{"id","quantity","price"}` objects (`log/sale`).
        case saleProducts
        /// A list of `{"id","qty"}` objects (`log/cart/*`).
        case basketProducts
    }

    /// One documented parameter.
    struct Parameter: Sendable {
        var name: String
        var kind: Kind
        var isRequired: Bool
    }

    /// The path below `/v2`, e.g. `log/product`.
    var path: String
    /// Whether `private_key` must be sent and right (`log/returned`).
    var needsPrivateKey = false
    var parameters: [Parameter]

    static func required(_ name: String, _ kind: Kind) -> Parameter { Parameter(name: name, kind: kind, isRequired: true) }
    static func optional(_ name: String, _ kind: Kind) -> Parameter { Parameter(name: name, kind: kind, isRequired: false) }

    /// The tracking endpoints by path.
    static let byPath: [String: ClerkLogEndpoint] = {
        let basket = [
            required("products", .basketProducts), optional("visitor", .visitor), optional("email", .email),
            optional("basket_id", .id),
        ]
        let endpoints = [
            ClerkLogEndpoint(path: "log/product", parameters: [required("product", .id), required("visitor", .visitor)]),
            ClerkLogEndpoint(path: "log/category", parameters: [required("category", .id), required("visitor", .visitor)]),
            ClerkLogEndpoint(
                path: "log/click",
                parameters: [
                    required("product", .id), required("visitor", .visitor), optional("api", .text),
                    optional("n", .position), optional("external", .flag), optional("labels", .labels),
                ]),
            ClerkLogEndpoint(
                path: "log/sale",
                parameters: [
                    required("sale", .id), required("products", .saleProducts), optional("visitor", .visitor),
                    optional("customer", .id), optional("email", .email),
                ]),
            ClerkLogEndpoint(path: "log/email", parameters: [required("email", .email), required("visitor", .visitor)]),
            ClerkLogEndpoint(
                path: "log/returned", needsPrivateKey: true,
                parameters: [required("product", .id), required("order", .id), required("quantity", .quantity)]),
            ClerkLogEndpoint(path: "log/cart/add", parameters: basket),
            ClerkLogEndpoint(path: "log/cart/remove", parameters: basket),
            ClerkLogEndpoint(path: "log/cart/update", parameters: basket),
        ]
        return Dictionary(uniqueKeysWithValues: endpoints.map { ($0.path, $0) })
    }()

    /// The JSON value a query-string parameter stands for: lists and objects from their JSON text, integers and
    /// booleans where the parameter expects them, everything else a string. Invalid text stays a string so
    /// that validation reports it.
    func value(fromQuery text: String, name: String) -> JSONValue {
        switch parameters.first(where: { $0.name == name })?.kind {
        case .id?, .position?, .quantity?:
            return Int(text).map(JSONValue.int) ?? .string(text)
        case .flag?:
            switch text {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return .string(text)
            }
        case .labels?, .saleProducts?, .basketProducts?:
            return JSONValue.parse(Array(text.utf8)) ?? .string(text)
        case .text?, .email?, .visitor?, nil:
            return .string(text)
        }
    }

    /// Checks the documented parameters of `arguments`; the message of the first problem, or nil.
    func problem(in arguments: [String: JSONValue]) -> String? {
        for parameter in parameters {
            guard let value = arguments[parameter.name] else {
                if parameter.isRequired { return "Missing argument \(parameter.name)." }
                continue
            }
            if let problem = Self.problem(in: value, kind: parameter.kind) {
                return "Invalid argument \(parameter.name): \(problem)."
            }
        }
        return nil
    }

    static func problem(in value: JSONValue, kind: Kind) -> String? {
        switch kind {
        case .id:
            switch value {
            case .number: return value.intValue == nil ? "an id must be an integer or a string" : nil
            case .string(let text): return text.isEmpty ? "an id must not be empty" : nil
            default: return "an id must be an integer or a string"
            }
        case .text:
            return value.stringValue == nil ? "must be a string" : nil
        case .email:
            guard let text = value.stringValue, text.contains("@") else { return "must be an email address" }
            return nil
        case .visitor:
            guard let text = value.stringValue, (1...32).contains(text.utf8.count),
                text.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
            else { return "a visitor id is 1 to 32 letters and digits" }
            return nil
        case .position:
            guard case .number = value, let number = value.intValue, number >= 0 else { return "must be an integer ≥ 0" }
            return nil
        case .quantity:
            guard case .number = value, let number = value.intValue, number >= 1 else { return "must be an integer ≥ 1" }
            return nil
        case .flag:
            guard case .bool = value else { return "must be true or false" }
            return nil
        case .labels:
            guard case .array(let items) = value, items.allSatisfy({ $0.stringValue != nil }) else {
                return "must be a list of strings"
            }
            return nil
        case .saleProducts:
            guard case .array(let items) = value else { return "must be a list" }
            for item in items {
                if case .object = item {
                    if let problem = fields(of: item, [("id", .id), ("quantity", .quantity)]) { return problem }
                    guard case .number? = item["price"] else { return "every product needs a numeric price" }
                } else if let problem = problem(in: item, kind: .id) {
                    return problem
                }
            }
            return nil
        case .basketProducts:
            guard case .array(let items) = value else { return "must be a list" }
            for item in items {
                guard case .object = item else { return "every product must be an object with id and qty" }
                if let problem = fields(of: item, [("id", .id), ("qty", .quantity)]) { return problem }
            }
            return nil
        }
    }

    private static func fields(of item: JSONValue, _ expected: [(String, Kind)]) -> String? {
        for (name, kind) in expected {
            guard let value = item[name] else { return "every product needs \(name)" }
            if let problem = problem(in: value, kind: kind) { return "\(name): \(problem)" }
        }
        return nil
    }
}
