import JSONSupport

/// Query-string encoding the Clerk API expects: list values JSON-encoded, then everything percent-encoded.
enum QueryEncoding {
    /// A JSON list of integers, e.g. `[1,2]`.
    static func jsonList<Ids: Sequence<Int>>(_ ids: Ids) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON list of strings, e.g. `["a","b"]`, with each string escaped.
    static func jsonList<Values: Sequence<String>>(_ values: Values) -> String {
        var writer = JSONWriter(capacity: 64)
        writer.openArray()
        for value in values { writer.string(value) }
        writer.closeArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Percent-encodes every byte of the UTF-8 form except RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
    static func percentEncode(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                Hex.append(byte, uppercase: true, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `name=value&…` with names and values percent-encoded, in the given order.
    static func queryString(_ items: [(name: String, value: String)]) -> String {
        items.map { percentEncode($0.name) + "=" + percentEncode($0.value) }.joined(separator: "&")
    }
}
