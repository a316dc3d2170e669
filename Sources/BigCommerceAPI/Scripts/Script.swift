import Foundation

/// A storefront script installed through the Scripts API (`/v3/content/scripts`, reference §7.2).
///
/// Only the API account that created a script sees and edits it.
public struct Script: Decodable, Sendable, Hashable {
    /// The script's id.
    public var uuid: String
    /// Its name (clerkbridge finds its own scripts by it).
    public var name: String
    /// Free text shown to the merchant.
    public var description: String?
    /// `src` (a URL in ``src``) or `script_tag` (markup in ``html``).
    public var kind: String
    /// The script URL of a `src` script.
    public var src: String?
    /// The `<script>` markup of a `script_tag` script.
    public var html: String?
    /// `default`, `async` or `defer` (a `script_tag` script is always `default`).
    public var loadMethod: String
    /// `head` or `footer`.
    public var location: String
    /// `storefront` (every non-checkout page), `checkout`, `order_confirmation` or `all_pages`.
    public var visibility: String
    /// `essential`, `functional`, `analytics`, `targeting` or `unknown` (never rendered behind a consent banner).
    public var consentCategory: String
    /// Whether it is rendered.
    public var isEnabled: Bool
    /// Whether BigCommerce removes it when the app is uninstalled.
    public var autoUninstall: Bool
    /// The channel whose storefront renders it.
    public var channelID: Int
    /// Subresource-integrity hashes of a `src` script.
    public var integrityHashes: [String]
    /// The client id of the API account that created it.
    public var apiClientID: String?
    /// Creation time.
    public var dateCreated: Date?
    /// Last change.
    public var dateModified: Date?

    /// Creates a script (for tests).
    public init(
        uuid: String, name: String, description: String? = nil, kind: String = "src", src: String? = nil,
        html: String? = nil, loadMethod: String = "default", location: String = "head",
        visibility: String = "storefront",
        consentCategory: String = "unknown", isEnabled: Bool = true, autoUninstall: Bool = false, channelID: Int = 1,
        integrityHashes: [String] = [], apiClientID: String? = nil, dateCreated: Date? = nil, dateModified: Date? = nil
    ) {
        self.uuid = uuid
        self.name = name
        self.description = description
        self.kind = kind
        self.src = src
        self.html = html
        self.loadMethod = loadMethod
        self.location = location
        self.visibility = visibility
        self.consentCategory = consentCategory
        self.isEnabled = isEnabled
        self.autoUninstall = autoUninstall
        self.channelID = channelID
        self.integrityHashes = integrityHashes
        self.apiClientID = apiClientID
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }

    private enum CodingKeys: String, CodingKey {
        case uuid, name, description, kind, src, html, location, visibility
        case loadMethod = "load_method", consentCategory = "consent_category", isEnabled = "enabled"
        case autoUninstall = "auto_uninstall", channelID = "channel_id", integrityHashes = "integrity_hashes"
        case apiClientID = "api_client_id", dateCreated = "date_created", dateModified = "date_modified"
    }

    /// Decodes a script; `uuid` and `name` are required, absent members take the API's defaults (UNCONFIRMED
    /// except `consent_category` → `unknown`; BigCommerce returns every member, so they rarely matter).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        kind = try c.string(.kind, default: "src")
        src = try c.decodeIfPresent(String.self, forKey: .src)
        html = try c.decodeIfPresent(String.self, forKey: .html)
        loadMethod = try c.string(.loadMethod, default: "default")
        location = try c.string(.location, default: "head")
        visibility = try c.string(.visibility, default: "storefront")
        consentCategory = try c.string(.consentCategory, default: "unknown")
        isEnabled = try c.bool(.isEnabled, default: true)
        autoUninstall = try c.bool(.autoUninstall, default: false)
        channelID = try c.lenientInt(.channelID, default: 1)
        integrityHashes = try c.list(String.self, .integrityHashes)
        apiClientID = try c.decodeIfPresent(String.self, forKey: .apiClientID)
        dateCreated = try c.dateIfPresent(.dateCreated)
        dateModified = try c.dateIfPresent(.dateModified)
    }
}
