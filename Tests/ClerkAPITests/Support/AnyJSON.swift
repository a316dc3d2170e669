import Foundation

/// Any JSON value as Foundation's `JSONDecoder` reads it (numbers as exact decimals), so documents read back can be
/// compared with those written.
indirect enum AnyJSON: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? single.decode(Decimal.self) {
            self = .number(number)
        } else if let text = try? single.decode(String.self) {
            self = .string(text)
        } else if let items = try? single.decode([AnyJSON].self) {
            self = .array(items)
        } else {
            self = .object(try single.decode([String: AnyJSON].self))
        }
    }

    /// `json` decoded.
    static func parse(_ json: [UInt8]) throws -> AnyJSON {
        try JSONDecoder().decode(AnyJSON.self, from: Data(json))
    }
}
