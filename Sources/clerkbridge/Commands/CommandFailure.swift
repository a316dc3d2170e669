import ArgumentParser
import BigCommerceAPI
import ClerkAPI
import Foundation
import SyncEngine

/// How a command ends when it does not succeed, as the one exit-status table of `clerkbridge --help` says:
/// 0 ok; 1 finished with problems (listed); 2 could not start (configuration, credentials, an unreachable API, a port
/// in use); 64 usage (swift-argument-parser's own, for a bad flag or argument).
enum CommandFailure: Error {
    /// Exit 2: configuration, credentials, an unreachable API or a port in use, with the message naming it.
    case couldNotStart(String)
    /// Exit 1: finished, with the problems already listed.
    case finishedWithFailures
    /// Exit 1: stopped by an error that is none of the above, with its message.
    case failed(String)

    /// What `error`, thrown out of a command, means: refused credentials and unreachable APIs could not start, like
    /// configuration errors; anything else unexpected failed.
    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as StartupError:
            self = .couldNotStart(error.description)
        case let error as ConfigurationError:
            self = .couldNotStart(error.description)
        case let error as ReindexError:
            self = .couldNotStart(error.description)
        case let error as BigCommerceError:
            switch error {
            case .unauthorized, .forbidden, .storeNotFound:
                self = .couldNotStart(error.description)
            case .transport, .timeout, .unknownHost:
                self = .couldNotStart("BIGCOMMERCE_API_URL (bigcommerce.api_url): \(Runtime.reason(error))")
            case .http, .decoding, .graphQL:
                self = .failed(error.description)
            }
        case let error as ClerkError:
            switch error.kind {
            case .authentication:
                self = .couldNotStart("Clerk refused the storefront's keys (clerk_public_key, clerk_private_key): \(error)")
            case .transport, .timeout, .unknownHost:
                self = .couldNotStart("CLERK_API_URL (clerk.api_url): \(Runtime.reason(error))")
            default:
                self = .failed(error.description)
            }
        default:
            self = .failed(String(describing: error))
        }
    }

    /// Prints the message (if any) to standard error and returns the exit code.
    var exitCode: ExitCode {
        switch self {
        case .couldNotStart(let message):
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            return ExitCode(2)
        case .finishedWithFailures:
            return ExitCode(1)
        case .failed(let message):
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            return ExitCode(1)
        }
    }
}

/// Runs a command body, turning what it throws into the exit status of ``CommandFailure``'s table.
func runCommand(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw CommandFailure(error).exitCode
    }
}
