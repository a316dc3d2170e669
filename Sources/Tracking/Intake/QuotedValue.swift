import Foundation

/// A value a caller sent, as error messages show it: quoted, at most 64 characters, control characters dropped,
/// so a message names what was wrong without echoing arbitrary input.
public enum QuotedValue {
    /// `value` ready for an error message.
    public static func quoted(_ value: String) -> String {
        "\"" + String(value.prefix(64).unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }) + "\""
    }
}
