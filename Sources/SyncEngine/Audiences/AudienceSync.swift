import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Reliability
import StorefrontRegistry
import SyncStore

/// Makes a BigCommerce customer segment mirror a Clerk audience (mapping.md §8): after a sync, the segment's shopper
/// profiles are exactly those of the BigCommerce customers on the storefront's channel whose email is a member.
///
/// Steps, for an audience of M members in a store of C customers: the audience's emails from Clerk (an audience Clerk
/// cannot read leaves the segment as it is); the segment by name (`GET /v3/segments`, created when missing, never
/// renamed or deleted); the members' customers with their shopper profiles, by paging every customer 250 at a time
/// (⌈C/250⌉ requests) or by looking emails up 50 at a time (⌈M/50⌉), whichever is fewer; profiles for customers that
/// have none; the segment's current profiles; then adds and removals 50 at a time, by explicit ids only. Other
/// segments are never touched. A dry run reads everything and writes nothing.
public final class AudienceSync: Sendable {
    let client: BigCommerceClient
    let clerk: ClerkClient
    let targets: [ResolvedStorefront]
    /// The configured audiences.
    public let audiences: [AudienceMapping]
    let store: any SyncMarkers
    let logger: Logger

    /// Creates a sync of `audiences` for `targets`.
    public init(
        client: BigCommerceClient, clerk: ClerkClient, targets: [ResolvedStorefront], audiences: [AudienceMapping],
        store: any SyncMarkers, logger: Logger
    ) {
        self.client = client
        self.clerk = clerk
        self.targets = targets
        self.audiences = audiences
        self.store = store
        self.logger = logger
    }

    static func reportMarker(_ audience: AudienceMapping) -> String {
        "audience.\(audience.storefront).\(audience.clerkAudienceID).\(audience.segment)"
    }

    /// The configured audiences of `storefront` with Clerk id `id` (a job's key).
    public func audiences(storefront: String, id: String) -> [AudienceMapping] {
        audiences.filter { $0.storefront == storefront && $0.clerkAudienceID == id }
    }

    /// The report of the last sync of `audience`, if any.
    public func lastReport(_ audience: AudienceMapping) async throws -> AudienceReport? {
        try await MarkerValue.read(AudienceReport.self, Self.reportMarker(audience), in: store)
    }

    /// Syncs `audience` (or works out what a sync would do, with `dryRun`) and records the report.
    /// - Throws: ``AudienceSyncError`` when the audience cannot be read or the storefront is not configured,
    ///   ``SegmentsUnavailable`` on a store without segments, BigCommerce and Clerk failures worth a retry. Nothing
    ///   was written to the segment when the audience could not be read.
    public func sync(_ audience: AudienceMapping, dryRun: Bool = false) async throws -> AudienceReport {
        guard let target = targets.first(where: { $0.name == audience.storefront }) else {
            throw AudienceSyncError.unknownStorefront(audience.storefront, known: targets.map(\.name))
        }
        var report = AudienceReport(audience: audience, dryRun: dryRun)
        let emails: [String]
        do {
            emails = try await clerk.audienceEmails(id: audience.clerkAudienceID, keys: target.clerkKeys)
        } catch {
            throw AudienceSyncError.unreadable(audience: audience.clerkAudienceID, storefront: audience.storefront, error)
        }
        let members = Set(emails.map(Customer.normalize).filter { $0.contains("@") })
        report.members = members.count

        let existing = try await client.segments().first { $0.name == audience.segment }
        let customers = try await customers(of: members, channelID: target.channelID)
        report.skipped = members.subtracting(customers.map(\.normalizedEmail)).count

        var profiles: [Int: String] = [:]
        var missing: [Int] = []
        for customer in customers {
            if let profile = customer.shopperProfileID { profiles[customer.id] = profile } else { missing.append(customer.id) }
        }
        var segmentID = existing?.id
        if dryRun {
            report.createdSegment = existing == nil
            report.createdProfiles = missing.count
            var current: [String] = []
            if let segmentID { current = try await client.shopperProfiles(inSegment: segmentID).map(\.id) }
            let wanted = Set(profiles.values)
            report.added = wanted.subtracting(current).count + missing.count
            report.removed = Set(current).subtracting(wanted).count
            return try await finish(report)
        }
        if segmentID == nil {
            do {
                segmentID = try await client.createSegment(name: audience.segment, description: "Clerk audience \(audience.clerkAudienceID) (\(audience.storefront)), kept in step by clerkbridge").id
                report.createdSegment = true
            } catch is SegmentNameTaken {
                segmentID = try await client.segments().first { $0.name == audience.segment }?.id
            }
        }
        guard let segmentID else {
            throw AudienceSyncError.segmentMissing(audience.segment)
        }
        if !missing.isEmpty {
            let created = try await createProfiles(missing)
            for profile in created { profiles[profile.customerID] = profile.id }
            report.createdProfiles = created.count
            report.failed += missing.count - missing.filter { profiles[$0] != nil }.count
        }
        let current = Set(try await client.shopperProfiles(inSegment: segmentID).map(\.id))
        let wanted = Set(profiles.values)
        for batch in ExplicitIDs.batches(of: wanted.subtracting(current).sorted()) {
            do {
                let addition = try await client.addShopperProfiles(batch, toSegment: segmentID)
                report.added += addition.added.count + addition.alreadyMembers.count
            } catch let error as BigCommerceError where error.retryability == .permanent {
                logger.warning("BigCommerce refused to add shopper profiles to a segment", metadata: ["segment": "\(audience.segment)", "error": "\(error)"])
                report.failed += batch.ids.count
            }
        }
        for batch in ExplicitIDs.batches(of: current.subtracting(wanted).sorted()) {
            do {
                try await client.removeShopperProfiles(batch, fromSegment: segmentID)
                report.removed += batch.ids.count
            } catch let error as BigCommerceError where error.retryability == .permanent {
                logger.warning("BigCommerce refused to remove shopper profiles from a segment", metadata: ["segment": "\(audience.segment)", "error": "\(error)"])
                report.failed += batch.ids.count
            }
        }
        return try await finish(report)
    }

    private func finish(_ report: AudienceReport) async throws -> AudienceReport {
        var report = report
        report.finishedAt = Date()
        if !report.dryRun {
            try await MarkerValue.write(report, Self.reportMarker(report.audience), in: store, at: report.finishedAt)
            try await RunJournal.record(
                .audiences, ok: report.ok,
                summary: "\(report.audience.clerkAudienceID) → \(report.audience.segment): \(report.members) members, \(report.added) added, "
                    + "\(report.removed) removed, \(report.skipped) skipped, \(report.failed) failed",
                store: store, at: report.finishedAt)
        }
        logger.info("Audience synced into its segment", metadata: [
            "audience": "\(report.audience.clerkAudienceID)", "segment": "\(report.audience.segment)", "dry_run": "\(report.dryRun)",
            "members": "\(report.members)", "added": "\(report.added)", "removed": "\(report.removed)", "skipped": "\(report.skipped)",
        ])
        return report
    }

    /// The registered customers whose email is in `members` and who may log in on `channelID` (global accounts count
    /// when the channel allows global logins), with their shopper profiles. Reads every customer when that takes
    /// fewer requests than looking the emails up.
    func customers(of members: Set<String>, channelID: Int) async throws -> [Customer] {
        guard !members.isEmpty else { return [] }
        let globalLogins = try await client.allowsGlobalLogins(channelID: channelID) ? Set([channelID]) : []
        func usable(_ customer: Customer) -> Bool {
            members.contains(customer.normalizedEmail) && CustomerMapping.mayLogIn(customer, channelID: channelID, globalLogins: globalLogins)
        }
        let lookups = (members.count + BigCommerceClient.idsPerRequest - 1) / BigCommerceClient.idsPerRequest
        let first = try await client.customersPage(after: nil, includeShopperProfiles: true)
        let pages = ((first.total ?? Int.max) + BigCommerceClient.maximumPageSize - 1) / BigCommerceClient.maximumPageSize
        guard pages <= lookups + 1 else {
            return try await client.customers(emails: Array(members), includeShopperProfiles: true).filter(usable)
        }
        var found = first.customers.filter(usable)
        var cursor = first.nextCursor
        while let next = cursor {
            let page = try await client.customersPage(after: next, includeShopperProfiles: true)
            found += page.customers.filter(usable)
            cursor = page.nextCursor
        }
        return found
    }

    /// Creates shopper profiles for `customerIDs`; a customer that has one meanwhile (409) is read again for it.
    private func createProfiles(_ customerIDs: [Int]) async throws -> [ShopperProfile] {
        do {
            return try await client.createShopperProfiles(customerIDs: customerIDs)
        } catch let error as BigCommerceError where error.httpStatus == 409 {
            let reread = try await client.customers(ids: customerIDs, includeShopperProfiles: true)
            let known = reread.compactMap { customer in customer.shopperProfileID.map { ShopperProfile(id: $0, customerID: customer.id) } }
            let still = customerIDs.filter { id in !known.contains { $0.customerID == id } }
            return known + (still.isEmpty ? [] : try await client.createShopperProfiles(customerIDs: still))
        }
    }
}

/// Why an audience could not be synced into its segment.
public enum AudienceSyncError: RetryClassified, CustomStringConvertible, Sendable {
    /// Clerk would not give the audience's emails: the segment is left as it is.
    case unreadable(audience: String, storefront: String, any Error)
    /// The audience names a storefront that is not configured.
    case unknownStorefront(String, known: [String])
    /// The segment could not be created nor found.
    case segmentMissing(String)

    /// An unreadable audience is retried as Clerk's error says; the others are configuration.
    public var retryability: Retryability {
        switch self {
        case .unreadable(_, _, let error): Retryability.of(error)
        case .unknownStorefront: .permanent
        case .segmentMissing: .transient
        }
    }

    /// Clerk, for an unreadable audience.
    public var dependency: Dependency? {
        if case .unreadable(_, _, let error) = self { return Dependency.of(error) }
        return nil
    }

    public var description: String {
        switch self {
        case .unreadable(let id, let storefront, let error):
            "Clerk audience \(id) of storefront \(storefront) cannot be read, so its segment is left as it is: \(error)"
        case .unknownStorefront(let name, let known):
            "the audience is for storefront `\(name)`, which is not configured (configured: \(known.joined(separator: ", ")))"
        case .segmentMissing(let name):
            "BigCommerce says a segment named \"\(name)\" exists but does not list it"
        }
    }
}
