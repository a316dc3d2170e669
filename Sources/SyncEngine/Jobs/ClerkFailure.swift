import ClerkAPI
import Reliability

/// Clerk's own error behind a failure, whatever wraps it: its request and answer go into dead letters.
enum ClerkFailure {
    static func of(_ error: any Error) -> ClerkError? {
        switch error {
        case let error as ClerkError: error
        case ClerkWriterError.unavailable(let error), ClerkWriterError.authentication(let error): error
        default: nil
        }
    }
}
