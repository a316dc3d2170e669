import Foundation

/// Customers V3 and newsletter subscribers (reference §6.2; subscribers.v3.yml): what Clerk's customer documents and
/// the audience sync are built from.
extension BigCommerceClient {
    /// One page of `GET /v3/customers?limit=…[&after=CURSOR][&date_modified:min=…&sort=date_modified:asc]`, read by
    /// cursor so customers created or deleted meanwhile never shift a page. With `includeShopperProfiles`, each
    /// customer carries its shopper profile id (`include=shopper_profile_id`, beta).
    ///
    /// BigCommerce returns `meta.cursor_pagination.end_cursor` on the first page and whenever a cursor was sent; the
    /// next page exists when `links.next` is given (or, without links, when the page is full). The largest `limit`
    /// is UNCONFIRMED (250 is what other integrations use).
    public func customersPage(
        after cursor: String?, modifiedSince: Date? = nil, includeShopperProfiles: Bool = false,
        limit: Int = BigCommerceClient.maximumPageSize
    ) async throws -> CustomerPage {
        let pageSize = min(max(limit, 1), Self.maximumPageSize)
        var query: [(name: String, value: String)] = [("limit", String(pageSize))]
        if let cursor { query.append(("after", cursor)) }
        if let modifiedSince {
            query += [("date_modified:min", Self.filterTimestamp(modifiedSince)), ("sort", "date_modified:asc")]
        }
        if includeShopperProfiles { query.append(("include", "shopper_profile_id")) }
        let endpoint = Endpoint(.v3, "customers", query: query)
        let response = try await get(endpoint)
        guard response.hasContent else { return CustomerPage(customers: [], nextCursor: nil, total: 0) }
        let envelope = try decode(CustomerEnvelope.self, from: response.body, endpoint: endpoint)
        let cursors = envelope.meta?.cursorPagination
        let hasNext: Bool
        if let links = cursors?.links {
            hasNext = links.next != nil
        } else {
            hasNext = envelope.data.count >= pageSize
        }
        let next = hasNext && !envelope.data.isEmpty ? cursors?.endCursor : nil
        return CustomerPage(customers: envelope.data, nextCursor: next, total: envelope.meta?.pagination?.total)
    }

    /// `GET /v3/customers?id:in=…`, in chunks of 50 ids; ids BigCommerce does not know (deleted) are absent.
    public func customers(ids: [Int], includeShopperProfiles: Bool = false) async throws -> [Customer] {
        var found: [Customer] = []
        for chunk in Self.chunks(Array(Set(ids)).sorted()) {
            var query: [(name: String, value: String)] = [("id:in", chunk.map(String.init).joined(separator: ","))]
            if includeShopperProfiles { query.append(("include", "shopper_profile_id")) }
            found += try await collectPages("customers", query: query)
        }
        return found
    }

    /// `GET /v3/customers?email:in=…`, in chunks of 50 emails. BigCommerce's matching (case, white space) is
    /// UNCONFIRMED: compare the answers with ``Customer/normalizedEmail``. One email may belong to several customers
    /// (one per channel).
    public func customers(emails: [String], includeShopperProfiles: Bool = false) async throws -> [Customer] {
        let distinct = Array(Set(emails.map(Customer.normalize).filter { !$0.isEmpty })).sorted()
        var found: [Customer] = []
        for start in stride(from: 0, to: distinct.count, by: Self.idsPerRequest) {
            let chunk = distinct[start..<min(start + Self.idsPerRequest, distinct.count)]
            var query: [(name: String, value: String)] = [("email:in", chunk.joined(separator: ","))]
            if includeShopperProfiles { query.append(("include", "shopper_profile_id")) }
            found += try await collectPages("customers", query: query)
        }
        return found
    }

    /// `GET /v3/customers/settings/channels/{id}`: whether customers without channels of their own (`channel_ids`
    /// null) may log in on the channel. Absent settings (404 or `null`) read as BigCommerce's default: only
    /// channel 1 allows global logins.
    public func allowsGlobalLogins(channelID: Int) async throws -> Bool {
        let settings = try await single(CustomerChannelSettings.self, Endpoint(.v3, "customers/settings/channels/\(channelID)"))
        return settings?.allowGlobalLogins ?? (channelID == 1)
    }

    /// `GET /v3/customers/subscribers`, every page (limit 250; BigCommerce's largest limit is UNCONFIRMED), or only
    /// those modified since `modifiedSince`.
    public func subscribers(modifiedSince: Date? = nil) async throws -> [Subscriber] {
        let query = modifiedSince.map { [("date_modified:min", Self.filterTimestamp($0))] } ?? []
        return try await collectPages("customers/subscribers", query: query)
    }

    /// `GET /v3/customers/subscribers?email=…` (the API filters by one email at a time).
    public func subscribers(email: String) async throws -> [Subscriber] {
        try await collectPages("customers/subscribers", query: [("email", email.trimmingCharacters(in: .whitespacesAndNewlines))])
    }

    /// `GET /v3/customers/subscribers/{id}`; nil when BigCommerce does not know it (deleted).
    public func subscriber(id: Int) async throws -> Subscriber? {
        try await single(Subscriber.self, Endpoint(.v3, "customers/subscribers/\(id)"))
    }
}

/// `{data: [customer], meta: {pagination?, cursor_pagination?}}`.
private struct CustomerEnvelope: Decodable {
    struct Meta: Decodable {
        var pagination: Pagination?
        var cursorPagination: CursorPagination?

        private enum CodingKeys: String, CodingKey {
            case pagination
            case cursorPagination = "cursor_pagination"
        }
    }

    struct CursorPagination: Decodable {
        struct Links: Decodable {
            var next: String?
        }

        var endCursor: String?
        var links: Links?

        private enum CodingKeys: String, CodingKey {
            case links
            case endCursor = "end_cursor"
        }
    }

    var data: [Customer]
    var meta: Meta?
}

/// `data` of `GET /v3/customers/settings/channels/{id}`.
private struct CustomerChannelSettings: Decodable {
    var allowGlobalLogins: Bool?

    private enum CodingKeys: String, CodingKey {
        case allowGlobalLogins = "allow_global_logins"
    }
}
