import ArgumentParser
import Foundation
import SyncEngine

/// Options every command that talks to a store accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file, YAML or JSON (default: $CLERKBRIDGE_CONFIG).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Database: sqlite:PATH (default: $CLERKBRIDGE_DATABASE_URL, else sqlite:clerkbridge.sqlite).", valueName: "url"))
    var databaseURL: String?

    @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String?

    @Option(name: .long, help: ArgumentHelp("text or json.", valueName: "format"))
    var logFormat: String?

    /// Loads the settings; a configuration problem becomes exit status 2 with its message.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let flags = SettingsLoader.Flags(configPath: config, databaseURL: databaseURL, logLevel: logLevel, logFormat: logFormat)
        do {
            return try SettingsLoader(environment: environment, flags: flags).load()
        } catch let error as ConfigurationError {
            throw CommandFailure.couldNotStart(error.description)
        }
    }
}

/// How a command ends when it does not succeed; mapped to contract.md's exit statuses.
enum CommandFailure: Error {
    /// Exit 2: configuration, credentials or an unreachable API.
    case couldNotStart(String)
    /// Exit 1: finished, with failures already listed.
    case finishedWithFailures
}

extension CommandFailure {
    /// Prints the message (if any) to standard error and returns the exit code.
    var exitCode: ExitCode {
        switch self {
        case .couldNotStart(let message):
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            return ExitCode(2)
        case .finishedWithFailures:
            return ExitCode(1)
        }
    }
}

/// Runs a command body, turning start-up errors into exit status 2.
func runCommand(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CommandFailure {
        throw failure.exitCode
    } catch let error as StartupError {
        throw CommandFailure.couldNotStart(error.description).exitCode
    } catch let error as ConfigurationError {
        throw CommandFailure.couldNotStart(error.description).exitCode
    } catch let error as ReindexError {
        throw CommandFailure.couldNotStart(error.description).exitCode
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}
