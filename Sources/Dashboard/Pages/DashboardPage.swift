import Foundation
import SyncEngine
import SyncStore

/// A page of the dashboard and what it shows.
public enum DashboardPage: Sendable {
    /// `GET /admin`.
    case overview(DashboardOverview)
    /// `GET /admin/dead-letters`.
    case deadLetters(DeadLetterListing)
    /// `GET /admin/dead-letters/{id}`.
    case deadLetter(DeadLetterDetail)
    /// `GET /admin/jobs`.
    case jobs(JobListing)
    /// `GET /admin/jobs/{id}`.
    case job(JobEntry)
    /// `GET /admin/webhooks`.
    case webhooks(WebhookStatus)
    /// `GET /admin/storefronts`.
    case storefronts([StorefrontSettings])
    /// A refusal or a failure, as a page: its HTTP status, a heading and what to do.
    case problem(status: Int, title: String, message: String)
}

/// What the dead-letters page lists: one page of letters matching a filter, and what the bulk actions would do.
public struct DeadLetterListing: Sendable {
    /// The filter as the operator set it.
    public var filter: DeadLetterFilter
    /// The letters on this page.
    public var letters: [DeadLetterSummary]
    /// How many match in all.
    public var total: Int
    /// Where this page starts.
    public var offset: Int
    /// Letters per page.
    public var limit: Int
    /// The storefront names the filter offers.
    public var storefronts: [String]
    /// How many letters "replay all" and "discard all" would handle (open letters, up to each limit).
    public var replayable: Int, discardable: Int

    /// Creates a listing.
    public init(
        filter: DeadLetterFilter, letters: [DeadLetterSummary], total: Int, offset: Int, limit: Int, storefronts: [String],
        replayable: Int, discardable: Int
    ) {
        self.filter = filter
        self.letters = letters
        self.total = total
        self.offset = offset
        self.limit = limit
        self.storefronts = storefronts
        self.replayable = replayable
        self.discardable = discardable
    }
}

/// What the jobs page lists: one page of jobs matching a filter, with the count per state for its tabs.
public struct JobListing: Sendable {
    /// The filter as the operator set it.
    public var filter: JobFilter
    /// The jobs on this page.
    public var jobs: [JobEntry]
    /// Jobs per state in the whole queue.
    public var counts: [JobState: Int]
    /// Where this page starts.
    public var offset: Int
    /// Jobs per page.
    public var limit: Int

    /// Creates a listing.
    public init(filter: JobFilter, jobs: [JobEntry], counts: [JobState: Int], offset: Int, limit: Int) {
        self.filter = filter
        self.jobs = jobs
        self.counts = counts
        self.offset = offset
        self.limit = limit
    }
}

/// What every page around its content needs: the session's CSRF token, whether the caller may act, a notice to show
/// once, and the time the page was made.
public struct PageFrame: Sendable {
    /// The token state-changing forms carry.
    public var csrfToken: String
    /// Whether the caller may replay, discard, retry and cancel (the admin token, or loopback without tokens).
    public var canAct: Bool
    /// Whether the caller signed in with a token (and so may sign out).
    public var signedIn: Bool
    /// A message from the action that led here.
    public var notice: String?
    /// The time the page shows ages against.
    public var now: Date

    /// Creates a frame.
    public init(csrfToken: String, canAct: Bool, signedIn: Bool, notice: String? = nil, now: Date = Date()) {
        self.csrfToken = csrfToken
        self.canAct = canAct
        self.signedIn = signedIn
        self.notice = notice
        self.now = now
    }
}
