import Foundation
import JSONSupport
import Testing

@Suite("JSON values")
struct JSONValueTests {
    func parse(_ text: String) -> JSONValue? {
        JSONValue.parse(Array(text.utf8))
    }

    @Test func parsesEveryKindKeepingNumberTextAndMemberOrder() throws {
        let value = try #require(parse(#" {"z": [1, -0, 19.990, 1E+2, 2.5e-3], "a": {"t": true, "f": false, "n": null}, "s": "x"} "#))
        #expect(value == [
            "z": [.number("1"), .number("-0"), .number("19.990"), .number("1E+2"), .number("2.5e-3")],
            "a": ["t": true, "f": false, "n": .null],
            "s": "x",
        ])
        guard case .object(let members) = value else { return }
        #expect(members.map(\.key) == ["z", "a", "s"])
    }

    @Test func decodesEscapesAndSurrogatePairs() {
        #expect(parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\té😀"))
        #expect(parse(#""Côté 漢""#) == .string("Côté 漢"))
    }

    @Test(arguments: [
        "", " ", "01", "1.", ".5", "+1", "-", "1e", "1e+", "--1", "tru", "nul", "True", "[1,]", "[1 2]", "{\"a\":1,}",
        "{\"a\" 1}", "{a:1}", "{\"a\":}", "[", "{", "\"abc", "\"a\u{1}b\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"",
        "\"\\ud83dx\"", "\"\\ude00\"", "1 2", "{} x", "<html></html>", "NaN",
    ])
    func rejectsWhatIsNotJSON(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONValue.parse([0x22, 0xFF, 0x22]) == nil)
    }

    @Test func syntaxErrorsSayWhere() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONScanner(Array(#"{"a": 1,}"#.utf8)).value() }
        #expect(error?.offset == 8)
        #expect(error?.description == "invalid JSON at byte 8: expected a member name")
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parse(deep) != nil)
        let deeper = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(parse(deeper) == nil)
        #expect(JSONValue.parse(Array(deeper.utf8), maxDepth: 512) != nil)
    }

    @Test func repeatedNamesKeepTheirOrderAndLookupsTakeTheLast() throws {
        let value = try #require(parse(#"{"a": 1, "b": 2, "a": 3}"#))
        #expect(value["a"] == .number("3"))
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["a"] == nil)
        #expect(String(decoding: value.encoded(), as: UTF8.self) == #"{"a":1,"b":2,"a":3}"#)
    }

    @Test func encodesCompactlyAsParsed() throws {
        let text = #"{"price":19.990,"name":"Tee \"A\"\n","tags":["x",null,true],"nested":{"id":-1.5E3}}"#
        let value = try #require(parse(text))
        #expect(String(decoding: value.encoded(), as: UTF8.self) == text)
        #expect(parse(String(decoding: value.encoded(), as: UTF8.self)) == value)
    }

    @Test func equalityFollowsTheText() {
        let ab: JSONValue = ["a": 1, "b": 2]
        let ba: JSONValue = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(JSONValue.number("1.0") != .number("1"))
        #expect(Set([ab, ba, ["a": 1, "b": 2]]).count == 2)
    }

    @Test func readsIntegersAndStrings() {
        #expect(JSONValue.number("42").intValue == 42)
        #expect(JSONValue.string("42").intValue == 42)
        #expect(JSONValue.number("4.2").intValue == nil)
        #expect(JSONValue.bool(true).intValue == nil)
        #expect(JSONValue.string("x").stringValue == "x")
        #expect(JSONValue.number("1").stringValue == nil)
        #expect(JSONValue.int(-7) == .number("-7"))
    }
}

@Suite("JSON member names")
struct JSONKeyTests {
    struct Members: Decodable {
        var names: [String]

        init(from decoder: any Decoder) throws {
            names = try decoder.container(keyedBy: JSONKey.self).allKeys.map(\.stringValue).sorted()
        }
    }

    @Test func readsAnyMemberName() throws {
        let members = try JSONDecoder().decode(Members.self, from: Data(#"{"b": 1, "é x": 2, "a": null}"#.utf8))
        #expect(members.names == ["a", "b", "é x"])
        #expect(JSONKey(intValue: 0) == nil)
        #expect(JSONKey(stringValue: "k").intValue == nil)
    }
}
