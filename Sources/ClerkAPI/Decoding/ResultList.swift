/// `{"result":[…]}` of recommendations, predictive search and suggestions: the list in Clerk's order.
struct ResultList<Element: Decodable>: Decodable {
    /// The elements of `result`.
    var result: [Element]
}

/// An answer whose `result` lists product ids, as numbers or numeric strings.
typealias IDList = ResultList<ClerkInteger>

extension ResultList<ClerkInteger> {
    /// The ids in Clerk's order.
    var ids: [Int] { result.map(\.value) }
}
