import Foundation

/// A webhook subscription (`/v3/hooks`): one scope delivered to one destination.
public struct Hook: Decodable, Sendable, Hashable {
    /// Hook id.
    public var id: Int
    /// The subscribed event, e.g. `store/product/updated`.
    public var scope: String
    /// The HTTPS URL deliveries go to.
    public var destination: String
    /// False once BigCommerce deactivated it (retries exhausted, 90 days idle) or someone switched it off.
    public var isActive: Bool
    /// Custom headers echoed on every delivery; `nil` when none.
    public var headers: [String: String]?
    /// Creation time (sent as unix seconds).
    public var createdAt: Date?
    /// Last update time (sent as unix seconds).
    public var updatedAt: Date?

    /// Creates a hook (for tests).
    public init(
        id: Int, scope: String, destination: String, isActive: Bool, headers: [String: String]? = nil,
        createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.scope = scope
        self.destination = destination
        self.isActive = isActive
        self.headers = headers
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, scope, destination, headers
        case isActive = "is_active"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Decodes `{id, scope, destination, is_active, headers, created_at, updated_at, …}`; `id` and `scope` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        scope = try c.decode(String.self, forKey: .scope)
        destination = try c.string(.destination)
        isActive = try c.bool(.isActive, default: true)
        headers = Self.headers(c)
        createdAt = c.lenientOptionalInt(.createdAt).map { Date(timeIntervalSince1970: Double($0)) }
        updatedAt = c.lenientOptionalInt(.updatedAt).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// `headers` as strings; a non-string value is kept as its JSON text, an empty object or `null` is `nil`.
    private static func headers(_ c: KeyedDecodingContainer<CodingKeys>) -> [String: String]? {
        if let strings = c.lenientObject([String: String].self, .headers) { return strings.isEmpty ? nil : strings }
        guard let mixed = c.lenientObject([String: HeaderValue].self, .headers), !mixed.isEmpty else { return nil }
        return mixed.mapValues(\.text)
    }
}

/// A custom header value that is not a string (numbers, booleans), read as text.
private struct HeaderValue: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) {
            text = String(int)
        } else if let flag = try? container.decode(Bool.self) {
            text = String(flag)
        } else if let double = try? container.decode(Double.self) {
            text = String(double)
        } else {
            text = try container.decode(String.self)
        }
    }
}
