import Foundation
import JSONSupport

/// Clerk's filter language (clerk-api.md §6.3) for the simulator: `attribute op value` expressions combined with
/// `and`/`or` (`and` binds tighter) and parentheses. Operators: `=`, `!=`, `>`, `<`, `>=`, `<=`, `in [..]`,
/// `not in [..]`, `contains`. Values: strings in single or double quotes with backslash escapes, numbers,
/// `true`/`false`, lists in brackets.
///
/// Evaluation against a product document: an attribute the document lacks matches nothing (also under `!=` and
/// `not in`). On a list attribute `=`, `>`, … and `in` hold when some element does, `!=` and `not in` when no
/// element matches; `contains` asks whether the list holds the value (on a string: whether it holds the text).
/// Numbers compare as decimals, strings by their text. Sandbox choices where the reference is silent.
public struct ClerkFilterEvaluator: Sendable {
    /// Why a filter string does not parse; the simulator answers it as a `ParsingError`.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The offset in characters where the problem was found.
        public var offset: Int
        /// What was wrong.
        public var reason: String
        /// `reason at offset N`.
        public var description: String { "\(reason) at offset \(offset)" }
    }

    /// A literal of the language.
    enum Literal: Sendable, Equatable {
        case number(Decimal)
        case string(String)
        case bool(Bool)
    }

    /// A comparison operator.
    enum Operator: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case less = "<"
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
    }

    /// The parsed expression.
    indirect enum Expression: Sendable {
        case and(Expression, Expression)
        case or(Expression, Expression)
        case compare(attribute: String, Operator, Literal)
        case isIn(attribute: String, [Literal], negated: Bool)
        case contains(attribute: String, Literal)
    }

    let expression: Expression

    /// Parses `filter`; throws `SyntaxError` when it is not a valid filter.
    public init(_ filter: String) throws(SyntaxError) {
        var parser = Parser(tokens: try Self.tokenize(filter), length: filter.count)
        expression = try parser.parseExpression()
        if let extra = parser.peek {
            throw SyntaxError(offset: extra.offset, reason: "unexpected \(extra.kind)")
        }
    }

    /// Whether the product `document` (a JSON object) matches.
    public func matches(_ document: JSONValue) -> Bool {
        Self.evaluate(expression, document)
    }

    static func evaluate(_ expression: Expression, _ document: JSONValue) -> Bool {
        switch expression {
        case .and(let left, let right): return evaluate(left, document) && evaluate(right, document)
        case .or(let left, let right): return evaluate(left, document) || evaluate(right, document)
        case .compare(let attribute, let op, let literal):
            guard let value = document[attribute] else { return false }
            let elements = elements(of: value)
            if op == .notEqual { return !elements.contains { compare($0, .equal, literal) } }
            return elements.contains { compare($0, op, literal) }
        case .isIn(let attribute, let literals, let negated):
            guard let value = document[attribute] else { return false }
            let found = elements(of: value).contains { element in literals.contains { compare(element, .equal, $0) } }
            return found != negated
        case .contains(let attribute, let literal):
            guard let value = document[attribute] else { return false }
            if case .string(let text) = value, case .string(let needle) = literal { return text.contains(needle) }
            guard case .array(let items) = value else { return false }
            return items.contains { compare($0, .equal, literal) }
        }
    }

    private static func elements(of value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return [value]
    }

    /// `value op literal`; values of different types compare only for `=` (false). Numeric strings compare with
    /// numbers as numbers (ids are sometimes strings).
    static func compare(_ value: JSONValue, _ op: Operator, _ literal: Literal) -> Bool {
        let order: ComparisonResult
        switch (value, literal) {
        case (.bool(let left), .bool(let right)):
            guard op == .equal || op == .notEqual else { return false }
            return (left == right) == (op == .equal)
        case (.number(let text), .number(let right)), (.string(let text), .number(let right)):
            guard let left = ClerkSortKey.decimal(text) else {
                return op == .notEqual
            }
            order = left == right ? .orderedSame : (left < right ? .orderedAscending : .orderedDescending)
        case (.string(let left), .string(let right)), (.number(let left), .string(let right)):
            order = left == right ? .orderedSame : (left < right ? .orderedAscending : .orderedDescending)
        default:
            return op == .notEqual
        }
        switch op {
        case .equal: return order == .orderedSame
        case .notEqual: return order != .orderedSame
        case .greater: return order == .orderedDescending
        case .less: return order == .orderedAscending
        case .greaterOrEqual: return order != .orderedAscending
        case .lessOrEqual: return order != .orderedDescending
        }
    }

    // MARK: - Tokens

    struct Token: Sendable {
        enum Kind: Sendable, Equatable, CustomStringConvertible {
            case word(String)
            case literal(Literal)
            case op(Operator)
            case open, close, openList, closeList, comma

            var description: String {
                switch self {
                case .word(let word): "'\(word)'"
                case .literal(let literal): "value \(literal)"
                case .op(let op): "'\(op.rawValue)'"
                case .open: "'('"
                case .close: "')'"
                case .openList: "'['"
                case .closeList: "']'"
                case .comma: "','"
                }
            }
        }

        var kind: Kind
        var offset: Int
    }

    static func tokenize(_ text: String) throws(SyntaxError) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            switch character {
            case " ", "\t", "\n", "\r":
                index += 1
            case "(":
                tokens.append(Token(kind: .open, offset: start))
                index += 1
            case ")":
                tokens.append(Token(kind: .close, offset: start))
                index += 1
            case "[":
                tokens.append(Token(kind: .openList, offset: start))
                index += 1
            case "]":
                tokens.append(Token(kind: .closeList, offset: start))
                index += 1
            case ",":
                tokens.append(Token(kind: .comma, offset: start))
                index += 1
            case "=":
                tokens.append(Token(kind: .op(.equal), offset: start))
                index += 1
            case "!", "<", ">":
                let hasEqual = index + 1 < characters.count && characters[index + 1] == "="
                let op: Operator
                switch (character, hasEqual) {
                case ("!", true): op = .notEqual
                case ("!", false): throw SyntaxError(offset: start, reason: "'!' without '='")
                case ("<", true): op = .lessOrEqual
                case ("<", false): op = .less
                case (">", true): op = .greaterOrEqual
                default: op = .greater
                }
                tokens.append(Token(kind: .op(op), offset: start))
                index += hasEqual ? 2 : 1
            case "'", "\"":
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == "\\" {
                        guard index + 1 < characters.count else { break }
                        value.append(characters[index + 1])
                        index += 2
                    } else if next == character {
                        index += 1
                        closed = true
                        break
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else { throw SyntaxError(offset: start, reason: "unterminated string") }
                tokens.append(Token(kind: .literal(.string(value)), offset: start))
            case "-", "0"..."9":
                var end = index + 1
                while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
                let text = String(characters[index..<end])
                guard text.contains(where: \.isNumber), text.filter({ $0 == "." }).count <= 1,
                    let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                else { throw SyntaxError(offset: start, reason: "invalid number \(text)") }
                tokens.append(Token(kind: .literal(.number(number)), offset: start))
                index = end
            case _ where character.isLetter || character == "_":
                var end = index + 1
                while end < characters.count,
                    characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
                {
                    end += 1
                }
                let word = String(characters[index..<end])
                switch word {
                case "true": tokens.append(Token(kind: .literal(.bool(true)), offset: start))
                case "false": tokens.append(Token(kind: .literal(.bool(false)), offset: start))
                default: tokens.append(Token(kind: .word(word), offset: start))
                }
                index = end
            default:
                throw SyntaxError(offset: start, reason: "unexpected character '\(character)'")
            }
        }
        return tokens
    }

    // MARK: - Parser

    struct Parser {
        var tokens: [Token]
        var length: Int
        var position = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func next(_ expected: String) throws(SyntaxError) -> Token {
            guard let token = peek else {
                throw SyntaxError(offset: length, reason: "expected \(expected), found the end")
            }
            position += 1
            return token
        }

        func isWord(_ word: String) -> Bool {
            if case .word(let text)? = peek?.kind { return text.lowercased() == word }
            return false
        }

        mutating func parseExpression() throws(SyntaxError) -> Expression {
            var left = try parseConjunction()
            while isWord("or") {
                position += 1
                left = .or(left, try parseConjunction())
            }
            return left
        }

        mutating func parseConjunction() throws(SyntaxError) -> Expression {
            var left = try parsePrimary()
            while isWord("and") {
                position += 1
                left = .and(left, try parsePrimary())
            }
            return left
        }

        mutating func parsePrimary() throws(SyntaxError) -> Expression {
            let token = try next("an attribute or '('")
            switch token.kind {
            case .open:
                let inner = try parseExpression()
                let close = try next("')'")
                guard close.kind == .close else { throw SyntaxError(offset: close.offset, reason: "expected ')'") }
                return inner
            case .word(let attribute) where !["and", "or", "in", "not", "contains"].contains(attribute.lowercased()):
                return try parseCondition(attribute: attribute)
            default:
                throw SyntaxError(offset: token.offset, reason: "expected an attribute, found \(token.kind)")
            }
        }

        mutating func parseCondition(attribute: String) throws(SyntaxError) -> Expression {
            let token = try next("an operator")
            switch token.kind {
            case .op(let op):
                return .compare(attribute: attribute, op, try parseLiteral())
            case .word(let word) where word.lowercased() == "in":
                return .isIn(attribute: attribute, try parseList(), negated: false)
            case .word(let word) where word.lowercased() == "not":
                let inWord = try next("'in'")
                guard case .word(let text) = inWord.kind, text.lowercased() == "in" else {
                    throw SyntaxError(offset: inWord.offset, reason: "expected 'in' after 'not'")
                }
                return .isIn(attribute: attribute, try parseList(), negated: true)
            case .word(let word) where word.lowercased() == "contains":
                return .contains(attribute: attribute, try parseLiteral())
            default:
                throw SyntaxError(offset: token.offset, reason: "expected an operator, found \(token.kind)")
            }
        }

        mutating func parseLiteral() throws(SyntaxError) -> Literal {
            let token = try next("a value")
            guard case .literal(let literal) = token.kind else {
                throw SyntaxError(offset: token.offset, reason: "expected a value, found \(token.kind)")
            }
            return literal
        }

        mutating func parseList() throws(SyntaxError) -> [Literal] {
            let open = try next("'['")
            guard open.kind == .openList else { throw SyntaxError(offset: open.offset, reason: "expected '['") }
            var literals: [Literal] = []
            if peek?.kind == .closeList {
                position += 1
                return literals
            }
            while true {
                literals.append(try parseLiteral())
                let separator = try next("',' or ']'")
                switch separator.kind {
                case .comma: continue
                case .closeList: return literals
                default: throw SyntaxError(offset: separator.offset, reason: "expected ',' or ']'")
                }
            }
        }
    }
}
