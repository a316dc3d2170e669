import Foundation

/// A sales channel (`/v3/channels`).
public struct Channel: Decodable, Sendable, Hashable {
    /// Channel id (1 is the default storefront).
    public var id: Int
    /// Channel name.
    public var name: String
    /// `storefront`, `marketplace`, `marketing` or `pos`.
    public var type: String
    /// Platform, e.g. `bigcommerce`, `catalyst`.
    public var platform: String
    /// `prelaunch`, `active`, `inactive`, … .
    public var status: String
    /// Whether the channel is visible in the control panel.
    public var isVisible: Bool
    /// Creation time.
    public var dateCreated: Date?
    /// Last modification time.
    public var dateModified: Date?

    private enum CodingKeys: String, CodingKey {
        case id, name, type, platform, status
        case isVisible = "is_visible"
        case dateCreated = "date_created"
        case dateModified = "date_modified"
    }

    /// Decodes a channel.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        name = try c.string(.name)
        type = try c.string(.type)
        platform = try c.string(.platform)
        status = try c.string(.status)
        isVisible = try c.bool(.isVisible, default: true)
        dateCreated = try c.dateIfPresent(.dateCreated)
        dateModified = try c.dateIfPresent(.dateModified)
    }
}
