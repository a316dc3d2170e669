/// The body of `POST /v3/content/scripts` and `PUT /v3/content/scripts/{uuid}`; `nil` members are left out
/// (on a PUT they keep their current value).
public struct ScriptRequest: Encodable, Sendable, Hashable {
    /// Required when creating.
    public var name: String?
    /// Free text shown to the merchant.
    public var description: String?
    /// `src` or `script_tag`.
    public var kind: String?
    /// The URL of a `src` script.
    public var src: String?
    /// The markup (one `<script>`) of a `script_tag` script.
    public var html: String?
    /// `default`, `async` or `defer`.
    public var loadMethod: String?
    /// `head` or `footer`.
    public var location: String?
    /// `storefront`, `checkout`, `order_confirmation` or `all_pages` (all but `storefront` need the Checkout
    /// Content scope).
    public var visibility: String?
    /// `essential`, `functional`, `analytics` or `targeting`; omitted means `unknown`.
    public var consentCategory: String?
    /// Whether it is rendered.
    public var enabled: Bool?
    /// Whether BigCommerce removes it when the app is uninstalled.
    public var autoUninstall: Bool?
    /// The channel whose storefront renders it.
    public var channelID: Int?
    /// Subresource-integrity hashes of a `src` script.
    public var integrityHashes: [String]?

    /// Creates a request body.
    public init(
        name: String? = nil, description: String? = nil, kind: String? = nil, src: String? = nil, html: String? = nil,
        loadMethod: String? = nil, location: String? = nil, visibility: String? = nil, consentCategory: String? = nil,
        enabled: Bool? = nil, autoUninstall: Bool? = nil, channelID: Int? = nil, integrityHashes: [String]? = nil
    ) {
        self.name = name
        self.description = description
        self.kind = kind
        self.src = src
        self.html = html
        self.loadMethod = loadMethod
        self.location = location
        self.visibility = visibility
        self.consentCategory = consentCategory
        self.enabled = enabled
        self.autoUninstall = autoUninstall
        self.channelID = channelID
        self.integrityHashes = integrityHashes
    }

    private enum CodingKeys: String, CodingKey {
        case name, description, kind, src, html, location, visibility, enabled
        case loadMethod = "load_method", consentCategory = "consent_category", autoUninstall = "auto_uninstall"
        case channelID = "channel_id", integrityHashes = "integrity_hashes"
    }
}
