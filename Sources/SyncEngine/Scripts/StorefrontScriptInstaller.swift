import BigCommerceAPI

/// Installs clerkbridge's storefront script on each storefront channel through the Scripts API, idempotently:
/// one `src` script named ``scriptName`` per channel, created or brought in line with what it should be.
public struct StorefrontScriptInstaller: Sendable {
    /// The name clerkbridge's scripts carry (how it finds its own).
    public static let scriptName = "clerkbridge"

    /// What installation did on one channel.
    public enum Action: String, Sendable, Equatable {
        /// A new script was created.
        case created
        /// The existing script was changed.
        case updated
        /// The existing script was already right.
        case unchanged
    }

    /// One channel's outcome.
    public struct Outcome: Sendable, Equatable {
        /// The channel.
        public var channelID: Int
        /// The script's uuid.
        public var uuid: String
        /// What was done.
        public var action: Action
        /// The visibility the script has: `all_pages`, or `storefront` when the API account lacks the Checkout
        /// Content scope (then the order confirmation page is not tracked and purchases come from order webhooks).
        public var visibility: String
        /// Whether `all_pages` was refused for lack of the Checkout Content scope.
        public var lacksCheckoutScope: Bool
    }

    let client: BigCommerceClient

    /// Creates an installer over `client`.
    public init(client: BigCommerceClient) {
        self.client = client
    }

    /// The script clerkbridge wants on `channelID`, loading `src`.
    public static func desired(channelID: Int, src: String, visibility: String = "all_pages") -> ScriptRequest {
        ScriptRequest(
            name: scriptName, description: "clerkbridge: Clerk.io tracking (storefront events to clerkbridge)",
            kind: "src", src: src, loadMethod: "defer", location: "footer", visibility: visibility,
            consentCategory: "analytics", enabled: true, autoUninstall: true, channelID: channelID)
    }

    /// Makes sure each of `channelIDs` has one script loading `src(channelID)`; returns one outcome per channel.
    public func install(channelIDs: [Int], src: (Int) -> String) async throws -> [Outcome] {
        let existing = try await client.scripts(channelIDs: channelIDs).filter { $0.name == Self.scriptName }
        var outcomes: [Outcome] = []
        for channelID in channelIDs {
            let current = existing.first { $0.channelID == channelID }
            let wanted = Self.desired(channelID: channelID, src: src(channelID))
            do {
                outcomes.append(try await apply(wanted, over: current, channelID: channelID, lacksCheckoutScope: false))
            } catch let error as BigCommerceError where error.httpStatus == 403 {
                let fallback = Self.desired(channelID: channelID, src: src(channelID), visibility: "storefront")
                outcomes.append(
                    try await apply(fallback, over: current, channelID: channelID, lacksCheckoutScope: true))
            }
        }
        return outcomes
    }

    private func apply(_ wanted: ScriptRequest, over current: Script?, channelID: Int, lacksCheckoutScope: Bool)
        async throws -> Outcome
    {
        guard let current else {
            let created = try await client.createScript(wanted)
            return Outcome(
                channelID: channelID, uuid: created.uuid, action: .created, visibility: created.visibility,
                lacksCheckoutScope: lacksCheckoutScope)
        }
        if Self.matches(current, wanted) {
            return Outcome(
                channelID: channelID, uuid: current.uuid, action: .unchanged, visibility: current.visibility,
                lacksCheckoutScope: lacksCheckoutScope)
        }
        let updated = try await client.updateScript(uuid: current.uuid, wanted)
        return Outcome(
            channelID: channelID, uuid: updated.uuid, action: .updated, visibility: updated.visibility,
            lacksCheckoutScope: lacksCheckoutScope)
    }

    /// Whether `script` already is what `wanted` asks for (the description is not compared: merchants may edit it).
    static func matches(_ script: Script, _ wanted: ScriptRequest) -> Bool {
        script.kind == wanted.kind && script.src == wanted.src && script.loadMethod == wanted.loadMethod
            && script.location == wanted.location && script.visibility == wanted.visibility
            && script.consentCategory == wanted.consentCategory && script.isEnabled == wanted.enabled
            && script.autoUninstall == wanted.autoUninstall && script.channelID == wanted.channelID
    }
}
