import Foundation

/// A filtered, ordered view of the store's products, evaluated without scanning the catalog where the filters
/// allow: generated ids and modification dates are monotone in the index, so id and date ranges become index ranges.
struct ProductQuery {
    enum Sort {
        case id
        case dateModified
    }

    /// One matching product: a generated index (not yet generated) or an overlay product.
    enum Match {
        case base(Int)
        case overlay(SandboxProduct)

        func product(in store: SandboxStore) -> SandboxProduct {
            switch self {
            case .base(let index): store.generatedProduct(atIndex: index)
            case .overlay(let product): product
            }
        }
    }

    var idIn: Set<Int>?
    var idMin: Int?
    var idMax: Int?
    var idGreater: Int?
    var idLess: Int?
    var dateModifiedMin: Date?
    var dateModifiedMax: Date?
    var channelIn: Set<Int>?
    var sort: Sort = .id
    var descending = false

    var lowerID: Int? {
        switch (idMin, idGreater) {
        case (nil, nil): nil
        case (let min?, nil): min
        case (nil, let greater?): greater + 1
        case (let min?, let greater?): Swift.max(min, greater + 1)
        }
    }

    var upperID: Int? {
        switch (idMax, idLess) {
        case (nil, nil): nil
        case (let max?, nil): max
        case (nil, let less?): less - 1
        case (let max?, let less?): Swift.min(max, less - 1)
        }
    }

    func accepts(_ product: SandboxProduct) -> Bool {
        if let idIn, !idIn.contains(product.id) { return false }
        if let lower = lowerID, product.id < lower { return false }
        if let upper = upperID, product.id > upper { return false }
        if let min = dateModifiedMin, product.dateModified < min { return false }
        if let max = dateModifiedMax, product.dateModified > max { return false }
        if let channelIn, !product.channels.contains(where: channelIn.contains) { return false }
        return true
    }

    /// Candidate generated indices in ascending order, before overlay and channel filtering.
    func baseCandidates(_ catalog: SandboxCatalog) -> [Int]? {
        guard let idIn else { return nil }
        return idIn.compactMap { catalog.index(ofProductID: $0) }.filter { baseRange(catalog).contains($0) }.sorted()
    }

    func baseRange(_ catalog: SandboxCatalog) -> Range<Int> {
        var low = 0
        var high = catalog.productCount
        if let lower = lowerID { low = catalog.firstIndex(withIDGreaterThan: lower - 1) }
        if let upper = upperID { high = catalog.firstIndex(withIDGreaterThan: upper) }
        if let min = dateModifiedMin { low = Swift.max(low, catalog.firstIndex(modifiedAtOrAfter: min)) }
        if let max = dateModifiedMax { high = Swift.min(high, catalog.firstIndex(modifiedAfter: max)) }
        return low..<Swift.max(low, high)
    }

    func matches(in store: SandboxStore) -> Matches {
        let overlay = store.productOverlay()
        let catalog = store.catalog
        let extra = overlay.products.values.filter(accepts).sorted { less($0.id, $0.dateModified, $1.id, $1.dateModified) }
        let list = baseCandidates(catalog)
        let range = baseRange(catalog)
        return Matches(query: self, catalog: catalog, overlaid: Set(overlay.products.keys).union(overlay.deleted), extra: descending ? extra.reversed() : extra, list: list, range: range)
    }

    /// Ascending order of two products by the sort key (ties by id).
    func less(_ idA: Int, _ dateA: Date, _ idB: Int, _ dateB: Date) -> Bool {
        switch sort {
        case .id: idA < idB
        case .dateModified: dateA != dateB ? dateA < dateB : idA < idB
        }
    }

    /// Number of matches, by arithmetic when no channel filter forces a scan.
    func count(in store: SandboxStore) -> Int {
        let overlay = store.productOverlay()
        let catalog = store.catalog
        let extra = overlay.products.values.filter(accepts).count
        let overlaid = Set(overlay.products.keys).union(overlay.deleted)
        let range = baseRange(catalog)
        if let list = baseCandidates(catalog) {
            return extra + list.filter { baseAccepts($0, catalog: catalog, overlaid: overlaid) }.count
        }
        if channelIn != nil {
            var total = extra
            for index in range where baseAccepts(index, catalog: catalog, overlaid: overlaid) { total += 1 }
            return total
        }
        let hidden = overlaid.compactMap { catalog.index(ofProductID: $0) }.filter(range.contains).count
        return extra + range.count - hidden
    }

    func baseAccepts(_ index: Int, catalog: SandboxCatalog, overlaid: Set<Int>) -> Bool {
        if !overlaid.isEmpty, overlaid.contains(catalog.productID(atIndex: index)) { return false }
        if let channelIn, !catalog.channelIDs(index: index).contains(where: channelIn.contains) { return false }
        return true
    }

    /// The merged stream of generated and overlay matches in query order.
    struct Matches: Sequence, IteratorProtocol {
        let query: ProductQuery
        let catalog: SandboxCatalog
        let overlaid: Set<Int>
        let extra: [SandboxProduct]
        var extraPosition = 0
        let list: [Int]?
        let range: Range<Int>
        var cursor = 0
        var peeked: Int?

        init(query: ProductQuery, catalog: SandboxCatalog, overlaid: Set<Int>, extra: [SandboxProduct], list: [Int]?, range: Range<Int>) {
            self.query = query
            self.catalog = catalog
            self.overlaid = overlaid
            self.extra = extra
            self.list = list
            self.range = range
        }

        var candidateCount: Int { list?.count ?? range.count }

        func candidate(_ position: Int) -> Int {
            let offset = query.descending ? candidateCount - 1 - position : position
            return list?[offset] ?? range.lowerBound + offset
        }

        mutating func nextBase() -> Int? {
            if let peeked { return peeked }
            while cursor < candidateCount {
                let index = candidate(cursor)
                cursor += 1
                if query.baseAccepts(index, catalog: catalog, overlaid: overlaid) {
                    peeked = index
                    return index
                }
            }
            return nil
        }

        mutating func next() -> Match? {
            let base = nextBase()
            let other = extraPosition < extra.count ? extra[extraPosition] : nil
            switch (base, other) {
            case (nil, nil):
                return nil
            case (let index?, nil):
                peeked = nil
                return .base(index)
            case (nil, let product?):
                extraPosition += 1
                return .overlay(product)
            case (let index?, let product?):
                let baseID = catalog.productID(atIndex: index)
                let baseDate = catalog.dateModified(index: index)
                let baseFirst = query.descending
                    ? query.less(product.id, product.dateModified, baseID, baseDate)
                    : query.less(baseID, baseDate, product.id, product.dateModified)
                if baseFirst {
                    peeked = nil
                    return .base(index)
                }
                extraPosition += 1
                return .overlay(product)
            }
        }
    }
}
