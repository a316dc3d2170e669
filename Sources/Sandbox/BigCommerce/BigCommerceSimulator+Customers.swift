import Foundation
import Hummingbird
import JSONSupport

/// Customers V3 and newsletter subscribers (reference §6.2, customers.v3.yml, subscribers.v3.yml):
/// `GET /v3/customers` (filters `id:in`, `email:in`, `date_modified:min|max`; `sort`; `include=shopper_profile_id,segment_ids`;
/// offset or cursor paging, `end_cursor` only on the first page or when a cursor was sent),
/// `GET /v3/customers/settings/channels/{id}`, `GET /v3/customers/subscribers[/{id}]` (filters `email` — one value —,
/// `id:in`, `date_modified:min`) and `DELETE /v3/customers/subscribers`, which without `id:in` deletes every
/// subscriber, as the real API does.
extension BigCommerceSimulator {
    /// Routes `/v3/customers/…`; `rest` is what follows `customers`.
    func customers(_ rest: [String], method: HTTPRequest.Method, query: QueryParameters) throws -> Response {
        switch (method, rest.count) {
        case (.get, 0):
            return try customerList(query)
        case (.get, 3) where rest[0] == "settings" && rest[1] == "channels":
            guard let id = Int(rest[2]), store.catalog.channels.contains(where: { $0.id == id }) else {
                throw Failure(status: 404, title: "Channel not found.")
            }
            return single { writer in
                writer.openObject()
                writer.field("allow_global_logins", store.allowsGlobalLogins(channelID: id))
                writer.field("customer_group_id", nil as Int?)
                writer.closeObject()
            }
        case (.get, 1) where rest[0] == "subscribers":
            return try subscriberList(query)
        case (.get, 2) where rest[0] == "subscribers":
            guard let id = Int(rest[1]), let subscriber = store.subscriber(id: id) else {
                throw Failure(status: 404, title: "Subscriber not found.")
            }
            return single { $0.subscriberV3(subscriber) }
        case (.delete, 1) where rest[0] == "subscribers":
            if let ids = try ints(query, "id:in") {
                for id in ids { store.removeSubscriber(id: id) }
            } else {
                store.segmentation.recordUnfilteredDelete("DELETE /v3/customers/subscribers")
                store.removeAllSubscribers()
            }
            return Response(status: .noContent)
        case (.get, _), (.delete, _):
            throw Failure(status: 404, title: "The requested resource was not found.")
        default:
            throw Failure(status: 405, title: "Method not allowed by the sandbox (customers are changed through the sandbox's own API).")
        }
    }

    private func customerList(_ query: QueryParameters) throws -> Response {
        let idIn = try ints(query, "id:in")
        let emails = query["email:in"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }
        let modifiedMin = try date(query, "date_modified:min")
        let modifiedMax = try date(query, "date_modified:max")
        let includes = Set((query["include"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let byModification: Bool
        switch query["sort"] {
        case nil, "date_created:asc": byModification = false
        case "date_modified:asc": byModification = true
        default: throw Failure(status: 422, title: "The sort parameter is not supported by the sandbox.", errors: ["sort": "use date_created:asc or date_modified:asc"])
        }
        var customers = store.customers().filter { customer in
            (idIn.map { $0.contains(customer.id) } ?? true)
                && (emails.map { $0.contains(customer.email.trimmingCharacters(in: .whitespaces).lowercased()) } ?? true)
                && (modifiedMin.map { customer.dateModified >= $0 } ?? true)
                && (modifiedMax.map { customer.dateModified <= $0 } ?? true)
        }
        if byModification {
            customers.sort { ($0.dateModified, $0.id) < ($1.dateModified, $1.id) }
        }
        let limit = try int(query, "limit") ?? Self.defaultLimit
        guard limit <= Self.maxLimit else {
            throw Failure(status: 413, title: "The limit parameter exceeds the maximum of \(Self.maxLimit).", errors: ["limit": "must be at most \(Self.maxLimit)"])
        }
        guard limit >= 1 else { throw Failure(status: 422, title: "The limit parameter must be positive.", errors: ["limit": "must be at least 1"]) }
        let cursorText = query["after"]
        var start = 0
        var page = 1
        if let cursorText {
            guard let position = Self.cursorPosition(cursorText), position <= customers.count else {
                throw Failure(status: 422, title: "The cursor is not valid.", errors: ["after": "invalid cursor"])
            }
            start = position
        } else {
            page = try int(query, "page") ?? 1
            guard page >= 1 else { throw Failure(status: 422, title: "The page parameter must be positive.", errors: ["page": "must be at least 1"]) }
            start = min(customers.count, (page - 1) * limit)
        }
        let slice = customers[start..<min(customers.count, start + limit)]
        let segmentation = store.segmentation
        var writer = JSONWriter(capacity: 512 * slice.count + 512)
        writer.openObject()
        writer.key("data")
        writer.openArray()
        for customer in slice {
            let profile = includes.contains("shopper_profile_id") ? segmentation.profile(ofCustomer: customer.id) : nil
            writer.customerV3(customer, shopperProfile: includes.contains("shopper_profile_id") ? .some(profile) : nil)
        }
        writer.closeArray()
        writer.key("meta")
        writer.openObject()
        if cursorText == nil {
            let totalPages = (customers.count + limit - 1) / limit
            writer.key("pagination")
            writer.openObject()
            writer.field("total", customers.count)
            writer.field("count", slice.count)
            writer.field("per_page", limit)
            writer.field("current_page", page)
            writer.field("total_pages", totalPages)
            writer.closeObject()
        }
        let end = start + slice.count
        writer.key("cursor_pagination")
        writer.openObject()
        writer.field("count", slice.count)
        writer.field("per_page", limit)
        if !slice.isEmpty { writer.field("start_cursor", Self.cursor(start + 1)) }
        if !slice.isEmpty, cursorText != nil || page == 1 { writer.field("end_cursor", Self.cursor(end)) }
        writer.key("links")
        writer.openObject()
        if end < customers.count, cursorText != nil || page == 1 { writer.field("next", "?limit=\(limit)&after=\(Self.cursor(end))") }
        if start > 0 { writer.field("previous", "?limit=\(limit)&before=\(Self.cursor(start + 1))") }
        writer.closeObject()
        writer.closeObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    /// An opaque cursor for "after the first `position` records of this listing" (base64 of a small text).
    static func cursor(_ position: Int) -> String {
        Data("position:\(position)".utf8).base64EncodedString()
    }

    static func cursorPosition(_ cursor: String) -> Int? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("position:"), let position = Int(text.dropFirst("position:".count)), position >= 0
        else { return nil }
        return position
    }

    private func subscriberList(_ query: QueryParameters) throws -> Response {
        let idIn = try ints(query, "id:in")
        let email = query["email"]?.trimmingCharacters(in: .whitespaces).lowercased()
        let modifiedMin = try date(query, "date_modified:min")
        let subscribers = store.subscribers().filter { subscriber in
            (idIn.map { $0.contains(subscriber.id) } ?? true)
                && (email.map { $0 == subscriber.email.trimmingCharacters(in: .whitespaces).lowercased() } ?? true)
                && (modifiedMin.map { subscriber.dateModified >= $0 } ?? true)
        }
        return try paginated(subscribers, query: query) { $0.subscriberV3($1) }
    }

    private func date(_ query: QueryParameters, _ name: String) throws -> Date? {
        guard let text = query[name] else { return nil }
        guard let date = DateText.parseFilter(text) else {
            throw Failure(status: 422, title: "The filter(s): \(name) are not valid.", errors: [name: "invalid format"])
        }
        return date
    }
}

extension JSONWriter {
    /// A V3 customer; `shopperProfile` is written only when asked for (`include=shopper_profile_id`), `null` for none.
    mutating func customerV3(_ customer: SandboxCustomer, shopperProfile: String?? = nil) {
        openObject()
        field("id", customer.id)
        field("email", customer.email)
        field("first_name", customer.firstName)
        field("last_name", customer.lastName)
        field("company", "")
        field("phone", "")
        field("notes", "")
        field("tax_exempt_category", "")
        field("customer_group_id", customer.customerGroupID)
        field("date_created", date: customer.dateCreated)
        field("date_modified", date: customer.dateModified)
        field("registration_ip_address", "")
        field("accepts_product_review_abandoned_cart_emails", false)
        field("origin_channel_id", customer.originChannelID)
        if let channels = customer.channelIDs {
            field("channel_ids", channels)
        } else {
            key("channel_ids")
            null()
        }
        if let shopperProfile {
            if let profile = shopperProfile {
                field("shopper_profile_id", profile)
            } else {
                key("shopper_profile_id")
                null()
            }
        }
        closeObject()
    }

    /// A V3 newsletter subscriber; `consents` is left out for a record without it.
    mutating func subscriberV3(_ subscriber: SandboxSubscriber) {
        openObject()
        field("id", subscriber.id)
        field("email", subscriber.email)
        field("first_name", subscriber.firstName)
        field("last_name", subscriber.lastName)
        field("source", subscriber.source)
        key("order_id")
        null()
        field("channel_id", subscriber.channelID)
        if let consents = subscriber.consents { field("consents", consents) }
        field("date_created", date: subscriber.dateCreated)
        field("date_modified", date: subscriber.dateModified)
        closeObject()
    }
}
