/// Hexadecimal digits, the one table behind JSON's `\u00XX` escapes, percent-encoding and digest texts.
public enum Hex {
    /// `0123456789abcdef` as UTF-8 bytes.
    public static let lowercaseDigits: [UInt8] = Array("0123456789abcdef".utf8)
    /// `0123456789ABCDEF` as UTF-8 bytes.
    public static let uppercaseDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends the two hexadecimal digits of `byte`, high nibble first.
    public static func append(_ byte: UInt8, uppercase: Bool = false, to output: inout [UInt8]) {
        let digits = uppercase ? uppercaseDigits : lowercaseDigits
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }

    /// `bytes` as lowercase hexadecimal text, two digits a byte (the form of SHA-256 content hashes).
    public static func lowercase(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            append(byte, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
