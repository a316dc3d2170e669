import Foundation

/// What every `--json` output must be: one line of JSON without whitespace between its tokens, every object's keys in
/// sorted order, and no `null`.
enum CompactJSON {
    /// What is wrong with `text` (one trailing newline allowed), or nil when it is such JSON.
    static func problem(in text: String) -> String? {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        guard !body.isEmpty, !body.contains("\n") else { return "not exactly one line" }
        guard (try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])) != nil else {
            return "not JSON"
        }
        enum Container {
            case object(lastKey: String?, expectingKey: Bool)
            case array
        }
        var stack: [Container] = []
        let characters = Array(body.unicodeScalars)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "{": stack.append(.object(lastKey: nil, expectingKey: true))
            case "[": stack.append(.array)
            case "}", "]": stack.removeLast()
            case ",":
                if case .object(let last, _) = stack.last { stack[stack.count - 1] = .object(lastKey: last, expectingKey: true) }
            case "\"":
                var string = ""
                index += 1
                while characters[index] != "\"" {
                    if characters[index] == "\\" { index += 1 }
                    string.unicodeScalars.append(characters[index])
                    index += 1
                }
                if case .object(let last, true) = stack.last {
                    if let last, !(last < string) { return "key `\(string)` after `\(last)`" }
                    stack[stack.count - 1] = .object(lastKey: string, expectingKey: false)
                }
            case " ", "\t", "\r": return "whitespace between tokens"
            case "n": return "a null"
            default: break
            }
            index += 1
        }
        return nil
    }
}
