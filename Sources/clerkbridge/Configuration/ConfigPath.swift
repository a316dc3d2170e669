/// Key paths as messages and `config check` write them: `storefronts[1].locale`, `placements.outlet.limit`.
enum ConfigPath {
    /// One step of a path.
    enum Component: Equatable {
        case key(String)
        case index(Int)
    }

    /// `parent.name`, or `name` at the root.
    static func join(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : "\(parent).\(name)"
    }

    /// `path[index]`.
    static func join(_ parent: String, index: Int) -> String {
        "\(parent)[\(index)]"
    }

    /// The steps of `path`: `storefronts[1].locale` → key storefronts, index 1, key locale.
    static func components(of path: String) -> [Component] {
        var result: [Component] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                result.append(.key(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    result.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close]) ?? -1))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }
}
