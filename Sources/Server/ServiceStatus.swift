import Hummingbird

/// The answer of `GET /healthz` and of a ready `GET /readyz`: `{"status": "ok"}`, `{"status": "ready"}`.
struct ServiceStatus: ResponseEncodable {
    /// `ok` or `ready`.
    var status: String
}
