import ArgumentParser
import Foundation

/// Why a command driving the sandbox did not do what it was asked; printed to standard error with its exit status.
enum SandboxControlFailure: Error, Equatable {
    /// Exit 64: the input was wrong (a flag, or what the sandbox refused, e.g. an unknown product).
    case usage(String)
    /// Exit 2: no sandbox answers where the command looked, or it was not told where to look.
    case unreachable(String)
    /// Exit 1: the sandbox failed.
    case failed(String)

    /// What is printed after `error: `.
    var message: String {
        switch self {
        case .usage(let message), .unreachable(let message), .failed(let message): message
        }
    }

    /// Prints the message to standard error and returns the exit status.
    var exitCode: ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        switch self {
        case .usage: return .validationFailure
        case .unreachable: return ExitCode(2)
        case .failed: return .failure
        }
    }
}
