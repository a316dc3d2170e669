import Foundation

/// A storefront script of the sandbox store (`/v3/content/scripts`).
public struct SandboxScript: Sendable, Equatable {
    /// Script id.
    public var uuid: String
    /// Name (required).
    public var name: String
    /// Free text.
    public var description: String?
    /// `src` or `script_tag`.
    public var kind: String
    /// URL of a `src` script.
    public var src: String?
    /// Markup of a `script_tag` script.
    public var html: String?
    /// `default`, `async` or `defer`.
    public var loadMethod: String
    /// `head` or `footer`.
    public var location: String
    /// `storefront`, `checkout`, `order_confirmation` or `all_pages`.
    public var visibility: String
    /// `essential`, `functional`, `analytics`, `targeting` or `unknown`.
    public var consentCategory: String
    /// Whether it is rendered.
    public var enabled: Bool
    /// Whether it goes when the app is uninstalled.
    public var autoUninstall: Bool
    /// The channel that renders it.
    public var channelID: Int
    /// Subresource-integrity hashes.
    public var integrityHashes: [String]
    /// The API account that created it.
    public var apiClientID: String
    /// Creation time.
    public var dateCreated: Date
    /// Last change.
    public var dateModified: Date
}
