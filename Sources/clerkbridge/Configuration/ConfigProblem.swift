import Yams

/// One thing wrong with a config file: where it is and what is wrong, by key path and expected type. Never quotes a
/// value from the file (it may be a secret).
struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// From 1; nil when the position is unknown.
    let line: Int?
    let column: Int?
    let message: String

    init(line: Int?, column: Int? = nil, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(at mark: Mark?, _ message: String) {
        self.init(line: mark?.line, column: mark?.column, message)
    }

    /// `line 4, column 3: …`.
    var description: String {
        switch (line, column) {
        case (let line?, let column?): "line \(line), column \(column): \(message)"
        case (let line?, nil): "line \(line): \(message)"
        default: message
        }
    }

    /// A YAML (or JSON) syntax error at its line and column, in libyaml's words, which name no content.
    init(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text), from line \($0.mark.line), column \($0.mark.column))" } ?? ""
            self.init(at: mark, "not valid YAML: \(problem)\(during)")
        case .reader(let problem, let offset, _, let yaml):
            let position = offset.map { Self.position(ofCharacter: $0, in: yaml) }
            self.init(line: position?.line, column: position?.column, "not readable as YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { ConfigValidator.isShowable($0) ? "`\($0)`" : "a key" }.joined(separator: ", ")
            self.init(at: context.mark, "\(names) appears twice in one mapping")
        default:
            self.init(line: nil, "not readable as YAML")
        }
    }

    /// Line and column (from 1) of the `offset`th character of `text`.
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
