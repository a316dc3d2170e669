import JSONSupport
import Testing

@Suite("JSON slicing")
struct JSONScannerTests {
    func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    @Test func slicesMembersAndElementsVerbatimThroughEscapesAndNesting() throws {
        let bytes = Array(#" {"a\"b": "x]\\", "data": [ {"k": "]}\""}, [1, [2]], 3.5e2, null , "s"]} "#.utf8)
        let scanner = JSONScanner(bytes)
        let members = try scanner.members(ofObject: try scanner.topLevelValue())
        #expect(members.map(\.key) == ["a\"b", "data"])
        #expect(text(bytes, members[0].value) == #""x]\\""#)
        let elements = try scanner.elements(ofArray: members[1].value).map { text(bytes, $0) }
        #expect(elements == [#"{"k": "]}\""}"#, "[1, [2]]", "3.5e2", "null", #""s""#])
    }

    @Test func oneBadTokenStaysInsideItsElement() throws {
        let bytes = Array(#"{"data": [{"id": 1, "price": n/a}, {"id": 2}]}"#.utf8)
        let scanner = JSONScanner(bytes)
        let data = try #require(try scanner.members(ofObject: try scanner.topLevelValue()).first?.value)
        let elements = try scanner.elements(ofArray: data).map { text(bytes, $0) }
        #expect(elements == [#"{"id": 1, "price": n/a}"#, #"{"id": 2}"#])
        #expect(JSONValue.parse(Array(elements[0].utf8)) == nil)
    }

    @Test func emptyContainers() throws {
        let bytes = Array(#"{"a": [ ], "b": {}}"#.utf8)
        let scanner = JSONScanner(bytes)
        let members = try scanner.members(ofObject: try scanner.topLevelValue())
        #expect(try scanner.elements(ofArray: members[0].value).isEmpty)
        #expect(try scanner.members(ofObject: members[1].value).isEmpty)
    }

    @Test(arguments: [
        #"{"data": [{"id": 1"#, #"{"a": 1"#, #"{"a" 1}"#, #"{"a": 1,}"#, #"{1: 2}"#, #"["#, #"{"a": "x}"#, "", "{} x",
        "[1 2]",
    ])
    func structuralErrorsThrow(text: String) {
        #expect(throws: JSONSyntaxError.self) {
            let scanner = JSONScanner(Array(text.utf8))
            let top = try scanner.topLevelValue()
            if scanner.bytes[top.lowerBound] == UInt8(ascii: "{") {
                _ = try scanner.members(ofObject: top)
            } else {
                _ = try scanner.elements(ofArray: top)
            }
        }
    }

    @Test func membersOfSomethingElseThrow() {
        let scanner = JSONScanner(Array("[1]".utf8))
        #expect(throws: JSONSyntaxError.self) { try scanner.members(ofObject: 0..<3) }
        #expect(throws: JSONSyntaxError.self) { try JSONScanner(Array("{}".utf8)).elements(ofArray: 0..<2) }
    }
}
