import Foundation

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
    /// Returns the answer's status members on success; throws a `ClerkError` carrying the redacted request and the
    /// response otherwise.
    @discardableResult
    func validate(for request: ClerkRequest) throws(ClerkError) -> ClerkStatus {
        func failure(_ kind: ClerkError.Kind, _ message: String, envelope: ClerkStatus? = nil) -> ClerkError {
            ClerkError(
                kind: kind, message: request.redacting(message), type: envelope?.type, httpStatus: status,
                moreInfo: envelope?.moreInfo, errorID: envelope?.errorID, endpoint: request.endpoint,
                retryAfter: retryAfter, requestPayload: request.redactedPayload,
                responseBody: request.redacting(body))
        }
        let isSuccessStatus = (200...299).contains(status)
        let envelope = try? JSONDecoder().decode(ClerkStatus.self, from: Data(body))

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

    /// What `read` takes from the answer decoded as `Answer`; a shape either rejects is `.http` with the response
    /// attached.
    func decode<Answer: Decodable, Value>(
        _ type: Answer.Type, for request: ClerkRequest, _ read: (Answer) throws -> Value
    ) throws(ClerkError) -> Value {
        do {
            return try read(JSONDecoder().decode(Answer.self, from: Data(body)))
        } catch {
            throw ClerkError(
                kind: .http, message: request.redacting("unexpected response shape: \(error)"), httpStatus: status,
                endpoint: request.endpoint, requestPayload: request.redactedPayload,
                responseBody: request.redacting(body))
        }
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
