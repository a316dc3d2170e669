/// Why a whole `POST /v1/events` body was refused (no event of it is kept).
///
/// Messages describe the body's shape only; they never quote it.
public enum EventBatchError: Error, Sendable, Hashable {
    /// The body is not a JSON object with an `events` array (HTTP 400, code `invalid_batch`).
    case invalidBatch(String)
    /// The body is over the byte limit or holds too many events (HTTP 413, code `batch_too_large`).
    case tooLarge(String)

    /// The HTTP status to answer with.
    public var httpStatus: Int {
        switch self {
        case .invalidBatch: 400
        case .tooLarge: 413
        }
    }

    /// The `error.code` of the answer.
    public var code: String {
        switch self {
        case .invalidBatch: "invalid_batch"
        case .tooLarge: "batch_too_large"
        }
    }

    /// The `error.message` of the answer.
    public var message: String {
        switch self {
        case .invalidBatch(let message), .tooLarge(let message): message
        }
    }
}
