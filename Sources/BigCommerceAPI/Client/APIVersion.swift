/// The API generations a request can go to, which differ in path, envelope and error shape.
enum APIVersion: String, Sendable {
    case v2
    case v3
    /// The GraphQL Admin API: `POST /stores/{hash}/graphql`, no version segment.
    case graphQLAdmin = "graphql"
}
