import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// `GET /v1/search?format=html` through `serve`'s router: the results as the placements' product grid.
@Suite("search results as HTML")
struct SearchResultsRouteTests {
    @Test func formatHtmlAnswersTheGridAndOtherFormatsAreNamed() async throws {
        try await ServeRouter.with { serve in
            try await serve.test(.router) { client in
                try await client.execute(uri: "/v1/search?q=lamp&format=html", method: .get) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok && response.headers[.contentType] == "text/html; charset=utf-8", "\(html)")
                    #expect(response.headers[.cacheControl] == "public, max-age=60")
                    #expect(html.hasPrefix(#"<div class="clerkbridge clerkbridge-search" data-clerkbridge-search-results="3">"#), "\(html)")
                    #expect(html.contains("3 results for “lamp”"))
                    #expect(html.components(separatedBy: #"<li class="clerkbridge-card"#).count == 4, "the sandbox's three lamps")
                }
                let json = try await client.execute(uri: "/v1/search?q=lamp&format=json", method: .get) { String(buffer: $0.body) }
                #expect(json.hasPrefix("{") && json.contains(#""total":3"#), "\(json)")
                for (query, named) in [("format=xml", "format must be one of json, html"), ("format=html&format=json", "format is given more than once")] {
                    try await client.execute(uri: "/v1/search?q=lamp&\(query)", method: .get) { response in
                        let body = String(buffer: response.body)
                        #expect(response.status == .badRequest && body.contains(named), "\(query): \(body)")
                    }
                }
            }
        }
    }
}
