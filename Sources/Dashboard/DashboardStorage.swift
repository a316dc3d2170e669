import SyncStore

/// Everything of the sync store the dashboard reads and changes: its own queries (``DashboardStore``) and the
/// queue, dead letters, markers and inbox the rest of clerkbridge already uses.
public typealias DashboardStorage = DashboardStore & DeadLetterQueue & JobQueue & SyncMarkers & WebhookInbox
