import Foundation
import JSONSupport
import Reliability

/// Customer segmentation (segments.v3.yml, Enterprise only): segments and the shopper profiles they hold.
///
/// Every request that names members does so with an ``ExplicitIDs``, which cannot be empty: BigCommerce reads a
/// `DELETE /v3/segments/{id}/shopper-profiles` without `id:in` as "empty the segment", and this client has no way
/// to build one. Segments, shopper profiles and subscribers are never deleted by clerkbridge at all.
extension BigCommerceClient {
    /// Statuses a store without customer segmentation is taken to answer on `GET /v3/segments` (BigCommerce does not
    /// document which one; 403 "missing scope or platform limit" is the likeliest).
    public static let segmentsUnavailableStatuses: Set<Int> = [403, 404, 422, 501]

    /// `GET /v3/segments`, every page: the store's segments (at most 1000), to be matched by name (the API has no
    /// name filter).
    /// - Throws: ``SegmentsUnavailable`` when the store or API account cannot use segments.
    public func segments() async throws -> [Segment] {
        do {
            return try await collectPages("segments")
        } catch let error as BigCommerceError {
            if let status = error.httpStatus, Self.segmentsUnavailableStatuses.contains(status) {
                throw SegmentsUnavailable(status: status)
            }
            throw error
        }
    }

    /// `POST /v3/segments` with `[{"name", "description"}]` (201). A name already taken is 409
    /// ``SegmentNameTaken``.
    public func createSegment(name: String, description: String) async throws -> Segment {
        var writer = JSONWriter(capacity: 128)
        writer.openArray()
        writer.openObject()
        writer.field("name", name)
        writer.field("description", description)
        writer.closeObject()
        writer.closeArray()
        let endpoint = Endpoint(.v3, "segments", method: "POST")
        let response = try await send(endpoint, json: writer.bytes, accepting: [409])
        if response.status == 409 { throw SegmentNameTaken(name: name) }
        let created = try decode(V3Envelope<[Segment]>.self, from: response.body, endpoint: endpoint).data
        guard let segment = created.first else {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: "no segment in the answer to its creation")
        }
        return segment
    }

    /// `GET /v3/segments/{id}/shopper-profiles`, every page: the profiles in the segment. Needs the Customers
    /// modify scope (a read-only token is refused).
    public func shopperProfiles(inSegment segmentID: String) async throws -> [ShopperProfile] {
        try await collectPages("segments/\(segmentID)/shopper-profiles")
    }

    /// `POST /v3/segments/{id}/shopper-profiles` with the ids as a JSON array (at most 50, by type). A 409 names, by
    /// their index in the request, the profiles already in the segment; those are returned as
    /// ``SegmentAddition/alreadyMembers`` and the others sent once more (whether BigCommerce added them despite the
    /// conflict is UNCONFIRMED; sending them again is harmless either way).
    public func addShopperProfiles(_ ids: ExplicitIDs, toSegment segmentID: String) async throws -> SegmentAddition {
        var result = SegmentAddition()
        var pending: ExplicitIDs? = ids
        while let batch = pending {
            pending = nil
            let endpoint = Endpoint(.v3, "segments/\(segmentID)/shopper-profiles", method: "POST")
            let response = try await send(endpoint, json: Self.jsonArray(batch.ids), accepting: [409])
            guard response.status == 409 else {
                result.added += batch.ids
                break
            }
            let conflicting = Self.conflictingIndices(response.body).filter { batch.ids.indices.contains($0) }
            guard !conflicting.isEmpty else {
                throw BigCommerceError.http(
                    status: 409, endpoint: endpoint.description,
                    body: String(decoding: response.body.prefix(2000), as: UTF8.self))
            }
            result.alreadyMembers += conflicting.sorted().map { batch.ids[$0] }
            pending = ExplicitIDs(batch.ids.enumerated().filter { !conflicting.contains($0.offset) }.map(\.element))
        }
        return result
    }

    /// `DELETE /v3/segments/{id}/shopper-profiles?id:in=…` (204): takes the profiles out of the segment (the
    /// profiles stay). Built only from a non-empty ``ExplicitIDs``.
    public func removeShopperProfiles(_ ids: ExplicitIDs, fromSegment segmentID: String) async throws {
        _ = try await send(Self.removalEndpoint(ids, segmentID: segmentID))
    }

    /// The removal request: the one place a segment DELETE is built, always with `id:in`.
    static func removalEndpoint(_ ids: ExplicitIDs, segmentID: String) -> Endpoint {
        Endpoint(.v3, "segments/\(segmentID)/shopper-profiles", query: [("id:in", ids.joined)], method: "DELETE")
    }

    /// `POST /v3/shopper-profiles` with `[{"customer_id"}]` for customers that have none, in batches of
    /// `batchSize` (halved whenever BigCommerce answers 413 or 422 to a batch: its limit is UNCONFIRMED).
    /// Returns the created profiles.
    public func createShopperProfiles(customerIDs: [Int], batchSize: Int = 250) async throws -> [ShopperProfile] {
        var created: [ShopperProfile] = []
        var size = max(1, batchSize)
        var start = 0
        while start < customerIDs.count {
            let chunk = Array(customerIDs[start..<min(start + size, customerIDs.count)])
            var writer = JSONWriter(capacity: 24 * chunk.count)
            writer.openArray()
            for id in chunk {
                writer.openObject()
                writer.field("customer_id", id)
                writer.closeObject()
            }
            writer.closeArray()
            let endpoint = Endpoint(.v3, "shopper-profiles", method: "POST")
            let response = try await send(endpoint, json: writer.bytes, accepting: chunk.count > 1 ? [413, 422] : [])
            if response.status == 413 || response.status == 422 {
                size = max(1, chunk.count / 2)
                continue
            }
            created += try decode(V3Envelope<[ShopperProfile]>.self, from: response.body, endpoint: endpoint).data
            start += chunk.count
        }
        return created
    }

    /// `["a","b"]`.
    static func jsonArray(_ ids: [String]) -> [UInt8] {
        var writer = JSONWriter(capacity: 40 * ids.count + 2)
        writer.openArray()
        for id in ids { writer.string(id) }
        writer.closeArray()
        return writer.bytes
    }

    /// The request indices a segment 409 names: the keys of `errors[*].errors`
    /// (`{"errors":[{"status":409,…,"errors":{"0":"Shopper profile … already exists …"}}]}`).
    static func conflictingIndices(_ body: [UInt8]) -> Set<Int> {
        guard let conflict = try? JSONDecoder().decode(SegmentConflictBody.self, from: Data(body)) else { return [] }
        return Set(conflict.errors.flatMap { $0.errors?.keys.compactMap { Int($0) } ?? [] })
    }
}

/// The 409 body of the segment endpoints: `data`, an `errors` array whose items map request indices to messages,
/// and `meta {total, success, failed}`.
private struct SegmentConflictBody: Decodable {
    struct Item: Decodable {
        var errors: [String: String]?
    }

    var errors: [Item]
}

/// What adding shopper profiles to a segment came to.
public struct SegmentAddition: Sendable, Equatable {
    /// Profiles BigCommerce added.
    public var added: [String] = []
    /// Profiles that were already in the segment (a 409 per profile), which counts as added (mapping.md §8).
    public var alreadyMembers: [String] = []

    /// Nothing yet.
    public init() {}
}

/// The store or API account cannot use customer segments: an Enterprise feature, needing the Customers modify scope.
public struct SegmentsUnavailable: RetryClassified, CustomStringConvertible, Sendable, Equatable {
    /// What BigCommerce answered on `GET /v3/segments`.
    public var status: Int

    /// Creates the error.
    public init(status: Int) { self.status = status }

    /// A plan or scope does not change by retrying.
    public var retryability: Retryability { .permanent }

    /// BigCommerce's answer.
    public var dependency: Dependency? { .bigCommerce }

    public var description: String {
        "Customer segments are an Enterprise feature; this store or its API account cannot use them (HTTP \(status) on "
            + "GET /v3/segments). They need an Enterprise plan and the Customers modify scope on the API account."
    }
}

/// `POST /v3/segments` answered 409: a segment with that name exists.
public struct SegmentNameTaken: RetryClassified, CustomStringConvertible, Sendable, Equatable {
    /// The name asked for.
    public var name: String

    /// Creates the error.
    public init(name: String) { self.name = name }

    /// Listing the segments again finds it.
    public var retryability: Retryability { .transient }

    /// BigCommerce's answer.
    public var dependency: Dependency? { nil }

    public var description: String { "BigCommerce already has a segment named \"\(name)\" (409 on POST /v3/segments)" }
}
