import Foundation

/// Reading the data members of the shopper-facing answers (recommendations, search): id lists, string lists,
/// counts, facets and category hits. A member of the wrong shape throws; an absent optional member is nil.
extension ResponseEnvelope {
    /// The integer ids of the array `member` (numbers or numeric strings); throws when it is missing or holds
    /// anything else.
    func ids(_ member: String = "result") throws(JSONScanner.Failure) -> [Int] {
        var ids: [Int] = []
        for element in try scanner.elements(ofArray: try required(member)) {
            guard let id = scanner.integer(in: element) else {
                throw JSONScanner.Failure(offset: element.lowerBound, reason: "\(member) holds a non-integer id")
            }
            ids.append(id)
        }
        return ids
    }

    /// The strings of the array `member`; throws when it is missing or holds anything else.
    func strings(_ member: String = "result") throws(JSONScanner.Failure) -> [String] {
        var strings: [String] = []
        for element in try scanner.elements(ofArray: try required(member)) {
            guard let text = scanner.string(in: element) else {
                throw JSONScanner.Failure(offset: element.lowerBound, reason: "\(member) holds a non-string")
            }
            strings.append(text)
        }
        return strings
    }

    /// The integer `member`, nil when absent or null; throws when it is something else.
    func optionalInteger(_ member: String) throws(JSONScanner.Failure) -> Int? {
        guard let range = members[member], !isNull(range) else { return nil }
        guard let value = scanner.integer(in: range) else {
            throw JSONScanner.Failure(offset: range.lowerBound, reason: "\(member) is not an integer")
        }
        return value
    }

    /// Whether the boolean `member` is `true` (absent or null is false).
    func flag(_ member: String) -> Bool {
        guard let range = members[member] else { return false }
        return scanner.bytes[range].elementsEqual("true".utf8)
    }

    /// The `facets` member: attribute → buckets; empty when absent, null or `[]`.
    func facets() throws(JSONScanner.Failure) -> [String: [ClerkFacetBucket]] {
        guard let range = members["facets"], !isNull(range) else { return [:] }
        if scanner.bytes[range.lowerBound] == UInt8(ascii: "["), try scanner.elements(ofArray: range).isEmpty {
            return [:]
        }
        var facets: [String: [ClerkFacetBucket]] = [:]
        for (attribute, value) in try scanner.members(ofObject: range) {
            var buckets: [ClerkFacetBucket] = []
            for element in try scanner.elements(ofArray: value) {
                buckets.append(try bucket(element, attribute: attribute))
            }
            facets[attribute] = buckets
        }
        return facets
    }

    /// The `categories` member of `search/categories`: `[{id,name,url}]`.
    func categoryHits() throws(JSONScanner.Failure) -> [ClerkCategoryHit] {
        var hits: [ClerkCategoryHit] = []
        for element in try scanner.elements(ofArray: try required("categories")) {
            let fields = try object(element)
            guard let idRange = fields["id"], let id = scanner.integer(in: idRange) else {
                throw JSONScanner.Failure(offset: element.lowerBound, reason: "a category without an integer id")
            }
            let name = fields["name"].flatMap { scanner.string(in: $0) } ?? ""
            let url = fields["url"].flatMap { scanner.string(in: $0) }
            hits.append(ClerkCategoryHit(id: id, name: name, url: url))
        }
        return hits
    }

    private func bucket(_ range: Range<Int>, attribute: String) throws(JSONScanner.Failure) -> ClerkFacetBucket {
        let fields = try object(range)
        func fail(_ reason: String) -> JSONScanner.Failure {
            JSONScanner.Failure(offset: range.lowerBound, reason: "facet \(attribute): \(reason)")
        }
        guard let countRange = fields["count"], let count = scanner.integer(in: countRange) else {
            throw fail("a bucket without an integer count")
        }
        let type = fields["type"].flatMap { scanner.string(in: $0) }
        let name = fields["name"].flatMap { text($0) } ?? ""
        if type == "range" {
            guard let min = fields["min"].flatMap({ decimal($0) }), let max = fields["max"].flatMap({ decimal($0) })
            else {
                throw fail("a range bucket without numeric min and max")
            }
            return .range(name: name, min: min, max: max, count: count)
        }
        guard type == "unit" || type == nil else { throw fail("unknown bucket type \(type ?? "")") }
        guard let value = fields["value"].flatMap({ text($0) }) else { throw fail("a unit bucket without a value") }
        return .unit(name: name, value: value, count: count)
    }

    private func required(_ member: String) throws(JSONScanner.Failure) -> Range<Int> {
        guard let range = members[member] else {
            throw JSONScanner.Failure(offset: 0, reason: "no \(member) member")
        }
        return range
    }

    private func object(_ range: Range<Int>) throws(JSONScanner.Failure) -> [String: Range<Int>] {
        var fields: [String: Range<Int>] = [:]
        for member in try scanner.members(ofObject: range) where fields[member.key] == nil {
            fields[member.key] = member.value
        }
        return fields
    }

    private func isNull(_ range: Range<Int>) -> Bool {
        scanner.bytes[range].elementsEqual("null".utf8)
    }

    /// A string's text or a number's/boolean's source text; nil for null, objects and arrays.
    private func text(_ range: Range<Int>) -> String? {
        if let string = scanner.string(in: range) { return string }
        let first = scanner.bytes[range.lowerBound]
        guard first != UInt8(ascii: "{"), first != UInt8(ascii: "["), first != UInt8(ascii: "\""), !isNull(range)
        else { return nil }
        return String(decoding: scanner.bytes[range], as: UTF8.self)
    }

    /// A JSON number (or a string holding one) as an exact `Decimal`, without passing through `Double`.
    private func decimal(_ range: Range<Int>) -> Decimal? {
        guard let text = text(range), let first = text.utf8.first,
            first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
