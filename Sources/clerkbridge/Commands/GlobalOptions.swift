import ArgumentParser
import Foundation

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
