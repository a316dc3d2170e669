/// What came back from Clerk: the HTTP status, the `Retry-After` hint and the whole body.
struct ClerkResponse: Sendable {
    /// The HTTP status code.
    var status: Int
    /// The `Retry-After` header, parsed.
    var retryAfter: Duration?
    /// The response body.
    var body: [UInt8]

    /// Decides whether the call succeeded. The body's `status` wins over the HTTP code: an error envelope under
    /// HTTP 200 is an error, and its `type` chooses the kind. HTTP 413 is always `payloadTooLarge`.
    ///
    /// Returns the parsed envelope on success; throws a `ClerkError` carrying the redacted request and the
    /// response otherwise.
    func validate(for request: ClerkRequest) throws(ClerkError) -> ResponseEnvelope {
        func failure(
            _ kind: ClerkError.Kind, _ message: String, envelope: ResponseEnvelope? = nil
        ) -> ClerkError {
            ClerkError(
                kind: kind, message: request.redacting(message), type: envelope?.type, httpStatus: status,
                moreInfo: envelope?.moreInfo, errorID: envelope?.errorID, endpoint: request.endpoint,
                retryAfter: retryAfter, requestPayload: request.redactedPayload,
                responseBody: request.redacting(body))
        }
        let isSuccessStatus = (200...299).contains(status)
        let envelope = try? ResponseEnvelope(body: body)

        if status == 413 {
            throw failure(.payloadTooLarge, envelope?.message ?? "request body too large", envelope: envelope)
        }
        guard let envelope else {
            if status == 401 || status == 403 { throw failure(.authentication, "HTTP \(status) without a JSON body") }
            throw failure(.http, isSuccessStatus ? "response body is not a JSON object" : "HTTP \(status) without a JSON body")
        }
        if envelope.isError {
            let message = envelope.message ?? "status \(envelope.status ?? "error") without a message"
            throw failure(Self.kind(type: envelope.type, status: status), message, envelope: envelope)
        }
        guard isSuccessStatus else {
            let kind: ClerkError.Kind = status == 401 || status == 403 ? .authentication : .http
            throw failure(kind, envelope.message ?? "HTTP \(status)", envelope: envelope)
        }
        return envelope
    }

    /// The kind for an error envelope's `type`; unknown types fall back to the HTTP status.
    static func kind(type: String?, status: Int) -> ClerkError.Kind {
        switch type {
        case "AuthenticationError": return .authentication
        case "ParsingError": return .parsing
        case "LogicalError": return .logical
        case "InternalError": return .internalError
        default: return status == 401 || status == 403 ? .authentication : .http
        }
    }
}
