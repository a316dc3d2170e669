import Foundation

/// Why a JSON document could not be read as a `ClerkDocument`.
public enum ClerkDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not valid JSON; `reason` is the decoder's explanation.
    case malformedJSON(reason: String)
    /// The JSON value is not an object.
    case notAnObject
    /// The object has no integer `id` (or numeric string `id`).
    case missingID

    /// A human-readable explanation.
    public var description: String {
        switch self {
        case let .malformedJSON(reason):
            return "malformed JSON: \(reason)"
        case .notAnObject:
            return "the JSON document is not an object"
        case .missingID:
            return "the JSON document has no integer id"
        }
    }
}
