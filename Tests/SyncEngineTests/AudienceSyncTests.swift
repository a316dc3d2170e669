import BigCommerceAPI
import Foundation
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

/// Audiences into segments against the sandbox (mapping.md §8): the segment ends up holding exactly the audience's
/// members who are customers on the storefront's channel, by explicit ids, 50 at a time, touching no other segment.
@Suite("audience sync into BigCommerce segments", .serialized)
struct AudienceSyncTests {
    static let seed = SandboxShopperSeed(customers: 160, newsletterOnly: 10, orders: 40, months: 6)
    static let audience = AudienceMapping(clerkAudienceID: "viewed-not-bought", storefront: "main-usd", segment: "Clerk: viewed, not bought")

    struct Setup {
        let harness: Harness
        let targets: [ResolvedStorefront]
        let main: ResolvedStorefront
        let sync: AudienceSync
        var segmentation: SandboxSegmentation { harness.sandbox.store.segmentation }
    }

    func start(audiences: [AudienceMapping] = [Self.audience]) async throws -> Setup {
        let harness = try await Harness.start(products: 40, shoppers: Self.seed)
        let targets = try await harness.targets()
        let main = try #require(targets.first { $0.name == "main-usd" })
        return Setup(harness: harness, targets: targets, main: main, sync: harness.customerWork(targets, audiences: audiences).audiences)
    }

    /// The customers that may log in on channel 1 (global accounts count: channel 1 allows global logins).
    func mainCustomers(_ setup: Setup) -> [SandboxCustomer] {
        setup.harness.sandbox.store.customers().filter { $0.channelIDs.map { $0.contains(1) } ?? true }
    }

    /// Defines the audience in the main Clerk store as exactly `emails`.
    func define(_ setup: Setup, _ emails: [String]) {
        setup.harness.sandbox.clerkStorage.defineAudience(
            publicKey: setup.main.clerkKeys.publicKey, id: Self.audience.clerkAudienceID, rule: .emails(emails))
    }

    @Test func createsTheSegmentAndProfilesAndAddsOnlyTheChannelsCustomers() async throws {
        let setup = try await start()
        defer { Task { await setup.harness.shutdown() } }
        let eligible = Array(mainCustomers(setup).prefix(120))
        let onMain = Set(mainCustomers(setup).map { $0.email.lowercased() })
        let outletOnly = try #require(setup.harness.sandbox.store.customers().first { $0.channelIDs == [2] && !onMain.contains($0.email.lowercased()) })
        let registered = Set(setup.harness.sandbox.store.customers().map { $0.email.lowercased() })
        let guest = try #require(setup.harness.sandbox.store.orders().first {
            $0.customerID == 0 && !$0.billingEmail.isEmpty && !registered.contains($0.billingEmail.lowercased())
        })
        // Spaces and another case must not hide a member; one customer has a profile already.
        var emails = eligible.map(\.email)
        emails[0] = "  \(emails[0].uppercased()) "
        emails += [outletOnly.email, guest.billingEmail, "not-an-email"]
        define(setup, emails)
        let profiled = setup.segmentation.ensureProfile(customerID: eligible[1].id)
        // Another segment, with a member in common, that the sync must not touch.
        let other = try setup.segmentation.createSegment(name: "VIP (hand made)")
        let otherMembers = [profiled, setup.segmentation.ensureProfile(customerID: eligible[100].id)]
        _ = try await setup.harness.bigCommerce.addShopperProfiles(try #require(ExplicitIDs(otherMembers)), toSegment: other.id)

        setup.harness.sandbox.bigCommerceFaults.resetCounters()
        let report = try await setup.sync.sync(Self.audience)
        #expect(report.createdSegment && report.ok)
        #expect(report.members == eligible.count + 2)
        #expect(report.skipped == 2, "the outlet-only customer and the guest")
        #expect(report.added == eligible.count && report.removed == 0)
        #expect(report.createdProfiles == eligible.count - 2)
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment) == eligible.map(\.id).sorted())
        #expect(setup.segmentation.members(of: other.id) == otherMembers)
        #expect(setup.segmentation.counters.unfilteredDeletes.isEmpty)
        #expect(setup.segmentation.segments().count == 2)
        // Adds went 50 at a time (the sandbox answers 413 above that, and the sync reported no failure).
        let posts = setup.harness.sandbox.bigCommerceFaults.counters.requestsByRoute["POST /v3/segments/{id}/shopper-profiles"] ?? 0
        #expect(posts == (eligible.count + 49) / 50)
    }

    @Test func aLaterSyncRemovesLeaversAndAddsJoinersByExplicitIDs() async throws {
        let setup = try await start()
        defer { Task { await setup.harness.shutdown() } }
        let customers = mainCustomers(setup)
        define(setup, customers.prefix(90).map(\.email))
        _ = try await setup.sync.sync(Self.audience)
        let other = try setup.segmentation.createSegment(name: "Wholesale")
        let otherMember = setup.segmentation.ensureProfile(customerID: customers[0].id)
        _ = try await setup.harness.bigCommerce.addShopperProfiles(try #require(ExplicitIDs([otherMember])), toSegment: other.id)

        // 60 leave (two DELETE batches), 20 join.
        let now = Array(customers[60..<110])
        define(setup, now.map(\.email))
        setup.harness.sandbox.bigCommerceFaults.resetCounters()
        let report = try await setup.sync.sync(Self.audience)
        #expect(report.removed == 60 && report.added == 20 && report.ok)
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment) == now.map(\.id).sorted())
        #expect(setup.segmentation.members(of: other.id) == [otherMember])
        #expect(setup.segmentation.counters.unfilteredDeletes.isEmpty)
        #expect(setup.harness.sandbox.bigCommerceFaults.counters.requestsByRoute["DELETE /v3/segments/{id}/shopper-profiles"] == 2)

        // In step: nothing to write.
        setup.segmentation.resetCounters()
        let again = try await setup.sync.sync(Self.audience)
        #expect(again.added == 0 && again.removed == 0 && !again.createdSegment)
        #expect(setup.segmentation.counters == SandboxSegmentation.Counters())

        // An audience that emptied empties the segment, still by explicit ids.
        define(setup, [])
        let emptied = try await setup.sync.sync(Self.audience)
        #expect(emptied.removed == now.count)
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment).isEmpty)
        #expect(setup.segmentation.counters.unfilteredDeletes.isEmpty)
        #expect(setup.segmentation.members(of: other.id) == [otherMember])
    }

    @Test func aDryRunReadsEverythingAndWritesNothing() async throws {
        let setup = try await start()
        defer { Task { await setup.harness.shutdown() } }
        let customers = mainCustomers(setup)
        define(setup, customers.prefix(30).map(\.email))
        let planned = try await setup.sync.sync(Self.audience, dryRun: true)
        #expect(planned.dryRun && planned.createdSegment && planned.added == 30 && planned.createdProfiles == 30)
        #expect(setup.segmentation.segments().isEmpty && setup.segmentation.profiles().isEmpty)
        #expect(setup.segmentation.counters == SandboxSegmentation.Counters())
        #expect(try await setup.sync.lastReport(Self.audience) == nil)

        _ = try await setup.sync.sync(Self.audience)
        define(setup, customers[10..<35].map(\.email))
        let before = setup.segmentation.customers(inSegmentNamed: Self.audience.segment)
        setup.segmentation.resetCounters()
        let changes = try await setup.sync.sync(Self.audience, dryRun: true)
        #expect(changes.added == 5 && changes.removed == 10 && !changes.createdSegment)
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment) == before)
        #expect(setup.segmentation.counters == SandboxSegmentation.Counters())
    }

    @Test func anAudienceClerkCannotReadLeavesItsSegmentAlone() async throws {
        let setup = try await start()
        defer { Task { await setup.harness.shutdown() } }
        define(setup, mainCustomers(setup).prefix(12).map(\.email))
        _ = try await setup.sync.sync(Self.audience)
        let before = setup.segmentation.customers(inSegmentNamed: Self.audience.segment)
        #expect(before.count == 12)

        setup.harness.sandbox.clerkFaults.configure { $0.failingAudiences = [Self.audience.clerkAudienceID] }
        setup.segmentation.resetCounters()
        await #expect(throws: AudienceSyncError.self) { _ = try await setup.sync.sync(Self.audience) }
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment) == before)
        #expect(setup.segmentation.counters == SandboxSegmentation.Counters())

        // An audience id Clerk does not know is unreadable too, not "nobody".
        let unknown = AudienceMapping(clerkAudienceID: "no-such-audience", storefront: "main-usd", segment: Self.audience.segment)
        setup.harness.sandbox.clerkFaults.clearFaults()
        await #expect(throws: AudienceSyncError.self) { _ = try await setup.sync.sync(unknown) }
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment) == before)
    }

    @Test func aStoreWithoutSegmentsGetsOneClearError() async throws {
        let setup = try await start()
        defer { Task { await setup.harness.shutdown() } }
        define(setup, mainCustomers(setup).prefix(3).map(\.email))
        setup.segmentation.configure { $0.enterprise = false }
        setup.harness.sandbox.bigCommerceFaults.resetCounters()
        let error = await #expect(throws: SegmentsUnavailable.self) { _ = try await setup.sync.sync(Self.audience) }
        #expect(error?.description.contains("segment") == true)
        let segmentRequests = setup.harness.sandbox.bigCommerceFaults.counters.requestsByRoute
            .filter { $0.key.contains("segments") || $0.key.contains("shopper-profiles") }.values.reduce(0, +)
        #expect(segmentRequests == 1, "one GET /v3/segments, then a stop")
        #expect(setup.segmentation.profiles().isEmpty)
    }

    @Test func theAudienceJobSyncsThroughTheQueue() async throws {
        let setup = try await start()
        defer { Task { await setup.harness.shutdown() } }
        let customers = mainCustomers(setup)
        define(setup, customers.prefix(7).map(\.email))
        let worker = setup.harness.historyWorker(setup.targets, audiences: [Self.audience])
        let job = try await setup.harness.run(.audience(storefront: "main-usd", id: Self.audience.clerkAudienceID), on: worker)
        #expect(job?.state == .completed, "\(job?.lastError ?? "")")
        #expect(setup.segmentation.customers(inSegmentNamed: Self.audience.segment) == customers.prefix(7).map(\.id).sorted())
        let report = try #require(try await setup.sync.lastReport(Self.audience))
        #expect(report.added == 7 && !report.dryRun)
    }
}
