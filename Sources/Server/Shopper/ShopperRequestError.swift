/// A shopper route's refusal: the HTTP status and contract.md's error code and message.
struct ShopperRequestError: Error {
    var status: Int
    var code: String
    var message: String

    /// 400 for a parameter with a bad value, naming it.
    static func invalid(_ message: String) -> ShopperRequestError {
        ShopperRequestError(status: 400, code: "invalid_parameter", message: message)
    }

    /// 400 for a parameter that is required and absent.
    static func missing(_ name: String) -> ShopperRequestError {
        ShopperRequestError(status: 400, code: "missing_parameter", message: "\(name) is required")
    }

    /// 503 while the storefronts are not known yet.
    static let notReady = ShopperRequestError(
        status: 503, code: "unavailable", message: "the storefronts are not known yet; retry later")
}
