import Hummingbird

/// `GET /storefront.css`: the default look of placements and search results (`Resources/storefront.css`, compiled
/// into the binary), which `storefront.js` loads beside the first placement it fills unless the page opts out.
/// Cacheable for five minutes like the script, with an `ETag` answered by 304 on `If-None-Match`.
///
/// Everything in it is scoped under `clerkbridge-*` classes and reads `--clerkbridge-*` custom properties (README,
/// "The default look"), so a theme restyles it by setting properties, not by overriding rules.
public struct StorefrontStylesheetRoute: Sendable {
    /// The route's path.
    public static let path = "/storefront.css"

    /// The stylesheet.
    public static let source = String(decoding: PackageResources.storefront_css, as: UTF8.self)

    private static let body = Array(PackageResources.storefront_css)
    private static let etag = EntityTag.of(body)

    /// Creates the route.
    public init() {}

    /// Adds `GET /storefront.css` to `router`.
    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get(RouterPath(stringLiteral: Self.path)) { request, _ -> Response in
            respond(ifNoneMatch: request.headers[.ifNoneMatch])
        }
    }

    /// The answer for an `If-None-Match` header (nil: absent).
    func respond(ifNoneMatch: String?) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/css; charset=utf-8", .cacheControl: StorefrontScriptRoute.cacheControl, .eTag: Self.etag,
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if let ifNoneMatch, EntityTag.matches(ifNoneMatch, etag: Self.etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.body)))
    }
}
