import Tracking

/// The parameters a shopper route takes: the one rule every such route checks before reading any value, so a
/// misspelt parameter or one given twice is a 400 naming it on every route alike, never silently ignored or
/// silently resolved to its first value.
struct ShopperParameters: Sendable {
    /// The route, as its errors name it (`/v1/recommendations`).
    let route: String
    /// Parameters that take one value.
    let single: [String]
    /// Parameters that may be repeated (alternatives of a filter).
    let repeatable: [String]
    /// Prefixes of repeatable parameters whose names the catalog decides (`option_`, `cf_`).
    let repeatablePrefixes: [String]

    init(route: String, single: [String], repeatable: [String] = [], repeatablePrefixes: [String] = []) {
        self.route = route
        self.single = single
        self.repeatable = repeatable
        self.repeatablePrefixes = repeatablePrefixes
    }

    /// Checks the names of `parameters` (in the order given).
    /// - Throws: `APIError.invalidParameter` naming the first parameter the route does not take, or the first
    ///   single-valued one given more than once.
    func check(_ names: [Substring]) throws(APIError) {
        var seen = Set<Substring>()
        for name in names {
            let text = String(name)
            if single.contains(text) {
                guard seen.insert(name).inserted else {
                    throw .invalidParameter("\(text) is given more than once; it takes one value")
                }
            } else if !repeatable.contains(text), !repeatablePrefixes.contains(where: { text.hasPrefix($0) && text.count > $0.count }) {
                throw .invalidParameter("\(QuotedValue.quoted(text)) is not a parameter of \(route) (\(accepted))")
            }
        }
    }

    /// What the route takes, for the error.
    private var accepted: String {
        (single + repeatable + repeatablePrefixes.map { $0 + "<name>" }).joined(separator: ", ")
    }
}
