import Foundation

/// Percent-decoded query parameters (keys too, so `id%3Agreater` and `id:greater` are the same); the last value wins.
struct QueryParameters {
    var values: [String: String] = [:]

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let raw = parts.count > 1 ? String(parts[1]) : ""
            values[key] = raw.removingPercentEncoding ?? raw
        }
    }

    subscript(_ name: String) -> String? {
        values[name]
    }

    /// Comma-separated integers; nil when absent, throws `invalid` when a member is not an integer.
    func intList(_ name: String) -> Result<Set<Int>?, QueryError> {
        guard let text = values[name] else { return .success(nil) }
        var set = Set<Int>()
        for part in text.split(separator: ",") {
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else { return .failure(.invalid(name)) }
            set.insert(value)
        }
        return .success(set)
    }

    func int(_ name: String) -> Result<Int?, QueryError> {
        guard let text = values[name] else { return .success(nil) }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { return .failure(.invalid(name)) }
        return .success(value)
    }
}

/// A query parameter that could not be read.
enum QueryError: Error {
    case invalid(String)
}
