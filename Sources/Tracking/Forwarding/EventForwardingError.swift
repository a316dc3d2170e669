import Reliability

/// Why an event cannot be forwarded at all.
enum EventForwardingError: RetryClassified, CustomStringConvertible {
    /// The stored event no longer reads as an event.
    case unreadable(String)
    /// Its storefront is not configured (any more).
    case unknownStorefront(String)

    /// Neither changes on another try.
    var retryability: Retryability { .permanent }

    /// clerkbridge's own.
    var dependency: Dependency? { nil }

    var description: String {
        switch self {
        case .unreadable(let message): "the stored event is unreadable: \(message)"
        case .unknownStorefront(let name): "storefront \(name) is not configured"
        }
    }
}
