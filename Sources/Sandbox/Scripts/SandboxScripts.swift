import Foundation
import Synchronization

/// The sandbox store's storefront scripts (`/v3/content/scripts`, reference §7.2) and the API account's
/// Checkout Content scope, which scripts with a visibility other than `storefront` need.
public final class SandboxScripts: Sendable {
    /// Scripts one app may create through the API.
    public static let maxScriptsPerApp = 10
    /// Visibilities that need the Checkout Content scope.
    public static let checkoutVisibilities: Set<String> = ["checkout", "order_confirmation", "all_pages"]

    struct State {
        var scripts: [SandboxScript] = []
        var grantsCheckoutContent: Bool
    }

    let state: Mutex<State>

    /// Creates an empty script list; `grantsCheckoutContentScope` false makes checkout visibilities answer 403.
    public init(grantsCheckoutContentScope: Bool) {
        state = Mutex(State(grantsCheckoutContent: grantsCheckoutContentScope))
    }

    /// Whether the API account holds the Checkout Content scope.
    public var grantsCheckoutContentScope: Bool {
        get { state.withLock { $0.grantsCheckoutContent } }
        set { state.withLock { $0.grantsCheckoutContent = newValue } }
    }

    /// Every script, oldest first.
    public func scripts() -> [SandboxScript] {
        state.withLock { $0.scripts }
    }

    /// The script `uuid`, if any.
    public func script(uuid: String) -> SandboxScript? {
        state.withLock { state in state.scripts.first { $0.uuid == uuid } }
    }

    func insert(_ script: SandboxScript) throws(SandboxHookError) {
        try state.withLock { (state) throws(SandboxHookError) in
            guard state.scripts.filter({ $0.apiClientID == script.apiClientID }).count < Self.maxScriptsPerApp else {
                throw SandboxHookError(
                    field: "name", message: "an app may create at most \(Self.maxScriptsPerApp) scripts")
            }
            state.scripts.append(script)
        }
    }

    func replace(_ script: SandboxScript) {
        state.withLock { state in
            if let index = state.scripts.firstIndex(where: { $0.uuid == script.uuid }) { state.scripts[index] = script }
        }
    }

    /// Removes script `uuid`; returns whether it existed.
    @discardableResult
    public func delete(uuid: String) -> Bool {
        state.withLock { state in
            let before = state.scripts.count
            state.scripts.removeAll { $0.uuid == uuid }
            return state.scripts.count != before
        }
    }
}
