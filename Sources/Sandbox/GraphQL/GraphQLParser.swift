/// A small recursive-descent parser for the GraphQL the sandbox answers: one operation (`query`, `mutation` or
/// an anonymous `{…}`), fields with aliases, inline-literal arguments and nested selections. Variables, fragments
/// and directives are refused with a message, as the sandbox serves only the queries clerkbridge sends.
struct GraphQLParser {
    /// A syntax error, answered as a GraphQL error.
    struct SyntaxError: Error, Sendable {
        var message: String
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Parses the whole document.
    static func parse(_ text: String) throws(SyntaxError) -> GraphQLDocument {
        var parser = GraphQLParser(text)
        return try parser.document()
    }

    private mutating func document() throws(SyntaxError) -> GraphQLDocument {
        skipIgnored()
        var operation = "query"
        if peek() != "{" {
            operation = try name()
            guard operation == "query" || operation == "mutation" else {
                throw SyntaxError(message: "Parse error on \"\(operation)\": expected query, mutation or {")
            }
            skipIgnored()
            if let next = peek(), next != "{", next != "(" { _ = try name() }
            skipIgnored()
            if peek() == "(" { throw SyntaxError(message: "the sandbox does not answer queries with variables") }
        }
        let selections = try selectionSet()
        skipIgnored()
        guard position == scalars.count else { throw SyntaxError(message: "Parse error: unexpected text after the operation") }
        return GraphQLDocument(operation: operation, selections: selections)
    }

    private mutating func selectionSet() throws(SyntaxError) -> [GraphQLField] {
        try expect("{")
        var fields: [GraphQLField] = []
        while true {
            skipIgnored()
            if peek() == "}" {
                position += 1
                break
            }
            if peek() == "." { throw SyntaxError(message: "the sandbox does not answer fragments") }
            if peek() == "@" { throw SyntaxError(message: "the sandbox does not answer directives") }
            fields.append(try field())
        }
        guard !fields.isEmpty else { throw SyntaxError(message: "Parse error: empty selection set") }
        return fields
    }

    private mutating func field() throws(SyntaxError) -> GraphQLField {
        var alias = try name()
        var fieldName = alias
        skipIgnored()
        if peek() == ":" {
            position += 1
            skipIgnored()
            fieldName = try name()
        } else {
            alias = fieldName
        }
        skipIgnored()
        var arguments: [String: GraphQLInput] = [:]
        if peek() == "(" {
            position += 1
            while true {
                skipIgnored()
                if peek() == ")" {
                    position += 1
                    break
                }
                let argument = try name()
                skipIgnored()
                try expect(":")
                arguments[argument] = try value()
            }
        }
        skipIgnored()
        let selections = peek() == "{" ? try selectionSet() : []
        return GraphQLField(name: fieldName, alias: alias, arguments: arguments, selections: selections)
    }

    private mutating func value() throws(SyntaxError) -> GraphQLInput {
        skipIgnored()
        guard let next = peek() else { throw SyntaxError(message: "Parse error: unexpected end of document") }
        switch next {
        case "$":
            throw SyntaxError(message: "the sandbox does not answer queries with variables")
        case "\"":
            return .string(try string())
        case "[":
            position += 1
            var items: [GraphQLInput] = []
            while true {
                skipIgnored()
                if peek() == "]" {
                    position += 1
                    return .list(items)
                }
                items.append(try value())
            }
        case "{":
            position += 1
            var members: [String: GraphQLInput] = [:]
            while true {
                skipIgnored()
                if peek() == "}" {
                    position += 1
                    return .object(members)
                }
                let key = try name()
                skipIgnored()
                try expect(":")
                members[key] = try value()
            }
        case "-", "0"..."9":
            var text = ""
            while let scalar = peek(), scalar == "-" || scalar == "." || scalar == "e" || scalar == "E" || scalar == "+"
                || ("0"..."9").contains(scalar)
            {
                text.unicodeScalars.append(scalar)
                position += 1
            }
            if let int = Int(text) { return .int(int) }
            guard Double(text) != nil else { throw SyntaxError(message: "Parse error on \"\(text)\": not a number") }
            return .float(text)
        default:
            let word = try name()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: return .enumValue(word)
            }
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        try expect("\"")
        var text = ""
        while let scalar = peek() {
            position += 1
            switch scalar {
            case "\"":
                return text
            case "\\":
                guard let escaped = peek() else { break }
                position += 1
                switch escaped {
                case "n": text += "\n"
                case "r": text += "\r"
                case "t": text += "\t"
                case "b": text += "\u{8}"
                case "f": text += "\u{C}"
                case "u":
                    guard position + 4 <= scalars.count,
                        let code = UInt32(String(String.UnicodeScalarView(scalars[position..<position + 4])), radix: 16),
                        let decoded = Unicode.Scalar(code)
                    else { throw SyntaxError(message: "Parse error: bad \\u escape") }
                    text.unicodeScalars.append(decoded)
                    position += 4
                default: text.unicodeScalars.append(escaped)
                }
            case "\n":
                throw SyntaxError(message: "Parse error: unterminated string")
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        throw SyntaxError(message: "Parse error: unterminated string")
    }

    private mutating func name() throws(SyntaxError) -> String {
        var text = ""
        while let scalar = peek(), scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || (!text.isEmpty && ("0"..."9").contains(scalar))
        {
            text.unicodeScalars.append(scalar)
            position += 1
        }
        guard !text.isEmpty else {
            throw SyntaxError(message: "Parse error on \"\(peek().map(String.init) ?? "end of document")\": expected a name")
        }
        return text
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(SyntaxError) {
        skipIgnored()
        guard peek() == scalar else {
            throw SyntaxError(message: "Parse error on \"\(peek().map(String.init) ?? "end of document")\": expected \(scalar)")
        }
        position += 1
    }

    private func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    /// White space, commas and comments are insignificant in GraphQL.
    private mutating func skipIgnored() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "," || scalar == "\u{FEFF}" {
                position += 1
            } else if scalar == "#" {
                while let next = peek(), next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }
}
