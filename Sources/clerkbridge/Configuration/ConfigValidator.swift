import Yams

/// Checks a config file's YAML node tree against ``ConfigSchema`` before it is decoded: every unknown key (with the
/// nearest known one) and every value of the wrong type, each at its line; and notes the line of every key it
/// knows, for `config check`.
struct ConfigValidator {
    /// What is wrong, in the file's order.
    private(set) var problems: [ConfigProblem] = []
    /// The line of each key and list entry, by path (`storefronts[0]`, `storefronts[0].name`).
    private(set) var lines: [String: Int] = [:]

    /// Validates `root` (nil: an empty file, which is valid).
    init(_ root: Node?) {
        guard let root else { return }
        check(root, against: ConfigSchema.root, at: "")
    }

    /// Whether a key from the file may appear in a message: a short name, not something that could be a pasted
    /// secret.
    static func isShowable(_ key: String) -> Bool {
        (1...40).contains(key.count)
            && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    private mutating func check(_ node: Node, against shape: ConfigShape, at path: String) {
        switch shape {
        case .mapping(let fields):
            guard let pairs = pairs(of: node, against: shape, at: path) else { return }
            for (key, value) in pairs {
                guard let name = name(of: key, at: path) else { continue }
                guard let field = fields.first(where: { $0.name == name }) else {
                    unknown(name, at: key, in: path, known: fields.map(\.name))
                    continue
                }
                let child = ConfigPath.join(path, name)
                lines[child] = key.mark?.line
                // A key without a value is unset, as the decoder reads it.
                if value.null == nil { check(value, against: field.shape, at: child) }
            }
        case .named(let entry):
            guard let pairs = pairs(of: node, against: shape, at: path) else { return }
            for (key, value) in pairs {
                guard let name = name(of: key, at: path) else { continue }
                let child = ConfigPath.join(path, name)
                lines[child] = key.mark?.line
                check(value, against: entry, at: child)
            }
        case .list(let element):
            guard case .sequence(let sequence) = node else { return mismatch(node, shape, at: path) }
            for (index, item) in sequence.enumerated() {
                let child = ConfigPath.join(path, index: index)
                lines[child] = item.mark?.line
                check(item, against: element, at: child)
            }
        case .text, .secret, .numberOrText, .wholeNumber, .boolean, .number:
            guard case .scalar(let scalar) = node else { return mismatch(node, shape, at: path) }
            let fits = switch shape {
            case .wholeNumber: Int.construct(from: scalar) != nil
            case .boolean: Bool.construct(from: scalar) != nil
            case .number: Double.construct(from: scalar) != nil
            default: true
            }
            if !fits { mismatch(node, shape, at: path) }
        }
    }

    /// The key–value pairs of a mapping node, with YAML merge keys (`<<: *anchor`) expanded as the decoder does;
    /// nil (and a problem) when `node` is not a mapping.
    private mutating func pairs(of node: Node, against shape: ConfigShape, at path: String) -> [(Node, Node)]? {
        guard case .mapping(let mapping) = node else {
            mismatch(node, shape, at: path)
            return nil
        }
        var result: [(Node, Node)] = []
        for (key, value) in mapping {
            guard key.tag.rawValue == Tag.Name.merge.rawValue else {
                result.append((key, value))
                continue
            }
            let merged: [Node] = if case .sequence(let sequence) = value { Array(sequence) } else { [value] }
            for source in merged {
                if let pairs = pairs(of: source, against: shape, at: path) { result += pairs }
            }
        }
        return result
    }

    private mutating func name(of key: Node, at path: String) -> String? {
        guard case .scalar(let scalar) = key else {
            problems.append(ConfigProblem(at: key.mark, "a key \(Self.under(path)) must be a name, not \(Self.kind(of: key))"))
            return nil
        }
        return scalar.string
    }

    private mutating func unknown(_ name: String, at key: Node, in path: String, known: [String]) {
        guard Self.isShowable(name) else {
            problems.append(ConfigProblem(at: key.mark, "a key \(Self.under(path)) is not a known key (\(Self.takes(path, known)))"))
            return
        }
        let named = "`\(ConfigPath.join(path, name))` is not a known key"
        if let nearest = KeySuggestion.nearest(to: name, in: known) {
            problems.append(ConfigProblem(at: key.mark, "\(named); did you mean `\(nearest)`?"))
        } else if let elsewhere = Self.elsewhere(name) {
            problems.append(ConfigProblem(at: key.mark, "\(named); did you mean `\(elsewhere)`?"))
        } else {
            problems.append(ConfigProblem(at: key.mark, "\(named) (\(Self.takes(path, known)))"))
        }
    }

    private mutating func mismatch(_ node: Node, _ shape: ConfigShape, at path: String) {
        let what = path.isEmpty ? "the file" : "`\(path)`"
        let actual = if case .scalar = node { "" } else { ", not \(Self.kind(of: node))" }
        problems.append(ConfigProblem(at: node.mark, "\(what) should be \(shape.expectation)\(actual)"))
    }

    /// The paths of the keys elsewhere in the schema named `name` (`port` at the top → `server.port`), at most three.
    private static func elsewhere(_ name: String) -> String? {
        let lowered = name.lowercased()
        let matches = ConfigSchema.mappings.flatMap { parent, keys in
            keys.filter { $0.lowercased() == lowered }.map { ConfigPath.join(parent, $0) }
        }.sorted()
        guard (1...3).contains(matches.count) else { return nil }
        return matches.joined(separator: "` or `")
    }

    private static func takes(_ path: String, _ known: [String]) -> String {
        "\(path.isEmpty ? "the file" : "`\(path)`") takes \(known.joined(separator: ", "))"
    }

    private static func under(_ path: String) -> String {
        path.isEmpty ? "at the top" : "under `\(path)`"
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar, .alias: "a single value"
        }
    }
}
