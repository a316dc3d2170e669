import Hummingbird

/// Answers a request that no route takes with contract.md's error body: 405 with `Allow` when routes answer its
/// path for other methods, else 404. Hummingbird's router answers both with an empty 404.
///
/// Added to the router after every route, so it wraps only the router's not-found answer.
struct RouteNotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each routed path and the methods answering it (`HEAD` wherever `GET`, as the router generates it).
    let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]

    /// Creates the middleware for the router's `routes`.
    init(routes: [Router<Context>.RouteDescription]) {
        var byPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            let methods: Set<HTTPRequest.Method> = route.method == .get ? [.get, .head] : [route.method]
            byPath[route.path.description, default: (route.path, [])].methods.formUnion(methods)
        }
        self.routes = Array(byPath.values)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let components = path.split(separator: "/")
            let allowed = routes.filter { Self.matches($0.path, components) }.reduce(into: Set()) { $0.formUnion($1.methods) }
            guard !allowed.isEmpty else {
                throw APIError(.notFound, code: "not_found", message: "no route answers \(request.method.rawValue) \(path)")
            }
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, code: "method_not_allowed", message: "\(path) answers \(allow), not \(request.method.rawValue)",
                headers: [.allow: allow])
        }
    }

    /// Whether `path` matches the request path's `components` as the router's trie matches them.
    static func matches(_ path: RouterPath, _ components: [Substring]) -> Bool {
        var rest = components[...]
        for element in path.components {
            if element == RouterPath.Element.recursiveWildcard { return true }
            guard let component = rest.popFirst(), element ~= component else { return false }
        }
        return rest.isEmpty
    }
}
