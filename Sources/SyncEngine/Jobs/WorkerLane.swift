import Reliability
import SyncStore

/// The worker's lanes, which run side by side so a long reindex or import never holds up deltas, and the
/// ``WorkSignal`` topic that wakes each: whoever queues a job notifies its lane's topic only.
public enum WorkerLane: CaseIterable, Sendable, Hashable {
    /// Webhook deltas, reconciliation, catalog refreshes, sales and customers: short jobs, applied at once.
    case delta
    /// Full reindexes and market validations.
    case reindex
    /// Order and customer imports and audience syncs: long runs that checkpoint.
    case history

    /// The lane that runs jobs of `kind`.
    public init(running kind: JobKind) {
        switch kind {
        case .catalogReindex, .marketValidate: self = .reindex
        case .orderImport, .customerImport, .audienceSync: self = .history
        case .productSync, .priceRecordSync, .catalogRefresh, .catalogReconcile, .orderSync, .customerSync, .subscriberSync,
            .customerReconcile:
            self = .delta
        }
    }

    /// The topic that wakes this lane.
    public var topic: WorkSignal.Topics {
        switch self {
        case .delta: WorkSignal.Topics(rawValue: 1 << 0)
        case .reindex: WorkSignal.Topics(rawValue: 1 << 1)
        case .history: WorkSignal.Topics(rawValue: 1 << 2)
        }
    }
}

extension WorkSignal.Topics {
    /// The topics of the lanes that run jobs of `kinds`.
    public static func jobs(_ kinds: some Sequence<JobKind>) -> WorkSignal.Topics {
        kinds.reduce(into: []) { $0.formUnion(WorkerLane(running: $1).topic) }
    }
}
