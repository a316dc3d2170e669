/// Why a request body is not a BigCommerce webhook delivery. Descriptions name the problem, never a secret
/// and never the body itself.
public enum WebhookPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is empty or only white space.
    case emptyBody
    /// The body is not JSON.
    case notJSON
    /// The body is JSON but not an object.
    case notAnObject
    /// The object has no `scope` member.
    case missingScope
    /// `scope` is not a non-empty string.
    case invalidScope
    /// A member has a shape no webhook uses (e.g. `data` holding a number), with the decoding path.
    case invalidField(String)

    /// A message for the 400 response and the log.
    public var description: String {
        switch self {
        case .emptyBody: "webhook body is empty"
        case .notJSON: "webhook body is not valid JSON"
        case .notAnObject: "webhook body is JSON but not an object"
        case .missingScope: "webhook body has no \"scope\" member"
        case .invalidScope: "webhook \"scope\" is not a non-empty string"
        case .invalidField(let context): "webhook body has an unexpected shape: \(context)"
        }
    }
}
