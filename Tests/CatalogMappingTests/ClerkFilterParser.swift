import CatalogMapping
import Foundation

/// A strict reader of Clerk's filter language (clerk-api.md §6.3) for tests: it turns a rendered filter back
/// into a `ClerkFilter`, so a test can check that shopper values never changed the structure.
///
/// Strings are `"…"` with only `\\` and `\"` as escapes and no raw control characters; numbers are
/// `-?digits[.digits]`; a group may not mix `and` and `or` without parentheses (so a rendering that relied on
/// precedence fails here).
struct ClerkFilterParser {
    enum Token: Equatable {
        case word(String)
        case string(String)
        case number(String)
        case symbol(String)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var tokens: [Token]
    private var position = 0

    static func parse(_ text: String) throws -> ClerkFilter {
        var parser = ClerkFilterParser(tokens: try tokenize(text))
        let filter = try parser.expression()
        guard parser.position == parser.tokens.count else {
            throw Failure(description: "trailing tokens after \(parser.position) in \(text)")
        }
        return filter
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func tokenize(_ text: String) throws -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_")
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ":
                index += 1
            case "(", ")", "[", "]", ",":
                tokens.append(.symbol(String(scalar)))
                index += 1
            case "=":
                tokens.append(.symbol("="))
                index += 1
            case "!", "<", ">":
                if index + 1 < scalars.count, scalars[index + 1] == "=" {
                    tokens.append(.symbol(String(scalar) + "="))
                    index += 2
                } else if scalar == "!" {
                    throw Failure(description: "lone ! at \(index)")
                } else {
                    tokens.append(.symbol(String(scalar)))
                    index += 1
                }
            case "\"":
                index += 1
                var value = String.UnicodeScalarView()
                var closed = false
                while index < scalars.count {
                    let next = scalars[index]
                    if next == "\"" {
                        closed = true
                        index += 1
                        break
                    }
                    if next == "\\" {
                        guard index + 1 < scalars.count, scalars[index + 1] == "\\" || scalars[index + 1] == "\"" else {
                            throw Failure(description: "bad escape at \(index)")
                        }
                        value.append(scalars[index + 1])
                        index += 2
                        continue
                    }
                    if next.properties.generalCategory == .control {
                        throw Failure(description: "raw control character at \(index)")
                    }
                    value.append(next)
                    index += 1
                }
                guard closed else {
                    throw Failure(description: "unterminated string")
                }
                tokens.append(.string(String(value)))
            case "-", "0"..."9":
                var text = String(scalar)
                index += 1
                while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." {
                    text.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else {
                    throw Failure(description: "bad number \(text)")
                }
                if index < scalars.count, isWordScalar(scalars[index]) {
                    throw Failure(description: "number runs into a word at \(index)")
                }
                tokens.append(.number(text))
            default:
                guard isWordScalar(scalar) else {
                    throw Failure(description: "unexpected \(scalar.escaped(asASCII: true)) at \(index)")
                }
                var word = String.UnicodeScalarView()
                while index < scalars.count, isWordScalar(scalars[index]) {
                    word.append(scalars[index])
                    index += 1
                }
                tokens.append(.word(String(word)))
            }
        }
        return tokens
    }

    private var next: Token? {
        position < tokens.count ? tokens[position] : nil
    }

    private mutating func take() throws -> Token {
        guard let token = next else {
            throw Failure(description: "unexpected end")
        }
        position += 1
        return token
    }

    private mutating func expect(_ token: Token) throws {
        let actual = try take()
        guard actual == token else {
            throw Failure(description: "expected \(token), found \(actual)")
        }
    }

    /// `term (("and" | "or") term)*` with one connective per group.
    private mutating func expression() throws -> ClerkFilter {
        var operands = [try term()]
        var connective: String?
        while case .word(let word)? = next, word == "and" || word == "or" {
            guard connective == nil || connective == word else {
                throw Failure(description: "and/or mixed without parentheses")
            }
            connective = word
            position += 1
            operands.append(try term())
        }
        guard let connective else {
            return operands[0]
        }
        let group = connective == "and" ? ClerkFilter.all(of: operands) : ClerkFilter.any(of: operands)
        return group!
    }

    private mutating func term() throws -> ClerkFilter {
        if next == .symbol("(") {
            position += 1
            let inner = try expression()
            try expect(.symbol(")"))
            return inner
        }
        guard case .word(let name) = try take(), let attribute = ClerkFilterAttribute(name) else {
            throw Failure(description: "expected an attribute at token \(position - 1)")
        }
        switch try take() {
        case .symbol(let symbol):
            guard let op = ClerkFilterOperator(rawValue: symbol) else {
                throw Failure(description: "unexpected \(symbol)")
            }
            return .compare(attribute, op, try value())
        case .word("contains"):
            return .contains(attribute, try value())
        case .word("in"):
            return .isIn(attribute, try list())
        case .word("not"):
            try expect(.word("in"))
            return .isNotIn(attribute, try list())
        case let other:
            throw Failure(description: "unexpected \(other) after \(name)")
        }
    }

    private mutating func list() throws -> [ClerkFilterValue] {
        try expect(.symbol("["))
        var values: [ClerkFilterValue] = []
        if next == .symbol("]") {
            position += 1
            return values
        }
        while true {
            values.append(try value())
            switch try take() {
            case .symbol(","):
                continue
            case .symbol("]"):
                return values
            case let other:
                throw Failure(description: "unexpected \(other) in a list")
            }
        }
    }

    private mutating func value() throws -> ClerkFilterValue {
        switch try take() {
        case .string(let text):
            return .string(text)
        case .number(let digits):
            return .number(Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))!)
        case .word("true"):
            return .bool(true)
        case .word("false"):
            return .bool(false)
        case let other:
            throw Failure(description: "expected a value, found \(other)")
        }
    }
}
