/// The two REST API generations, which differ in envelope and error shape.
enum APIVersion: String, Sendable {
    case v2
    case v3
}
