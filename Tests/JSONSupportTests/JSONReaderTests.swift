import Foundation
@testable import JSONSupport
import Testing

@Suite("JSON reader")
struct JSONReaderTests {
    enum Name: Int { case a, b }
    static let names = JSONNames(["a", "b"])

    @Test func readsMembersValuesAndSkipsTheRest() throws {
        var reader = JSONReader(Array(#" {"a": "x\"y\u00e9", "zz": [1, {"q": [true, null]}, -2.5e3], "b": [3, 0, -12]} "#.utf8))
        var a: String?
        var b: [Int] = []
        try reader.beginObject()
        while let name = try reader.nextMember() {
            switch reader.index(of: name, in: Self.names).flatMap(Name.init(rawValue:)) {
            case .a?: a = try reader.string()
            case .b?:
                try reader.beginArray()
                while try reader.nextElement() { b.append(try reader.int()) }
            case nil: try reader.skipValue()
            }
        }
        try reader.end()
        #expect(a == "x\"yé")
        #expect(b == [3, 0, -12])
    }

    @Test func decimalsAreExact() throws {
        for text in ["0", "109.0", "-0.1", "19.99", "123456789012.3456", "1e2", "12345678901234567890.5"] {
            var reader = JSONReader(Array(text.utf8))
            #expect(try reader.decimal() == Decimal(string: text), "\(text)")
        }
    }

    @Test(arguments: [
        #"{"a" 1}"#, #"{"a": 1 "b": 2}"#, #"[1,]"#, #"[01]"#, #"{"a\u0041": 1}"#, "[1.]", #"["\#u{01}"]"#, "[tru]", "{",
    ])
    func refusesWhatIsNotPlainJSON(text: String) {
        var reader = JSONReader(Array(text.utf8))
        #expect(throws: JSONSyntaxError.self) { try reader.skipValue(); try reader.end() }
    }

    @Test func integersRefuseFractionsAndExponents() {
        for text in ["1.0", "1e3", "1234567890123456789"] {
            var reader = JSONReader(Array(text.utf8))
            #expect(throws: JSONSyntaxError.self) { _ = try reader.int() }
        }
    }

    @Test func invalidUTF8IsRefused() {
        var reader = JSONReader([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")])
        #expect(throws: JSONSyntaxError.self) { _ = try reader.string() }
    }
}

@Suite("decimal text")
struct DecimalTextTests {
    /// The text `description` gives, fractional zeros trimmed: what the fast path must match.
    static func slow(_ value: Decimal) -> String {
        var text = value.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    @Test func smallDecimalsReadAsTheirDescription() throws {
        #expect(JSONNumber.layoutKnown, "the fast path is off on this Foundation")
        var random = SystemRandomNumberGenerator()
        var values: [Decimal] = ["109.0", "0.1", "-3", "19.99", "0.0001", "1090", "-0.50", "123456789012.3456", "5e3"]
            .compactMap { Decimal(string: $0) }
        for _ in 0..<5_000 {
            let significand = Decimal(UInt64.random(in: 1...UInt64(1) << UInt64.random(in: 1...62), using: &random))
            let value = Decimal(sign: Bool.random(using: &random) ? .minus : .plus, exponent: Int.random(in: -12...6, using: &random), significand: significand)
            values.append(value)
            values.append(value * Decimal(string: "1.10")!)
        }
        for value in values {
            let fast = try #require(JSONNumber.decimal(value))
            #expect(String(decoding: fast, as: UTF8.self) == Self.slow(value), "\(value)")
        }
    }
}
