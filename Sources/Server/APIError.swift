import Hummingbird

/// A refusal or a failure as contract.md answers it: `{"error": {"code": "...", "message": "..."}}` with its HTTP
/// status (4xx the caller's mistake, 5xx ours) and the headers it needs, such as `Retry-After`.
///
/// Routes throw it; Hummingbird's router turns it into the answer.
public struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `unauthenticated`.
    public var code: String
    /// What was wrong, for a person; never contains a secret.
    public var message: String
    /// Headers the answer carries besides the body's.
    public var headers: HTTPFields

    /// Creates an error answer.
    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The answer: the body through the request context's encoder, with ``status`` and ``headers``.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(
            Body(error: Body.Detail(code: code, message: message)), from: request, context: context)
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }

        var error: Detail
    }
}
