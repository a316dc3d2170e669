import Foundation
import JSONSupport

/// The JSON object of a control request, read member by member. A member of the wrong type or out of range, or
/// one the route does not take (so a misspelt one is not ignored), is a ``ControlFailure`` naming it.
struct ControlBody {
    /// The largest body read.
    static let maxBytes = 64 * 1024

    private let object: JSONValue
    /// Where this object sits in the request, e.g. `items[0].`; empty for the body itself.
    private let path: String

    /// Reads `bytes` as an object whose members are all in `allowed`.
    init(_ bytes: [UInt8], allowed: Set<String>) throws {
        guard let value = JSONValue.parse(bytes), case .object = value else {
            throw ControlFailure(status: .badRequest, code: "invalid_json", message: "the body must be a JSON object")
        }
        try self.init(value, path: "", allowed: allowed)
    }

    private init(_ object: JSONValue, path: String, allowed: Set<String>) throws {
        self.object = object
        self.path = path
        guard case .object(let members) = object else {
            throw ControlFailure.invalid(String(path.dropLast()), "must be an object")
        }
        if let unknown = members.first(where: { !allowed.contains($0.key) }) {
            throw ControlFailure(
                status: .badRequest, code: "unknown_field",
                message: "\(path)\(unknown.key) is not a member this request takes (it takes \(allowed.sorted().joined(separator: ", ")))",
                field: path + unknown.key)
        }
    }

    /// An integer member within `range`, or nil when absent.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = present(name) else { return nil }
        guard let int = value.intValue, range.contains(int) else {
            throw ControlFailure.invalid(path + name, "must be a whole number \(Self.describe(range))")
        }
        return int
    }

    /// An amount of money (a number or numeric string as ``SandboxMoney`` reads it), or nil when absent.
    func money(_ name: String) throws -> Decimal? {
        guard let value = present(name) else { return nil }
        switch value {
        case .number(let text), .string(let text):
            if let amount = SandboxMoney.parse(text) { return amount }
        default:
            break
        }
        throw ControlFailure.invalid(path + name, "must be an amount of 0 or more with at most 4 decimals, like 19.99")
    }

    /// A string member of 1 to `maxLength` characters (surrounding white space removed), or nil when absent.
    func string(_ name: String, maxLength: Int) throws -> String? {
        guard let value = present(name) else { return nil }
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), (1...maxLength).contains(text.count) else {
            throw ControlFailure.invalid(path + name, "must be a text of 1 to \(maxLength) characters")
        }
        return text
    }

    /// An array of integers within `range`, or nil when absent; an empty array is refused.
    func ints(_ name: String, in range: ClosedRange<Int>) throws -> [Int]? {
        guard let value = present(name) else { return nil }
        let failure = ControlFailure.invalid(
            path + name, "must be a non-empty list of whole numbers \(Self.describe(range))")
        guard case .array(let items) = value, !items.isEmpty else { throw failure }
        let ints = items.compactMap(\.intValue)
        guard ints.count == items.count, ints.allSatisfy(range.contains) else { throw failure }
        return ints
    }

    /// An array of objects whose members are all in `allowed`, or nil when absent; an empty array is refused.
    func objects(_ name: String, allowed: Set<String>) throws -> [ControlBody]? {
        guard let value = present(name) else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            throw ControlFailure.invalid(path + name, "must be a non-empty list of objects")
        }
        return try items.enumerated().map { try ControlBody($1, path: "\(path)\(name)[\($0)].", allowed: allowed) }
    }

    /// The member's full name in the request, e.g. `items[0].product_id`.
    func field(_ name: String) -> String {
        path + name
    }

    /// `from 1 to 14`, or `of 1 or more` for a range without a real upper bound.
    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == .max ? "of \(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
    }

    private func present(_ name: String) -> JSONValue? {
        guard let value = object[name], value != .null else { return nil }
        return value
    }
}
