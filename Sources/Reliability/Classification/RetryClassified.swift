/// An error that says whether the work that failed may be tried again, and whose failure it is.
///
/// Every error type of the API clients, the writers and the stores conforms, so retry decisions are made by
/// reading ``retryability`` in one place instead of by switching over other modules' error types.
public protocol RetryClassified: Error {
    /// Whether and how the failed work may be tried again.
    var retryability: Retryability { get }
    /// The service that failed, or nil when the failure is clerkbridge's own (a mapping or a bad job).
    var dependency: Dependency? { get }
}

extension Dependency {
    /// The dependency `error` reports as failing, if it names one.
    public static func of(_ error: any Error) -> Dependency? {
        (error as? any RetryClassified)?.dependency
    }
}
