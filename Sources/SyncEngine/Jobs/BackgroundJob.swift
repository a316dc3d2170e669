import Reliability
import SyncStore

/// A queued job as the worker runs it: its kind with what it is about, read from the queue's key once.
public enum BackgroundJob: Sendable, Hashable {
    /// Re-read this product and bring every storefront's Clerk store in line with it.
    case product(Int)
    /// A price-list record changed: re-sync its variant's product when the list prices a storefront.
    case priceRecord(priceListID: Int, variantID: Int)
    /// Re-read the store-wide data and apply what changed.
    case catalogRefresh
    /// The light reconciliation: products modified since the last sweep, then a catalog refresh.
    case catalogReconcile
    /// A full reindex.
    case reindex(ReindexScope)
    /// Bring this order's sale in Clerk in line with BigCommerce.
    case order(Int)
    /// Validate every market.
    case validate

    /// The queue key: what coalesces (one pending job per key).
    public var key: JobKey {
        switch self {
        case .product(let id): JobKey(kind: .productSync, entity: String(id))
        case .priceRecord(let list, let variant): JobKey(kind: .priceRecordSync, entity: "\(list)/\(variant)")
        case .catalogRefresh: JobKey(kind: .catalogRefresh, entity: "store")
        case .catalogReconcile: JobKey(kind: .catalogReconcile, entity: "store")
        case .reindex(let scope): JobKey(kind: .catalogReindex, entity: scope.description)
        case .order(let id): JobKey(kind: .orderSync, entity: String(id))
        case .validate: JobKey(kind: .marketValidate, entity: "*")
        }
    }

    /// The job a queue key stands for.
    /// - Throws: ``BackgroundJobError`` when the entity does not fit the kind (a row written by hand or by
    ///   another version): permanent, so the job is dead-lettered where an operator sees it.
    public init(_ key: JobKey) throws(BackgroundJobError) {
        func id(_ text: String) throws(BackgroundJobError) -> Int {
            guard let id = Int(text), id > 0 else { throw BackgroundJobError.unreadable(key) }
            return id
        }
        switch key.kind {
        case .productSync:
            self = .product(try id(key.entity))
        case .priceRecordSync:
            let parts = key.entity.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw BackgroundJobError.unreadable(key) }
            self = .priceRecord(priceListID: try id(String(parts[0])), variantID: try id(String(parts[1])))
        case .catalogRefresh:
            self = .catalogRefresh
        case .catalogReconcile:
            self = .catalogReconcile
        case .catalogReindex:
            guard !key.entity.isEmpty else { throw BackgroundJobError.unreadable(key) }
            self = .reindex(key.entity == "*" ? .all : .storefront(key.entity))
        case .orderSync:
            self = .order(try id(key.entity))
        case .marketValidate:
            self = .validate
        }
    }
}

/// Why a queued job cannot run.
public enum BackgroundJobError: RetryClassified, Sendable, Hashable, CustomStringConvertible {
    /// The key's entity does not fit its kind.
    case unreadable(JobKey)
    /// The job names a storefront that is not configured (any more).
    case unknownStorefront(String, known: [String])

    /// Neither can succeed on another try.
    public var retryability: Retryability { .permanent }

    /// clerkbridge's own.
    public var dependency: Dependency? { nil }

    public var description: String {
        switch self {
        case .unreadable(let key):
            "job \(key) has an entity clerkbridge cannot read"
        case .unknownStorefront(let name, let known):
            "the job is for storefront `\(name)`, which is not configured (configured: \(known.joined(separator: ", ")))"
        }
    }
}
