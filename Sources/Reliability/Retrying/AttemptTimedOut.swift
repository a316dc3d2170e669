/// A try abandoned because it took longer than its policy allows (``RetryPolicy/run(classify:attemptTimeout:onRetry:_:)``).
public struct AttemptTimedOut: RetryClassified, Sendable, Hashable, CustomStringConvertible {
    /// How long the try was given.
    public var after: Duration

    /// Another try may be faster.
    public var retryability: Retryability { .transient }

    /// Unknown: whoever did not answer.
    public var dependency: Dependency? { nil }

    public var description: String {
        "no answer within \(Int(after.timeInterval.rounded())) s"
    }
}
