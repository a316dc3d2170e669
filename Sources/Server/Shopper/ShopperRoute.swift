import Hummingbird

/// A route under `/v1` that storefront pages and shoppers' tools call (events, recommendations, search, email
/// blocks): it adds its paths to the `/v1` group, whose middleware answers CORS for all of them.
public protocol ShopperRoute: Sendable {
    /// Adds the route's paths (relative to `/v1`) to `group`.
    func addRoutes(to group: RouterGroup<ServerRequestContext>)
}
