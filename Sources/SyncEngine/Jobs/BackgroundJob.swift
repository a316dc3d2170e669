import Reliability
import StorefrontRegistry
import SyncStore

/// A queued job as the worker runs it: its kind with what it is about, read from the queue's key once.
public enum BackgroundJob: Sendable, Hashable {
    /// Re-read this product and bring every storefront's Clerk store in line with it.
    case product(Int)
    /// Re-read this product and bring only the storefronts showing this channel locale in line with it (a locale
    /// edit: `store/product/updated` with `data.context`).
    case localizedProduct(Int, TranslationLocale)
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
    /// Send the order history of these storefronts.
    case orderImport(ReindexScope)
    /// Send every customer and remove the ones that left.
    case customerImport
    /// Sweep the customers and subscriptions modified since the last sweep.
    case customerReconcile
    /// Bring this customer's documents in line with BigCommerce.
    case customer(Int)
    /// A newsletter subscription changed: re-sync the customers with its email.
    case subscriber(Int)
    /// Make the segment of this Clerk audience of this storefront mirror it.
    case audience(storefront: String, id: String)
    /// Validate every market.
    case validate

    /// The queue key: what coalesces (one pending job per key).
    public var key: JobKey {
        switch self {
        case .product(let id): JobKey(kind: .productSync, entity: String(id))
        case .localizedProduct(let id, let locale): JobKey(kind: .productSync, entity: "\(id)@\(locale.channelID)/\(locale.code)")
        case .priceRecord(let list, let variant): JobKey(kind: .priceRecordSync, entity: "\(list)/\(variant)")
        case .catalogRefresh: JobKey(kind: .catalogRefresh, entity: "store")
        case .catalogReconcile: JobKey(kind: .catalogReconcile, entity: "store")
        case .reindex(let scope): JobKey(kind: .catalogReindex, entity: scope.description)
        case .order(let id): JobKey(kind: .orderSync, entity: String(id))
        case .orderImport(let scope): JobKey(kind: .orderImport, entity: scope.description)
        case .customerImport: JobKey(kind: .customerImport, entity: "*")
        case .customerReconcile: JobKey(kind: .customerReconcile, entity: "store")
        case .customer(let id): JobKey(kind: .customerSync, entity: String(id))
        case .subscriber(let id): JobKey(kind: .subscriberSync, entity: String(id))
        case .audience(let storefront, let id): JobKey(kind: .audienceSync, storefront: storefront, entity: id)
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
            guard let at = key.entity.firstIndex(of: "@") else {
                self = .product(try id(key.entity))
                return
            }
            let scope = key.entity[key.entity.index(after: at)...].split(separator: "/", maxSplits: 1)
            guard scope.count == 2, !scope[1].isEmpty else { throw BackgroundJobError.unreadable(key) }
            self = .localizedProduct(
                try id(String(key.entity[..<at])), TranslationLocale(channelID: try id(String(scope[0])), code: String(scope[1])))
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
        case .orderImport:
            guard !key.entity.isEmpty else { throw BackgroundJobError.unreadable(key) }
            self = .orderImport(key.entity == "*" ? .all : .storefront(key.entity))
        case .customerImport:
            self = .customerImport
        case .customerReconcile:
            self = .customerReconcile
        case .customerSync:
            self = .customer(try id(key.entity))
        case .subscriberSync:
            self = .subscriber(try id(key.entity))
        case .audienceSync:
            guard !key.storefront.isEmpty, !key.entity.isEmpty else { throw BackgroundJobError.unreadable(key) }
            self = .audience(storefront: key.storefront, id: key.entity)
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
    /// The job is for an audience that is not configured (any more).
    case unknownAudience(storefront: String, id: String)
    /// The job needs work this worker was not given (customers and history).
    case notRunHere(JobKey)

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
        case .unknownAudience(let storefront, let id):
            "the job is for Clerk audience \(id) of storefront `\(storefront)`, which is not under `audiences:` in the configuration"
        case .notRunHere(let key):
            "job \(key) needs the customer and history work, which this worker was not given"
        }
    }
}
