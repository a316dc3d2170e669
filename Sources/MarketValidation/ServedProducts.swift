import Storefront

/// The products the checks were served, by the check that was served them, and the products Clerk answered that
/// could not be shown.
struct ServedProducts {
    private(set) var served: [(check: MarketCheck, card: ProductCard)] = []
    private(set) var unshown: [(check: MarketCheck, id: Int)] = []

    mutating func add(_ cards: [ProductCard], from check: MarketCheck, unshown ids: [Int]) {
        served += cards.map { (check, $0) }
        unshown += ids.map { (check, $0) }
    }

    /// The cards `check` was served.
    func cards(from check: MarketCheck) -> [ProductCard] {
        served.filter { $0.check == check }.map(\.card)
    }

    /// Every product id served or answered, each once.
    var allIDs: [Int] {
        var seen = Set<Int>()
        return (served.map(\.card.id) + unshown.map(\.id)).filter { seen.insert($0).inserted }
    }
}
