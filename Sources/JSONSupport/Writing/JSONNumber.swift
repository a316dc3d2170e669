import Foundation

/// JSON number text for values that must not pass through `Double` (money).
public enum JSONNumber {
    /// `value` in plain notation (no exponent, no trailing fractional zeros), e.g. `19.99`, `0.1`, `-3`;
    /// nil when `value` is NaN, which JSON cannot express.
    public static func decimal(_ value: Decimal) -> [UInt8]? {
        guard value.isFinite else { return nil }
        if value.isZero { return [UInt8(ascii: "0")] }
        if let text = smallDecimal(value) { return text }
        var text = Array(value.description.utf8)
        if text.contains(UInt8(ascii: ".")) {
            while text.last == UInt8(ascii: "0") { text.removeLast() }
            if text.last == UInt8(ascii: ".") { text.removeLast() }
        }
        return text
    }

    /// The text of a decimal whose significand fits 64 bits (every price), straight from its parts: the same text
    /// as `description` with its fractional zeros trimmed, without `Decimal`'s digit-by-digit division, which was
    /// 7 % of a reindex's CPU (BENCHMARKS.md, "CPU per product"). Foundation keeps the parts internal on Linux, so they
    /// are read from the value's bytes, and only once a check of known values found them where expected.
    static func smallDecimal(_ value: Decimal) -> [UInt8]? {
        guard layoutKnown, let (significandParts, exponentPart, negative) = parts(of: value) else { return nil }
        var significand = significandParts
        var exponent = exponentPart
        guard significand != 0 else { return nil }
        while exponent < 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        let digits = Array(String(significand).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digits.count + max(exponent, 2) + 2)
        if negative { text.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            text += digits
            text += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else {
            let point = digits.count + exponent
            if point > 0 {
                text += digits[..<point]
                text.append(UInt8(ascii: "."))
                text += digits[point...]
            } else {
                text += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                text += repeatElement(UInt8(ascii: "0"), count: -point)
                text += digits
            }
        }
        return text
    }

    /// Significand (when it fits 64 bits), exponent and sign of `value`, read from its NSDecimal-like layout:
    /// byte 0 the exponent, byte 1 the length in 16-bit words (high nibble) and the sign (bit 3), then the words.
    static func parts(of value: Decimal) -> (UInt64, Int, Bool)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: value) { raw -> (UInt64, Int, Bool)? in
            let flags = raw[1]
            let length = Int(flags >> 4)
            guard length <= 4 else { return nil }
            var significand: UInt64 = 0
            for word in 0..<length {
                let low = UInt64(raw[4 + 2 * word]), high = UInt64(raw[5 + 2 * word])
                significand |= (low | high << 8) << UInt64(16 * word)
            }
            return (significand, Int(Int8(bitPattern: raw[0])), flags & 0x08 != 0)
        }
    }

    /// Whether ``parts(of:)`` reads known values right on this Foundation.
    static let layoutKnown: Bool = {
        let known: [(String, UInt64, Int, Bool)] = [
            ("123.45", 12_345, -2, false), ("-0.5", 5, -1, true), ("4294967297.5", 42_949_672_975, -1, false),
            ("65536", 65_536, 0, false), ("-1090", 109, 1, true),
        ]
        return known.allSatisfy { text, significand, exponent, negative in
            guard let value = Decimal(string: text), let read = parts(of: value) else { return false }
            return read.0 == significand && read.1 == exponent && read.2 == negative && value.exponent == exponent
        }
    }()
}
