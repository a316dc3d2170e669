/// The GraphQL answer shape: `{"data": …|null, "errors": [{"message", …}]}`.
struct GraphQLResponse<Payload: Decodable>: Decodable {
    var data: Payload?
    var errors: [Message]?

    /// One entry of `errors`; only its message is kept (`path` and `extensions` vary and are not needed).
    struct Message: Decodable {
        var message: String?
    }
}
