/// A service clerkbridge depends on, as operators know it: the one whose outage a failure reports.
public enum Dependency: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The BigCommerce REST API (`BIGCOMMERCE_API_URL`).
    case bigCommerce = "bigcommerce"
    /// The Clerk.io API (`CLERK_API_URL`).
    case clerk
    /// clerkbridge's own database (`CLERKBRIDGE_DATABASE_URL`).
    case database

    /// The name operators see in logs, `/readyz` and `status`.
    public var description: String {
        switch self {
        case .bigCommerce: "BigCommerce"
        case .clerk: "Clerk"
        case .database: "the database"
        }
    }
}
