/// A customer segment (`/v3/segments`, Enterprise only): a named set of shopper profiles promotions can target.
public struct Segment: Decodable, Sendable, Hashable {
    /// Segment id (a UUID).
    public var id: String
    /// Its name (unique per store).
    public var name: String
    /// Its description.
    public var description: String

    /// Creates a segment (tests).
    public init(id: String, name: String, description: String = "") {
        self.id = id
        self.name = name
        self.description = description
    }

    private enum CodingKeys: String, CodingKey { case id, name, description }

    /// Decodes a segment; an absent description is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.string(.name)
        description = try c.string(.description)
    }
}

/// A shopper profile (`/v3/shopper-profiles`): what a segment holds, one per registered customer.
public struct ShopperProfile: Decodable, Sendable, Hashable {
    /// Profile id (a UUID).
    public var id: String
    /// The customer it belongs to.
    public var customerID: Int

    /// Creates a profile (tests).
    public init(id: String, customerID: Int) {
        self.id = id
        self.customerID = customerID
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case customerID = "customer_id"
    }

    /// Decodes a profile (a customer id as a number or a string).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        customerID = try c.lenientInt(.customerID, default: 0)
    }
}

/// A non-empty list of at most ``maximum`` ids (segment or shopper-profile UUIDs): the only thing a request that
/// names members by `id:in`, or adds them, is built from.
///
/// BigCommerce reads a segment, shopper-profile or subscriber `DELETE` without `id:in` as "all of them" (reference:
/// research-2026-12 §2), so an empty list must never reach one. This type cannot be empty, so the client cannot
/// build such a request; ``batches(of:)`` cuts any list into these, and an empty list into none.
public struct ExplicitIDs: Sendable, Hashable {
    /// Most ids per request: BigCommerce's limit for adding shopper profiles to a segment, used for removals too.
    public static let maximum = 50

    /// The ids, 1 to ``maximum`` of them, none empty.
    public let ids: [String]

    /// The ids, or nil when there are none, more than ``maximum``, or an empty one among them.
    public init?(_ ids: [String]) {
        guard !ids.isEmpty, ids.count <= Self.maximum, !ids.contains(where: \.isEmpty) else { return nil }
        self.ids = ids
    }

    /// `ids` (empty ones dropped) in consecutive lists of at most ``maximum``; none for an empty list.
    public static func batches(of ids: [String]) -> [ExplicitIDs] {
        let usable = ids.filter { !$0.isEmpty }
        return stride(from: 0, to: usable.count, by: maximum).compactMap {
            ExplicitIDs(Array(usable[$0..<min($0 + maximum, usable.count)]))
        }
    }

    /// The value of `id:in`: the ids joined by commas.
    public var joined: String { ids.joined(separator: ",") }
}
