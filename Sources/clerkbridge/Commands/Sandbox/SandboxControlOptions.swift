import ArgumentParser
import Foundation
import JSONSupport
import Sandbox

/// The options of every command that drives a running sandbox: where it is, and how to print its answer.
struct SandboxControlOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The sandbox's BigCommerce URL, e.g. http://127.0.0.1:PORT (default: $BIGCOMMERCE_API_URL, else bigcommerce.api_url of the config file).",
        valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The config file `clerkbridge sandbox --write-config` wrote (default: $CLERKBRIDGE_CONFIG).", valueName: "file"))
    var config: String?

    @Flag(help: "Print the sandbox's answer as JSON.") var json = false

    func validate() throws {
        if let url {
            do throws(SandboxControlFailure) { _ = try SandboxLocation.located(url, source: "--url") } catch { throw ValidationError(error.message) }
        }
    }

    /// Sends one request to the sandbox and prints its answer, as JSON with `--json` or else as `describe` words
    /// it; a failure is printed and becomes the exit status (64, 2 or 1).
    func perform(
        _ method: String, _ path: String, body: JSONValue? = nil, flags: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        describe: (JSONValue) -> String = SandboxControlReport.text
    ) async throws {
        do throws(SandboxControlFailure) {
            let location = try SandboxLocation.find(url: url, config: config, environment: environment)
            let answer = try await SandboxControlClient(location: location).send(method, path, body: body, flags: flags)
            print(json ? String(decoding: answer.encoded(), as: UTF8.self) : describe(answer))
        } catch {
            throw error.exitCode
        }
    }
}

/// Checks shared by the commands that drive the sandbox.
enum SandboxInput {
    /// Refuses an id below 1, naming its flag.
    static func id(_ value: Int?, _ flag: String) throws {
        if let value, value < 1 { throw ValidationError("\(flag) must be an id (1 or more), not \(value)") }
    }

    /// Refuses text that is not an amount of money, naming its flag.
    static func money(_ value: String?, _ flag: String) throws {
        if let value, SandboxMoney.parse(value) == nil {
            throw ValidationError("\(flag) must be an amount of 0 or more with at most 4 decimals, like 19.99 (not \(value))")
        }
    }
}
