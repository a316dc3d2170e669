import HTTPTypes
import Hummingbird
import HummingbirdCore

/// Puts the dashboard's protective headers on every `/admin` answer, refusals included: a Content-Security-Policy
/// allowing only its own script and stylesheet (no inline code), no framing, no referrer beyond the dashboard (a
/// `no-referrer` policy would make browsers send `Origin: null`, which the CSRF checks refuse), no sniffing, and no caching
/// unless the route chose a `Cache-Control` (the fingerprinted assets do).
struct AdminHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
