import Foundation

/// Attribute-name normalisation of mapping.md §6.
public enum AttributeName {
    /// Normalises a raw name: Unicode NFKD with combining marks removed, lowercased, every run of characters
    /// outside `[a-z0-9]` replaced by one `_`, leading and trailing `_` dropped.
    ///
    /// `Size` → `size`, `Shoe Width (EU)` → `shoe_width_eu`, `Côté` → `cote`.
    /// - Returns: the normalised name, or `nil` when it would be empty.
    public static func normalize(_ raw: String) -> String? {
        var source = raw
        if !raw.utf8.allSatisfy({ $0 < 0x80 }) {
            let decomposed = raw.decomposedStringWithCompatibilityMapping
            var scalars = String.UnicodeScalarView()
            for scalar in decomposed.unicodeScalars where !isCombiningMark(scalar) {
                scalars.append(scalar)
            }
            source = String(scalars).lowercased()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.utf8.count)
        var pendingSeparator = false
        for byte in source.utf8 {
            let lowered = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
            let isWordByte = (lowered >= 0x61 && lowered <= 0x7A) || (lowered >= 0x30 && lowered <= 0x39)
            if isWordByte {
                if pendingSeparator && !bytes.isEmpty {
                    bytes.append(0x5F)
                }
                pendingSeparator = false
                bytes.append(lowered)
            } else {
                pendingSeparator = true
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}
