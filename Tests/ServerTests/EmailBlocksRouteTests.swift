import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// `GET /v1/email/blocks` through `serve`'s router: the `columns` of the HTML, refused outside 1–4 with its name,
/// and ignored by `format=json`.
@Suite("email blocks route")
struct EmailBlocksRouteTests {
    static func uri(_ query: String) -> String {
        "/v1/email/blocks?email=jo%40example.com&token=\(ServeRouter.emailToken)&\(query)"
    }

    /// How many products each table row of `html` that links any holds (the sandbox's lamps have no image, so only
    /// the rows of names do).
    static func rowSizes(_ html: String) -> [Int] {
        html.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</tr>")[0].components(separatedBy: "<td").dropFirst().filter { $0.contains("<a href=") }.count
        }.filter { $0 > 0 }
    }

    @Test func columnsShapeTheRowsAndAnythingOutside1To4IsA400NamingIt() async throws {
        try await ServeRouter.with { serve in
            try await serve.test(.router) { client in
                // The sandbox's three lamps, filled in from the best sellers.
                let two = try await client.execute(uri: Self.uri(""), method: .get) { String(buffer: $0.body) }
                #expect(Self.rowSizes(two) == [2, 1], "two a row by default: \(two)")
                let three = try await client.execute(uri: Self.uri("columns=3"), method: .get) { String(buffer: $0.body) }
                #expect(Self.rowSizes(three) == [3])
                let one = try await client.execute(uri: Self.uri("columns=1"), method: .get) { String(buffer: $0.body) }
                #expect(Self.rowSizes(one) == [1, 1, 1])

                for bad in ["0", "5", "two", "2.5", "-1"] {
                    try await client.execute(uri: Self.uri("columns=\(bad)"), method: .get) { response in
                        let body = String(buffer: response.body)
                        #expect(response.status == .badRequest, "\(bad)")
                        #expect(body.contains(#""code":"invalid_parameter""#) && body.contains("columns must be an integer from 1 to 4"), "\(bad): \(body)")
                    }
                }

                let json = try await client.execute(uri: Self.uri("format=json"), method: .get) { String(buffer: $0.body) }
                let withColumns = try await client.execute(uri: Self.uri("format=json&columns=4"), method: .get) { String(buffer: $0.body) }
                #expect(json == withColumns && json.hasPrefix("{"), "format=json does not change: \(json)")
            }
        }
    }
}
