import Foundation
import Hummingbird
import JSONSupport

/// Customer segmentation (segments.v3.yml), Enterprise only: `/v3/segments` (GET, POST, DELETE),
/// `/v3/segments/{id}/shopper-profiles` (GET, POST, DELETE) and `/v3/shopper-profiles` (GET, POST, DELETE).
/// 201 on creation, 409 with the index-keyed body for a duplicate name or a profile already in the segment, 50
/// profiles per membership request, and a DELETE without `id:in` that removes everything (empties the segment,
/// deletes every segment or every profile), counted in ``SandboxSegmentation/Counters/unfilteredDeletes``.
extension BigCommerceSimulator {
    /// Routes `/v3/segments…` and `/v3/shopper-profiles…`; `rest` starts after `v3`.
    func segmentation(_ rest: [String], method: HTTPRequest.Method, query: QueryParameters, body: [UInt8]) throws -> Response {
        let segmentation = store.segmentation
        let settings = segmentation.settings
        guard settings.enterprise else {
            throw Failure(
                status: settings.unavailableStatus,
                title: "Customer segmentation is not available on this store's plan.")
        }
        let needsModify = method != .get || (rest.count == 3 && rest[0] == "segments")
        if needsModify, !settings.modifyScope {
            throw Failure(status: 403, title: "You don't have a required scope to access the endpoint (Customers modify).")
        }
        do {
            switch (rest.first, rest.count, method) {
            case ("segments", 1, .get):
                let idIn = query["id:in"].map { Set($0.split(separator: ",").map(String.init)) }
                let segments = segmentation.segments().filter { idIn?.contains($0.id) ?? true }
                return try paginated(segments, query: query) { $0.segment($1) }
            case ("segments", 1, .post):
                let items = try Self.objects(body)
                var created: [SandboxSegment] = []
                for item in items {
                    guard let name = item["name"]?.stringValue, !name.isEmpty else {
                        throw Failure(status: 400, title: "Every segment needs a name.")
                    }
                    created.append(try segmentation.createSegment(name: name, description: item["description"]?.stringValue ?? ""))
                }
                return listed(created, status: .created) { $0.segment($1) }
            case ("segments", 1, .delete):
                segmentation.deleteSegments(ids: query["id:in"].map { Set($0.split(separator: ",").map(String.init)) })
                return Response(status: .noContent)
            case ("segments", 3, .get) where rest[2] == "shopper-profiles":
                guard let members = segmentation.members(of: rest[1]) else {
                    throw Failure(status: 404, title: "Segment \(rest[1]) not found.")
                }
                let customers = Dictionary(uniqueKeysWithValues: segmentation.profiles().map { ($0.id, $0.customerID) })
                return try paginated(members, query: query) { writer, id in writer.shopperProfile(id, customerID: customers[id] ?? 0) }
            case ("segments", 3, .post) where rest[2] == "shopper-profiles":
                guard case .array(let values)? = JSONValue.parse(body) else {
                    throw Failure(status: 400, title: "The body must be a JSON array of shopper profile ids.")
                }
                let ids = try values.map { value -> String in
                    guard let id = value.stringValue else { throw Failure(status: 400, title: "Shopper profile ids are strings.") }
                    return id
                }
                let conflicts = try segmentation.addMembers(ids, to: rest[1])
                guard conflicts.isEmpty else {
                    return conflictResponse(
                        title: "Unable to add shopper profiles to segment due to conflicts.", total: ids.count,
                        messages: Dictionary(uniqueKeysWithValues: conflicts.map {
                            ($0, "Shopper profile `\(ids[$0])` already exists for segment `\(rest[1])`.")
                        }))
                }
                let customers = Dictionary(uniqueKeysWithValues: segmentation.profiles().map { ($0.id, $0.customerID) })
                return listed(ids, status: .created) { writer, id in writer.shopperProfile(id, customerID: customers[id] ?? 0) }
            case ("segments", 3, .delete) where rest[2] == "shopper-profiles":
                try segmentation.removeMembers(query["id:in"].map { Set($0.split(separator: ",").map(String.init)) }, from: rest[1])
                return Response(status: .noContent)
            case ("shopper-profiles", 1, .get):
                let profiles = segmentation.profiles()
                return try paginated(profiles, query: query) { $0.shopperProfile($1.id, customerID: $1.customerID) }
            case ("shopper-profiles", 1, .post):
                let items = try Self.objects(body)
                let customerIDs = try items.map { item -> Int in
                    guard let id = item["customer_id"]?.intValue else { throw Failure(status: 400, title: "Every shopper profile needs a customer_id.") }
                    return id
                }
                let created = try segmentation.createProfiles(customerIDs: customerIDs) { self.store.customer(id: $0) != nil }
                return listed(created, status: .created) { $0.shopperProfile($1.id, customerID: $1.customerID) }
            case ("shopper-profiles", 1, .delete):
                segmentation.deleteProfiles(ids: query["id:in"].map { Set($0.split(separator: ",").map(String.init)) })
                return Response(status: .noContent)
            default:
                throw Failure(status: 404, title: "The requested resource was not found.")
            }
        } catch let failure as SegmentationFailure {
            if failure.status == 409 {
                return conflictResponse(title: failure.title, total: max(1, failure.conflicts.count), messages: failure.conflicts)
            }
            throw Failure(status: failure.status, title: failure.title)
        }
    }

    /// The segment endpoints' 409: `{"data":[],"errors":[{"status":409,"title","type","errors":{index: message}}],"meta":{"total","success","failed"}}`.
    private func conflictResponse(title: String, total: Int, messages: [Int: String]) -> Response {
        var writer = JSONWriter(capacity: 256 + 128 * messages.count)
        writer.openObject()
        writer.key("data")
        writer.openArray()
        writer.closeArray()
        writer.key("errors")
        writer.openArray()
        writer.openObject()
        writer.field("status", 409)
        writer.field("title", title)
        writer.field("type", Self.errorType)
        writer.key("errors")
        writer.openObject()
        for (index, message) in messages.sorted(by: { $0.key < $1.key }) { writer.field(String(index), message) }
        writer.closeObject()
        writer.closeObject()
        writer.closeArray()
        writer.key("meta")
        writer.openObject()
        writer.field("total", total)
        writer.field("success", total - messages.count)
        writer.field("failed", messages.count)
        writer.closeObject()
        writer.closeObject()
        return .json(.conflict, writer.bytes)
    }

    /// `{"data":[…],"meta":{}}` with `status`.
    private func listed<T>(_ items: [T], status: HTTPResponse.Status, render: (inout JSONWriter, T) -> Void) -> Response {
        var writer = JSONWriter(capacity: 128 * items.count + 32)
        writer.openObject()
        writer.key("data")
        writer.openArray()
        for item in items { render(&writer, item) }
        writer.closeArray()
        writer.key("meta")
        writer.openObject()
        writer.closeObject()
        writer.closeObject()
        return .json(status, writer.bytes)
    }

    /// The objects of a JSON array body.
    static func objects(_ body: [UInt8]) throws -> [JSONValue] {
        guard case .array(let items)? = JSONValue.parse(body), items.allSatisfy({ if case .object = $0 { true } else { false } }) else {
            throw Failure(status: 400, title: "The body must be a JSON array of objects.")
        }
        return items
    }
}

extension JSONWriter {
    mutating func segment(_ segment: SandboxSegment) {
        openObject()
        field("id", segment.id)
        field("name", segment.name)
        field("description", segment.description)
        field("created_at", date: segment.createdAt)
        field("updated_at", date: segment.updatedAt)
        closeObject()
    }

    mutating func shopperProfile(_ id: String, customerID: Int) {
        openObject()
        field("id", id)
        field("customer_id", customerID)
        field("created_at", date: SandboxCustomer.joined)
        field("updated_at", date: SandboxCustomer.joined)
        closeObject()
    }
}
