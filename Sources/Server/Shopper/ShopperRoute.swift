import Hummingbird

/// A route shoppers' pages call (recommendations, search, email blocks): it adds itself to the router.
public protocol ShopperRoute: Sendable {
    /// Adds the route's paths to `router`.
    func register(on router: Router<ServerRequestContext>)
}
