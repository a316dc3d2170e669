import Hummingbird
import Storefront
import StorefrontRegistry
import Tracking

/// A shopper route's query string, decoded as browsers and forms send it, read with the checks every such route
/// shares; each failure names the parameter. Empty values count as absent.
struct ShopperQuery {
    let parameters: Parameters

    /// The query of `request`, whose parameter names `accepted` checks first.
    /// - Throws: `APIError.invalidParameter` for a parameter the route does not take or a repeated single one.
    init(_ request: Request, accepting accepted: ShopperParameters) throws(APIError) {
        self.parameters = request.uri.formQueryParameters
        try accepted.check(parameters.map(\.key))
    }

    /// The value of `name`, or nil when absent or empty.
    func text(_ name: String) -> String? {
        parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every non-empty value of a repeatable parameter.
    func all(_ name: String) -> [String] {
        parameters.getAll(name).map { String($0) }.filter { !$0.isEmpty }
    }

    /// A positive integer id.
    func id(_ name: String) throws(APIError) -> Int? {
        guard let value = text(name) else { return nil }
        guard value.allSatisfy(\.isASCII), let number = Int(value), number > 0 else {
            throw .invalidParameter("\(name) must be a positive integer id")
        }
        return number
    }

    /// An integer within `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = text(name) else { return nil }
        guard value.allSatisfy(\.isASCII), let number = Int(value), range.contains(number) else {
            throw .invalidParameter("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A visitor id as contract.md defines it.
    func visitor() throws(APIError) -> String? {
        guard let value = text("visitor") else { return nil }
        guard VisitorID.isValid(value) else { throw .invalidParameter("visitor must be 1 to 32 letters and digits") }
        return value
    }

    /// One of `allowed`, or `default` when absent.
    func choice(_ name: String, of allowed: [String], default fallback: String) throws(APIError) -> String {
        guard let value = text(name) else { return fallback }
        guard allowed.contains(value) else {
            throw .invalidParameter("\(name) must be one of \(allowed.joined(separator: ", ")), not \(QuotedValue.quoted(value))")
        }
        return value
    }

    /// The storefront named by `storefront` (the first declared one when absent) from `storefronts`.
    func storefront(in storefronts: StorefrontRegistry) throws(APIError) -> ResolvedStorefront {
        guard storefronts.resolved != nil else { throw .storefrontsNotKnown }
        let name = text("storefront")
        guard let storefront = storefronts.storefront(named: name) else {
            throw APIError(
                .notFound, code: "unknown_storefront", message: "storefront \(QuotedValue.quoted(name ?? "")) is not configured")
        }
        return storefront
    }
}
