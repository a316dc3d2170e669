/// Lays out JSON text over lines with two-space indentation for reading, keeping every token's bytes as they were
/// sent: a re-encoding (JSONSerialization) would reorder keys and rewrite numbers such as `12.50`, and a dead
/// letter's payload is shown to find what Clerk refused. Text that is not a JSON object or array is returned as is.
enum JSONIndenter {
    /// `text` indented, or unchanged when it does not start with `{` or `[` or its brackets do not balance.
    static func indent(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first, first == "{" || first == "[" else { return text }
        var output = ""
        output.reserveCapacity(trimmed.utf8.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var previous: Character = " "
        func newline() { output += "\n" + String(repeating: "  ", count: max(depth, 0)) }
        for character in trimmed {
            if inString {
                output.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                previous = character
                continue
            }
            switch character {
            case "\"":
                inString = true
                output.append(character)
            case "{", "[":
                output.append(character)
                depth += 1
                newline()
            case "}", "]":
                depth -= 1
                if previous == "{" || previous == "[" {
                    // An empty object or array stays on one line.
                    while output.last == " " || output.last == "\n" { output.removeLast() }
                } else {
                    newline()
                }
                output.append(character)
            case ",":
                output.append(character)
                newline()
            case ":":
                output += ": "
            case " ", "\n", "\t", "\r":
                continue
            default:
                output.append(character)
            }
            previous = character
        }
        return depth == 0 && !inString ? output : text
    }
}
