/// What the client should do with a response after the governor has seen it.
public enum RateVerdict: Sendable, Equatable {
    /// Use the response.
    case proceed
    /// Throttled: call `acquire()` again (it waits as needed) and resend the same request. Not a failure.
    case retry
    /// Throttled by platform load too many times in a row: give up with a transient error.
    case giveUp
}
