import Foundation
import Hummingbird

/// How `serve` writes JSON answers: keys sorted and slashes unescaped, so an answer's bytes depend only on its
/// value, as `Content-Type: application/json`.
public struct ServerJSONEncoder: ResponseEncoder, Sendable {
    /// Creates the encoder.
    public init() {}

    /// `value` as a 200 JSON answer.
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
