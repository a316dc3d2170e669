import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// The parameters of a dashboard request: the query string, and for a `POST` its body's fields as an HTML form
/// (`application/x-www-form-urlencoded`) or a JSON object of strings, numbers and booleans sends them; a body field
/// wins over the query's. Every failure names the parameter. Empty values count as absent.
struct AdminParameters: Sendable {
    /// The largest body read.
    static let maxBodyBytes = 64 * 1024

    private var values: [String: String]

    /// The query's parameters.
    init(query request: Request) {
        values = [:]
        for (name, value) in request.uri.formQueryParameters where values[String(name)] == nil {
            values[String(name)] = String(value)
        }
    }

    /// The query's parameters, then the body's fields.
    static func read(_ request: Request) async throws -> AdminParameters {
        var parameters = AdminParameters(query: request)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "dashboard requests are limited to \(maxBodyBytes) bytes")
        }
        let bytes = Array(body.readableBytesView)
        guard !bytes.isEmpty else { return parameters }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            guard let object = try? JSONDecoder().decode([String: Scalar].self, from: Data(bytes)) else {
                throw APIError(
                    .badRequest, code: "invalid_body", message: "the body must be a JSON object of strings, numbers and booleans")
            }
            for (name, value) in object { parameters.values[name] = value.text }
        } else {
            let form = URI("/?" + String(decoding: bytes, as: UTF8.self)).formQueryParameters
            for (name, value) in form { parameters.values[String(name)] = String(value) }
        }
        return parameters
    }

    /// A JSON member's value as text.
    private struct Scalar: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                text = flag ? "true" : "false"
            } else if let number = try? container.decode(Int.self) {
                text = String(number)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    /// The value of `name`, or nil when absent or empty.
    func text(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An integer within `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = text(name) else { return nil }
        guard value.allSatisfy(\.isASCII), let number = Int(value), range.contains(number) else {
            throw .invalidParameter("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// `true` or `false`, or `fallback` when absent.
    func flag(_ name: String, default fallback: Bool) throws(APIError) -> Bool {
        switch text(name)?.lowercased() {
        case nil: return fallback
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalidParameter("\(name) must be true or false")
        }
    }

    /// One of `allowed`'s values, or nil when absent.
    func choice<Value: RawRepresentable<String> & CaseIterable>(_ name: String, of type: Value.Type) throws(APIError) -> Value? {
        guard let value = text(name) else { return nil }
        guard let chosen = Value(rawValue: value) else {
            throw .invalidParameter("\(name) must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return chosen
    }

    /// Refuses a parameter that is not one of `known` (a misspelt filter must not be ignored).
    func refuseUnknown(_ known: Set<String>) throws(APIError) {
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidParameter("\(unknown) is not a parameter of this route (known: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
