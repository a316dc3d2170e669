extension Array {
    /// Consecutive slices of at most `size` elements: SQLite binds at most a few hundred values per statement.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
