import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sandbox
import Server
import Testing

/// Query strings reach every route decoded as browsers and HTML forms send them: `+` is a space, and names and
/// values are percent-decoded.
@Suite("query strings as browsers send them")
struct FormQueryParametersTests {
    /// `GET /v1/query`: the query's parameters as the routes read them, as `[[name, value]]` in order.
    struct Echo: ShopperRoute {
        func addRoutes(to group: RouterGroup<ServerRequestContext>) {
            group.get("query") { request, _ in
                request.uri.formQueryParameters.map { [String($0.key), String($0.value)] }
            }
        }
    }

    static func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))) as? [String: Any] ?? [:]
    }

    @Test func plusIsASpaceAndNamesAndValuesArePercentDecoded() async throws {
        try await ServeRouter.with(extraRoutes: [Echo()]) { serve in
            let query = "q=red+shoes&option_Size%20(EU)=4%2B&brand=Acme+%26+Co&brand=Zed&flag&bad=%zz+x&e=%F0%9F%98%80&&x="
            let pairs = try await serve.test { client in
                try await client.execute(uri: "/v1/query?\(query)", method: .get) { response in
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String]]
                }
            }
            #expect(pairs == [
                ["q", "red shoes"], ["option_Size (EU)", "4+"], ["brand", "Acme & Co"], ["brand", "Zed"], ["flag", ""],
                ["bad", "%zz x"], ["e", "😀"], ["x", ""],
            ])
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func searchReadsWordsJoinedByPlusAsSpacesAndDecodedFilterNames(setup: TestingSetup) async throws {
        try await ServeRouter.with { serve in
            let (clerk, key) = (serve.sandbox.clerkStorage, serve.sandbox.clerkStores[0].publicKey)
            @Sendable func lastSearch() -> ClerkLogCall? {
                clerk.logCalls(publicKey: key).last { $0.endpoint == "search/search" }
            }
            try await serve.test(setup) { client in
                let plus = try await client.execute(uri: "/v1/search?q=lamp+2", method: .get) { $0 }
                let encoded = try await client.execute(uri: "/v1/search?q=lamp%202", method: .get) { $0 }
                #expect(plus.status == .ok && String(buffer: plus.body) == String(buffer: encoded.body))
                #expect(Self.json(plus)["query"] as? String == "lamp 2")
                #expect((Self.json(plus)["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Lamp 2"])
                #expect(lastSearch()?["query"]?.stringValue == "lamp 2")

                for name in ["option_Size%20(EU)", "option_Size+(EU)", "option%5FSize%20%28EU%29"] {
                    let answer = try await client.execute(uri: "/v1/search?\(name)=4%2B&q=lamp", method: .get) { $0 }
                    #expect(answer.status == .ok, "\(name): \(String(buffer: answer.body))")
                    #expect(lastSearch()?["filter"]?.stringValue == #"option_size_eu contains "4+""#, "\(name)")
                }

                let predictive = try await client.execute(uri: "/v1/search/predictive?q=lamp+3", method: .get) { $0 }
                #expect(Self.json(predictive)["query"] as? String == "lamp 3")
                // A parameter name arrives decoded, so the refusal names it as the caller wrote it.
                let misspelt = try await client.execute(uri: "/v1/search?col%6Fur=red", method: .get) { $0 }
                #expect(misspelt.status == .badRequest && String(buffer: misspelt.body).contains("colour"))
            }
        }
    }

    @Test func everyRouteReadsItsQueryDecoded() async throws {
        try await ServeRouter.with { serve in
            try await serve.test { client in
                // The name decoded is `channel_id`: channel 2 is asked for, and no storefront sells on it.
                try await client.execute(uri: "/storefront.js?channel%5Fid=2", method: .get) { response in
                    #expect(response.status == .notFound && String(buffer: response.body).contains("unknown_channel"))
                }
                try await client.execute(uri: "/v1/recommendations?placem%65nt=home&limit=2", method: .get) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                }
                try await client.execute(
                    uri: "/v1/email/blocks?email=jo%40example.com&format=json&tok%65n=\(ServeRouter.emailToken)", method: .get
                ) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                }
            }
        }
    }
}
