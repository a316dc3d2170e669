import Hummingbird

/// CORS for the `/v1` routes, for the origins a ``CORSPolicy`` allows: Hummingbird's `CORSMiddleware` takes a
/// fixed list, while the storefronts' origins are learnt from BigCommerce while serving.
///
/// A request without `Origin` (a server's) passes untouched. From an allowed origin a preflight (`OPTIONS`) is
/// answered here with 204, and every other answer, errors included, carries `Access-Control-Allow-Origin` (the
/// origin as sent), `Access-Control-Allow-Credentials` and `Vary: Origin`. From another origin `GET` and `HEAD`
/// are answered without CORS headers (the browser keeps the answer from the page); anything else is refused,
/// since a browser sends a `text/plain` `POST` without asking first: 403 `origin_not_allowed`, or 503 with
/// `Retry-After` while the storefronts' URLs are still being learnt (the script keeps its events and retries).
public struct StorefrontCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Only `POST /v1/events` is ever preflighted (a JSON `Content-Type`); the `GET` routes are simple requests.
    static var preflightHeaders: HTTPFields {
        [.accessControlAllowMethods: "POST, OPTIONS", .accessControlAllowHeaders: "Content-Type", .accessControlMaxAge: "86400"]
    }

    let policy: CORSPolicy

    /// Creates the middleware answering by `policy`.
    public init(policy: CORSPolicy) {
        self.policy = policy
    }

    /// Answers a preflight, refuses another origin's unsafe request, or adds the CORS headers to the answer.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        guard policy.allows(origin) else {
            guard request.method == .get || request.method == .head else { throw refusal }
            return try await next(request, context)
        }
        if request.method == .options {
            var response = Response(status: .noContent, headers: Self.preflightHeaders)
            allow(origin, in: &response.headers)
            return response
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        allow(origin, in: &response.headers)
        return response
    }

    private func allow(_ origin: String, in headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = origin
        headers[.accessControlAllowCredentials] = "true"
        headers[values: .vary].append("Origin")
    }

    private var refusal: APIError {
        guard policy.isSettled else {
            return APIError(
                .serviceUnavailable, code: "unavailable", message: "the storefronts' URLs are not known yet; retry later",
                headers: [.retryAfter: "30"])
        }
        return APIError(
            .forbidden, code: "origin_not_allowed",
            message: "this origin is not one of the storefronts' base URLs (declare it as the storefront's base_url)")
    }
}
