/// Why one event of a batch was rejected; the other events of the batch are unaffected.
///
/// Messages name the field and never hold more than 64 characters of a sent value.
public struct EventRejection: Error, Sendable, Hashable {
    /// The event's position in the batch's `events` array, from 0.
    public var index: Int
    /// The event's `id` when it was a readable, valid id; nil otherwise.
    public var id: String?
    /// The stable code.
    public var code: EventRejectionCode
    /// A short human-readable explanation naming the field.
    public var message: String

    /// Creates a rejection.
    public init(index: Int, id: String?, code: EventRejectionCode, message: String) {
        self.index = index
        self.id = id
        self.code = code
        self.message = message
    }
}
