import Hummingbird

extension HTTPFields {
    /// Sets the header `name` (case-insensitive; must be a valid header name) to `value`.
    mutating func set(_ name: String, _ value: String) {
        self[.init(name)!] = value
    }

    /// The value of header `name`, if present.
    func value(_ name: String) -> String? {
        self[.init(name)!]
    }
}

extension Response {
    /// A JSON response with `bytes` as its body.
    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A response with a plain body of the given content type.
    static func text(_ status: HTTPResponse.Status, _ text: String, contentType: String = "text/html") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// An error meaning "the connection was dropped on purpose"; no response is written.
struct ConnectionDropped: Error {}
