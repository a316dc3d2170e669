/// The known key an unknown one was most likely meant to be, for "did you mean …?".
enum KeySuggestion {
    /// The key of `known` nearest to `name`: the same but for case, else the closest within a few edits (a third of
    /// the name's length, 1 to 3), else the only key that `name` is one `_`-separated end of (`public_key` →
    /// `clerk_public_key`); nil when none is close. Ties go to the earlier key.
    static func nearest(to name: String, in known: [String]) -> String? {
        let lowered = name.lowercased()
        if let same = known.first(where: { $0.lowercased() == lowered }) { return same }
        let allowed = max(1, min(3, name.count / 3))
        let scored = known.map { (key: $0, distance: distance(lowered, $0.lowercased())) }
        if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= allowed { return best.key }
        guard lowered.count >= 4 else { return nil }
        let containing = known.filter { $0.lowercased().hasSuffix("_" + lowered) || $0.lowercased().hasPrefix(lowered + "_") }
        return containing.count == 1 ? containing[0] : nil
    }

    /// The edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
