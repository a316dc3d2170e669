import Foundation

/// `GET /v3/hooks/admin`: notification emails, the API account's hooks with their status, and the
/// destination domains BigCommerce currently deny-lists.
///
/// Member names follow BigCommerce's OpenAPI file (`emails`, `hooks_list`, `blocked_domains` with
/// `destination`, `time_left`, `reasons[{failure_description, count, timestamp}]`). UNCONFIRMED against a
/// live store: whether every member is always present, and whether `time_left` is seconds as documented;
/// so every member is optional and read leniently.
public struct HooksAdmin: Decodable, Sendable, Hashable {
    /// Addresses notified when a domain is deny-listed or a hook deactivated.
    public var notificationEmails: [String]
    /// The API account's hooks, each with BigCommerce's status.
    public var hooks: [ListedHook]
    /// Destinations on the deny-list now.
    public var blockedDomains: [BlockedDomain]

    /// Creates an admin summary (for tests).
    public init(notificationEmails: [String] = [], hooks: [ListedHook] = [], blockedDomains: [BlockedDomain] = []) {
        self.notificationEmails = notificationEmails
        self.hooks = hooks
        self.blockedDomains = blockedDomains
    }

    private enum CodingKeys: String, CodingKey {
        case emails
        case hooksList = "hooks_list"
        case blockedDomains = "blocked_domains"
    }

    /// Decodes the `data` object; absent or unreadable members read as empty lists.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        notificationEmails = c.lenientObject([String].self, .emails) ?? []
        hooks = c.lenientObject([Lenient<ListedHook>].self, .hooksList)?.compactMap(\.value) ?? []
        blockedDomains = c.lenientObject([Lenient<BlockedDomain>].self, .blockedDomains)?.compactMap(\.value) ?? []
    }

    /// A hook as `hooks_list` shows it: the hook plus its status.
    public struct ListedHook: Decodable, Sendable, Hashable {
        /// The hook.
        public var hook: Hook
        /// `active`, `inactive` or `deactivated` (documented values); `nil` when absent.
        public var status: String?

        /// Creates a listed hook.
        public init(hook: Hook, status: String?) {
            self.hook = hook
            self.status = status
        }

        /// Whether BigCommerce switched it off (`deactivated`, or not active without a status).
        public var isDeactivated: Bool {
            status.map { $0.lowercased() == "deactivated" } ?? !hook.isActive
        }

        private enum CodingKeys: String, CodingKey {
            case status
        }

        /// Decodes a hook object with its extra `status`.
        public init(from decoder: any Decoder) throws {
            hook = try Hook(from: decoder)
            status = try decoder.container(keyedBy: CodingKeys.self).lenientText(.status)
        }
    }

    /// A deny-listed destination domain.
    public struct BlockedDomain: Decodable, Sendable, Hashable {
        /// The blocked destination.
        public var destination: String
        /// Seconds until the block lifts, when sent.
        public var timeLeft: Int?
        /// Why it was blocked.
        public var reasons: [Reason]

        /// Creates a blocked domain.
        public init(destination: String, timeLeft: Int? = nil, reasons: [Reason] = []) {
            self.destination = destination
            self.timeLeft = timeLeft
            self.reasons = reasons
        }

        private enum CodingKeys: String, CodingKey {
            case destination, reasons
            case timeLeft = "time_left"
        }

        /// Decodes `{destination, time_left, reasons}`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            destination = c.lenientText(.destination) ?? ""
            timeLeft = c.lenientOptionalInt(.timeLeft)
            reasons = c.lenientObject([Lenient<Reason>].self, .reasons)?.compactMap(\.value) ?? []
        }
    }

    /// One failure kind behind a block.
    public struct Reason: Decodable, Sendable, Hashable {
        /// What failed, e.g. a timeout or an HTTP status.
        public var failureDescription: String?
        /// How many deliveries failed this way.
        public var count: Int?
        /// When, unix seconds.
        public var timestamp: Int?

        /// Creates a reason.
        public init(failureDescription: String? = nil, count: Int? = nil, timestamp: Int? = nil) {
            self.failureDescription = failureDescription
            self.count = count
            self.timestamp = timestamp
        }

        private enum CodingKeys: String, CodingKey {
            case count, timestamp
            case failureDescription = "failure_description"
        }

        /// Decodes `{failure_description, count, timestamp}`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            failureDescription = c.lenientText(.failureDescription)
            count = c.lenientOptionalInt(.count)
            timestamp = c.lenientOptionalInt(.timestamp)
        }
    }
}

/// A list element that is skipped (`nil`) instead of failing the whole list.
private struct Lenient<Element: Decodable>: Decodable {
    var value: Element?

    init(from decoder: any Decoder) throws {
        value = try? Element(from: decoder)
    }
}
