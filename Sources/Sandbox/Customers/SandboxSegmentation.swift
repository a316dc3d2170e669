import Foundation
import Synchronization

/// Customer segmentation of the sandbox store (`/v3/segments`, `/v3/shopper-profiles`): segments, shopper profiles and
/// memberships, with the real API's limits and its destructive defaults (a DELETE without `id:in` removes
/// everything it can), counted so tests can prove they never happen. Thread-safe.
public final class SandboxSegmentation: Sendable {
    /// What the store and its API account allow.
    public struct Settings: Sendable, Equatable {
        /// Whether the store is on Enterprise: without it every segment and shopper-profile route answers
        /// ``unavailableStatus`` and `/v2/store` shows another plan.
        public var enterprise = true
        /// The status a store without segmentation answers (UNCONFIRMED: BigCommerce does not say; 403 "platform
        /// limit" is assumed).
        public var unavailableStatus = 403
        /// Whether the API account holds the Customers modify scope: without it, reading a segment's members and
        /// every write answer 403.
        public var modifyScope = true
        /// Most segments per store.
        public var maxSegments = 1000
        /// Most shopper profiles per membership request (more → 413).
        public var maxMembersPerRequest = 50
        /// Most customers per `POST /v3/shopper-profiles` (UNCONFIRMED upstream; more → 413).
        public var maxProfilesPerRequest = 250

        /// Enterprise with the modify scope.
        public init() {}
    }

    /// What the segmentation routes did.
    public struct Counters: Sendable, Equatable {
        /// DELETE requests without `id:in` (each emptied a segment or deleted every segment, profile or subscriber).
        public var unfilteredDeletes: [String] = []
        /// Memberships added.
        public var membersAdded = 0
        /// Memberships removed.
        public var membersRemoved = 0
        /// Profiles named by an add that were already members (answered 409).
        public var conflicts = 0
        /// Shopper profiles created.
        public var profilesCreated = 0
        /// Segments created.
        public var segmentsCreated = 0

        /// Zero counters.
        public init() {}
    }

    struct State {
        var settings = Settings()
        var counters = Counters()
        /// Segments in creation order.
        var segments: [SandboxSegment] = []
        /// Members per segment id, in the order added.
        var members: [String: [String]] = [:]
        /// Customer per shopper profile id.
        var profiles: [String: Int] = [:]
        /// Profile id per customer.
        var profileByCustomer: [Int: String] = [:]
        /// Profile ids in creation order.
        var profileOrder: [String] = []
    }

    let state = Mutex(State())

    /// Creates empty segmentation.
    public init() {}

    /// The current settings.
    public var settings: Settings { state.withLock { $0.settings } }

    /// Changes the settings.
    public func configure(_ change: (inout Settings) -> Void) {
        state.withLock { change(&$0.settings) }
    }

    /// A snapshot of the counters.
    public var counters: Counters { state.withLock { $0.counters } }

    /// Zeroes the counters.
    public func resetCounters() {
        state.withLock { $0.counters = Counters() }
    }

    /// Removes every segment, profile and membership (settings kept).
    public func reset() {
        state.withLock { state in
            let settings = state.settings
            state = State()
            state.settings = settings
        }
    }

    // MARK: Segments

    /// Every segment, in creation order.
    public func segments() -> [SandboxSegment] {
        state.withLock { $0.segments }
    }

    /// The segment named `name`, if any.
    public func segment(named name: String) -> SandboxSegment? {
        state.withLock { $0.segments.first { $0.name == name } }
    }

    /// Creates a segment, as `POST /v3/segments` does.
    /// - Throws: ``SegmentationFailure`` 409 for a name in use, 422 when the store has its maximum.
    @discardableResult
    public func createSegment(name: String, description: String = "") throws(SegmentationFailure) -> SandboxSegment {
        try state.withLock { state throws(SegmentationFailure) in
            guard !state.segments.contains(where: { $0.name == name }) else {
                throw SegmentationFailure(status: 409, title: "Cannot have multiple segments with the same name.")
            }
            guard state.segments.count < state.settings.maxSegments else {
                throw SegmentationFailure(status: 422, title: "A store can have at most \(state.settings.maxSegments) segments.")
            }
            let now = SandboxStore.now()
            let segment = SandboxSegment(
                id: UUID().uuidString.lowercased(), name: name, description: description, createdAt: now, updatedAt: now)
            state.segments.append(segment)
            state.members[segment.id] = []
            state.counters.segmentsCreated += 1
            return segment
        }
    }

    /// Deletes the segments `ids`, or every segment when nil (what `DELETE /v3/segments` without `id:in` does).
    func deleteSegments(ids: Set<String>?) {
        state.withLock { state in
            if ids == nil { state.counters.unfilteredDeletes.append("DELETE /v3/segments") }
            state.segments.removeAll { ids?.contains($0.id) ?? true }
            for id in Array(state.members.keys) where ids?.contains(id) ?? true { state.members[id] = nil }
        }
    }

    // MARK: Members

    /// The shopper profiles in segment `id`, in the order added; nil when there is no such segment.
    public func members(of segmentID: String) -> [String]? {
        state.withLock { $0.members[segmentID] }
    }

    /// The customers in the segment named `name`, ascending; empty when there is no such segment.
    public func customers(inSegmentNamed name: String) -> [Int] {
        state.withLock { state in
            guard let segment = state.segments.first(where: { $0.name == name }) else { return [] }
            return (state.members[segment.id] ?? []).compactMap { state.profiles[$0] }.sorted()
        }
    }

    /// Adds profiles to a segment as `POST /v3/segments/{id}/shopper-profiles` does: the ones not yet in it are added;
    /// when any already was, the answer is a 409 naming those by their index in the request. Returns the indices of
    /// the conflicting ones.
    /// - Throws: ``SegmentationFailure`` 404 for an unknown segment, 413 over the per-request limit, 422 for an unknown
    ///   profile.
    func addMembers(_ profileIDs: [String], to segmentID: String) throws(SegmentationFailure) -> [Int] {
        try state.withLock { state throws(SegmentationFailure) in
            guard var members = state.members[segmentID] else {
                throw SegmentationFailure(status: 404, title: "Segment \(segmentID) not found.")
            }
            guard profileIDs.count <= state.settings.maxMembersPerRequest else {
                throw SegmentationFailure(
                    status: 413, title: "At most \(state.settings.maxMembersPerRequest) shopper profiles per request.")
            }
            if let unknown = profileIDs.first(where: { state.profiles[$0] == nil }) {
                throw SegmentationFailure(status: 422, title: "Shopper profile \(unknown) does not exist.")
            }
            var present = Set(members)
            var conflicts: [Int] = []
            for (index, id) in profileIDs.enumerated() {
                if present.contains(id) {
                    conflicts.append(index)
                } else {
                    present.insert(id)
                    members.append(id)
                    state.counters.membersAdded += 1
                }
            }
            state.counters.conflicts += conflicts.count
            state.members[segmentID] = members
            return conflicts
        }
    }

    /// Removes profiles from a segment; nil `profileIDs` empties it (what a DELETE without `id:in` does).
    /// - Throws: ``SegmentationFailure`` 404 for an unknown segment.
    func removeMembers(_ profileIDs: Set<String>?, from segmentID: String) throws(SegmentationFailure) {
        try state.withLock { state throws(SegmentationFailure) in
            guard let members = state.members[segmentID] else {
                throw SegmentationFailure(status: 404, title: "Segment \(segmentID) not found.")
            }
            if profileIDs == nil {
                state.counters.unfilteredDeletes.append("DELETE /v3/segments/{id}/shopper-profiles")
            }
            let kept = members.filter { !(profileIDs?.contains($0) ?? true) }
            state.counters.membersRemoved += members.count - kept.count
            state.members[segmentID] = kept
        }
    }

    // MARK: Profiles

    /// Every shopper profile (id and customer), in creation order.
    public func profiles() -> [(id: String, customerID: Int)] {
        state.withLock { state in state.profileOrder.compactMap { id in state.profiles[id].map { (id, $0) } } }
    }

    /// The profile of customer `customerID`, if it has one.
    public func profile(ofCustomer customerID: Int) -> String? {
        state.withLock { $0.profileByCustomer[customerID] }
    }

    /// Creates a profile for each customer, as `POST /v3/shopper-profiles` does. A customer that already has one is a
    /// 409 (UNCONFIRMED upstream). `exists` says whether a customer id is a registered customer (a guest, 0, is not).
    /// - Throws: ``SegmentationFailure`` 413 over the per-request limit, 422 for a guest or unknown customer, 409 for a
    ///   customer that has a profile; nothing is created then.
    @discardableResult
    func createProfiles(customerIDs: [Int], exists: (Int) -> Bool) throws(SegmentationFailure) -> [(id: String, customerID: Int)] {
        try state.withLock { state throws(SegmentationFailure) in
            guard customerIDs.count <= state.settings.maxProfilesPerRequest else {
                throw SegmentationFailure(
                    status: 413, title: "At most \(state.settings.maxProfilesPerRequest) shopper profiles per request.")
            }
            if let guest = customerIDs.first(where: { $0 <= 0 || !exists($0) }) {
                throw SegmentationFailure(status: 422, title: "Customer \(guest) does not exist; guests cannot have shopper profiles.")
            }
            let taken = customerIDs.enumerated().filter { state.profileByCustomer[$0.element] != nil }.map(\.offset)
            if !taken.isEmpty {
                throw SegmentationFailure(
                    status: 409, title: "Unable to create shopper profiles due to conflicts.",
                    conflicts: Dictionary(uniqueKeysWithValues: taken.map { ($0, "Customer \(customerIDs[$0]) already has a shopper profile.") }))
            }
            var created: [(id: String, customerID: Int)] = []
            for customer in customerIDs {
                let id = UUID().uuidString.lowercased()
                state.profiles[id] = customer
                state.profileByCustomer[customer] = id
                state.profileOrder.append(id)
                created.append((id, customer))
            }
            state.counters.profilesCreated += created.count
            return created
        }
    }

    /// Creates the profile of one customer directly (test set-up), or returns the one it has.
    @discardableResult
    public func ensureProfile(customerID: Int) -> String {
        state.withLock { state in
            if let id = state.profileByCustomer[customerID] { return id }
            let id = UUID().uuidString.lowercased()
            state.profiles[id] = customerID
            state.profileByCustomer[customerID] = id
            state.profileOrder.append(id)
            return id
        }
    }

    /// Deletes profiles (and their memberships), or every profile when nil (what `DELETE /v3/shopper-profiles` without
    /// `id:in` does).
    func deleteProfiles(ids: Set<String>?) {
        state.withLock { state in
            if ids == nil { state.counters.unfilteredDeletes.append("DELETE /v3/shopper-profiles") }
            let gone = Set(state.profileOrder.filter { ids?.contains($0) ?? true })
            state.profileOrder.removeAll { gone.contains($0) }
            for id in gone {
                if let customer = state.profiles.removeValue(forKey: id) { state.profileByCustomer[customer] = nil }
            }
            for key in Array(state.members.keys) { state.members[key]?.removeAll { gone.contains($0) } }
        }
    }

    /// Records a DELETE without a filter that reached another route (the subscribers).
    func recordUnfilteredDelete(_ route: String) {
        state.withLock { $0.counters.unfilteredDeletes.append(route) }
    }
}

/// A customer segment of the sandbox store.
public struct SandboxSegment: Sendable, Hashable {
    /// Segment id (a UUID).
    public var id: String
    /// Name, unique in the store.
    public var name: String
    /// Description.
    public var description: String
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
}

/// A refusal of the segmentation routes, with the status and title the API answers and, for a 409, the messages by
/// request index.
public struct SegmentationFailure: Error, Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// The error's title.
    public var title: String
    /// Messages by request index (a 409).
    public var conflicts: [Int: String] = [:]
}
