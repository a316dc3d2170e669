import Foundation

/// What it takes to call one store's API. Its descriptions never show the access token.
public struct BigCommerceCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The default API base URL.
    public static let defaultAPIURL = URL(string: "https://api.bigcommerce.com")!

    /// The store hash (`BIGCOMMERCE_STORE_HASH`).
    public var storeHash: String
    /// The API account's access token (`BIGCOMMERCE_ACCESS_TOKEN`). Never log it.
    public var accessToken: String
    /// API base URL without the `/stores/…` part, e.g. `https://api.bigcommerce.com`.
    public var apiURL: URL

    /// Creates credentials; `apiURL` defaults to `https://api.bigcommerce.com`.
    public init(storeHash: String, accessToken: String, apiURL: URL = BigCommerceCredentials.defaultAPIURL) {
        self.storeHash = storeHash
        self.accessToken = accessToken
        self.apiURL = apiURL
    }

    /// Store hash and API URL; the token is shown as `***`.
    public var description: String {
        "BigCommerceCredentials(storeHash: \(storeHash), accessToken: ***, apiURL: \(apiURL.absoluteString))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// A mirror without the token, so `dump` and reflection do not leak it.
    public var customMirror: Mirror {
        Mirror(self, children: ["storeHash": storeHash, "accessToken": "***", "apiURL": apiURL], displayStyle: .struct)
    }
}
