import Foundation
import JSONSupport
import Testing

@Suite("JSON writing")
struct JSONWriterTests {
    func text(_ writer: JSONWriter) -> String {
        String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func nestsWithCommasInTheRightPlaces() {
        var writer = JSONWriter()
        writer.openObject()
        writer.field("a", 1)
        writer.key("b")
        writer.openArray()
        writer.openObject()
        writer.closeObject()
        writer.openArray()
        writer.closeArray()
        writer.null()
        writer.closeArray()
        writer.field("c", ["x", "y"])
        writer.field("d", nil as Int?)
        writer.field("e", true)
        writer.field("f", [Int]())
        writer.closeObject()
        #expect(text(writer) == #"{"a":1,"b":[{},[],null],"c":["x","y"],"d":null,"e":true,"f":[]}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharactersOnly() {
        var writer = JSONWriter()
        writer.string("q\" b\\ /s \n\r\t\u{8}\u{c} \u{0}\u{1f} \u{7f} \u{2028} é 😀")
        #expect(text(writer) == #""q\" b\\ /s \n\r\t\b\f \u0000\u001f "# + "\u{7f} \u{2028} é 😀\"")
        #expect(JSONWriter.escaped("a\"b\u{1}") == Array(#"a\"b\u0001"#.utf8))
        var key = JSONWriter()
        key.openObject()
        key.field("k\"", "v")
        key.closeObject()
        #expect(text(key) == #"{"k\"":"v"}"#)
    }

    @Test func escapedTextParsesBackToTheString() throws {
        let original = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }.joined() + "Côté 漢 😀"
        var writer = JSONWriter()
        writer.string(original)
        #expect(try JSONScanner(writer.bytes).value() == .string(original))
        let foundation = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed])
        #expect(foundation as? String == original)
    }

    @Test func decimalsArePlainWithoutTrailingZerosAndNaNIsZero() {
        var writer = JSONWriter()
        writer.openArray()
        for text in ["0.99", "1e3", "1e-7", "-0.50", "0", "12.340", "123456789012345678901234567890.123"] {
            writer.number(Decimal(string: text)!)
        }
        writer.number(.nan)
        writer.closeArray()
        #expect(text(writer) == "[0.99,1000,0.0000001,-0.5,0,12.34,123456789012345678901234567890.123,0]")
    }

    @Test func decimalNumbersAreWrittenInPlainNotation() {
        func text(_ value: Decimal) -> String? { JSONNumber.decimal(value).map { String(decoding: $0, as: UTF8.self) } }
        #expect(text(Decimal(string: "19.99")!) == "19.99")
        #expect(text(Decimal(string: "0.1")!) == "0.1")
        #expect(text(Decimal(string: "-0.50")!) == "-0.5")
        #expect(text(Decimal(string: "1200")!) == "1200")
        #expect(text(Decimal(string: "0.000001")!) == "0.000001")
        #expect(text(Decimal(string: "123456789012345678901234567890.123")!) == "123456789012345678901234567890.123")
        #expect(text(.nan) == nil)
    }

    @Test func rawValuesAreSplicedByteForByte() {
        var writer = JSONWriter()
        writer.openObject()
        writer.key("products")
        writer.openArray()
        writer.rawValue(Array(#"{"id":7,"price":19.990,"name":"caf\u00e9"}"#.utf8))
        writer.rawValue(Array("{}".utf8))
        writer.closeArray()
        writer.closeObject()
        #expect(text(writer) == #"{"products":[{"id":7,"price":19.990,"name":"caf\u00e9"},{}]}"#)
    }

    @Test func canonicalOrderIsUTF8ByteOrder() {
        #expect(JSONWriter.canonicalOrder(["b", "a_b", "Zeta", "ab", "option_9", "option_10", "id"])
            == ["Zeta", "a_b", "ab", "b", "id", "option_10", "option_9"])
        #expect(JSONWriter.canonicalOrder(["é", "z", "ä", "Z", "e\u{301}"]) == ["Z", "e\u{301}", "z", "ä", "é"])
    }
}

@Suite("hex digits")
struct HexTests {
    @Test func appendsTwoDigitsPerByte() {
        var output: [UInt8] = []
        Hex.append(0x0F, to: &output)
        Hex.append(0xA0, uppercase: true, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "0fA0")
        #expect(Hex.lowercase([0x00, 0x7F, 0x80, 0xFF]) == "007f80ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
