import Hummingbird

extension APIError {
    /// 400 for a parameter with a bad value; `message` names it.
    static func invalidParameter(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message: message)
    }

    /// 400 for a parameter that is required and absent.
    static func missingParameter(_ name: String) -> APIError {
        APIError(.badRequest, code: "missing_parameter", message: "\(name) is required")
    }

    /// 503 while the storefronts are not known yet.
    static let storefrontsNotKnown = APIError(
        .serviceUnavailable, code: "unavailable", message: "the storefronts are not known yet; retry later")

    /// `body`'s answer. A failure that is not already an answer is ours: 503 saying `what` cannot be served, so the
    /// page retries or shows nothing.
    static func unavailableOnFailure<Answer>(_ what: String, _ body: () async throws -> Answer) async throws -> Answer {
        do {
            return try await body()
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            throw APIError(.serviceUnavailable, code: "unavailable", message: "\(what) cannot be served right now; retry later")
        }
    }
}
