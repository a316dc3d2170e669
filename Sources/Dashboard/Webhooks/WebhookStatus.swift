/// `GET /admin/api/webhooks`: the store's hooks as BigCommerce reports them, which of the scopes clerkbridge needs
/// have no active hook to its receiver, deny-listed destinations, and the deliveries the receiver accepted in the
/// last 24 hours per scope.
public struct WebhookStatus: Sendable, Encodable, Equatable {
    /// One hook of the API account.
    public struct Hook: Sendable, Encodable, Equatable {
        /// BigCommerce's hook id.
        public var id: Int
        /// The subscribed scope.
        public var scope: String
        /// Where it delivers.
        public var destination: String
        /// Whether it is switched on.
        public var active: Bool
        /// BigCommerce's status (`active`, `inactive`, `deactivated`), when given.
        public var status: String?
        /// Whether it delivers to this receiver.
        public var pointsHere: Bool
        /// Deliveries of its scope accepted in the last 24 hours (this receiver's hooks only).
        public var deliveries24h: Int?
        /// When the latest delivery of its scope was accepted (RFC 3339).
        public var lastDeliveryAt: String?

        enum CodingKeys: String, CodingKey {
            case id, scope, destination, active, status
            case pointsHere = "points_here", deliveries24h = "deliveries_24h", lastDeliveryAt = "last_delivery_at"
        }
    }

    /// A destination BigCommerce stopped delivering to.
    public struct BlockedDomain: Sendable, Encodable, Equatable {
        /// The destination.
        public var destination: String
        /// Seconds until BigCommerce tries it again.
        public var secondsLeft: Int?
        /// The failures that blocked it (`description ×count`).
        public var reasons: [String]

        enum CodingKeys: String, CodingKey { case destination, reasons, secondsLeft = "seconds_left" }
    }

    /// Deliveries of one scope the receiver accepted.
    public struct Deliveries: Sendable, Encodable, Equatable {
        /// The scope.
        public var scope: String
        /// How many in the last 24 hours.
        public var deliveries: Int
        /// When the latest was accepted (RFC 3339).
        public var lastReceivedAt: String

        enum CodingKeys: String, CodingKey { case scope, deliveries, lastReceivedAt = "last_received_at" }
    }

    /// The receiver's URL, `PUBLIC_URL/webhooks/bigcommerce`.
    public var destination: String
    /// When BigCommerce was asked (RFC 3339); nil when it could not be.
    public var checkedAt: String?
    /// The API account's hooks, this receiver's first, then by scope.
    public var hooks: [Hook]
    /// Scopes clerkbridge needs that have no active hook to this receiver (`clerkbridge webhooks register` adds them).
    public var missingScopes: [String]
    /// Destinations on BigCommerce's deny-list.
    public var blockedDomains: [BlockedDomain]
    /// Deliveries accepted in the last 24 hours, per scope.
    public var deliveries: [Deliveries]
    /// Why BigCommerce could not be asked.
    public var error: String?

    /// Creates a status.
    public init(
        destination: String, checkedAt: String?, hooks: [Hook], missingScopes: [String], blockedDomains: [BlockedDomain],
        deliveries: [Deliveries], error: String?
    ) {
        self.destination = destination
        self.checkedAt = checkedAt
        self.hooks = hooks
        self.missingScopes = missingScopes
        self.blockedDomains = blockedDomains
        self.deliveries = deliveries
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case destination, hooks, deliveries, error
        case checkedAt = "checked_at", missingScopes = "missing_scopes", blockedDomains = "blocked_domains"
    }
}
