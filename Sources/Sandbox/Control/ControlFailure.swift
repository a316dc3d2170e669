import Hummingbird
import JSONSupport

/// A control request the sandbox refuses: answered `{"error": {"code", "message", "field"}}` (`field` only when one
/// member of the request is at fault), with nothing changed.
struct ControlFailure: Error {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// A stable, machine-readable code, e.g. `unknown_product`.
    var code: String
    /// What was wrong, for a person.
    var message: String
    /// The request member at fault, e.g. `price` or `items[1].quantity`.
    var field: String?

    /// A member that is not the right type or value: 400 `invalid_field`.
    static func invalid(_ field: String, _ message: String) -> ControlFailure {
        ControlFailure(status: .badRequest, code: "invalid_field", message: "\(field) \(message)", field: field)
    }

    /// The error body.
    var response: Response {
        var writer = JSONWriter(capacity: 256)
        writer.openObject()
        writer.key("error")
        writer.openObject()
        writer.field("code", code)
        writer.field("message", message)
        if let field { writer.field("field", field) }
        writer.closeObject()
        writer.closeObject()
        return .json(status, writer.bytes)
    }
}
