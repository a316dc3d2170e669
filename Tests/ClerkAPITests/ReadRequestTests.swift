import Foundation
import Testing

@testable import ClerkAPI

/// The exact requests the recommendations and search builders produce: path, method, body bytes, and never the
/// private key.
@Suite("recommendation and search requests")
struct ReadRequestTests {
    let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "s3cret-priv")

    func body(_ request: ClerkRequest) throws -> String {
        String(decoding: try #require(request.body).bytes, as: UTF8.self)
    }

    static let endpoints: [(ClerkRecommendation, String, String)] = [
        (.popular, "recommendations/popular", ""),
        (.trending, "recommendations/trending", ""),
        (.new, "recommendations/new", ""),
        (.complementary(products: [1, 2]), "recommendations/complementary", #","products":[1,2]"#),
        (.substituting(products: [3]), "recommendations/substituting", #","products":[3]"#),
        (.mostSoldWith(products: [4]), "recommendations/most_sold_with", #","products":[4]"#),
        (.categoryPopular(category: 23), "recommendations/category/popular", #"category":23,"#),
        (.categoryTrending(category: 23), "recommendations/category/trending", #"category":23,"#),
        (.categoryNew(category: 23), "recommendations/category/new", #"category":23,"#),
        (.visitorHistory, "recommendations/visitor/history", ""),
        (.visitorComplementary, "recommendations/visitor/complementary", ""),
        (.visitorSubstituting, "recommendations/visitor/substituting", ""),
        (.customerHistory(email: "ann@example.com"), "recommendations/customer/history", #"email":"ann@example.com","#),
        (.customerComplementary(email: "a@b.c"), "recommendations/customer/complementary", #"email":"a@b.c","#),
        (.customerSubstituting(email: "a@b.c"), "recommendations/customer/substituting", #"email":"a@b.c","#),
        (.keywords("red \"shoes\""), "recommendations/keywords", #"keywords":"red \"shoes\"","#),
    ]

    @Test func everyEndpointHasItsPathAndContext() throws {
        #expect(Self.endpoints.count == 16)
        for (recommendation, path, context) in Self.endpoints {
            let request = ClerkRequest.recommendations(
                recommendation, limit: 4, visitor: nil, labels: ["Home"], filter: nil, exclude: [], keys: keys)
            #expect(request.endpoint == "POST /\(path)")
            #expect(request.query.isEmpty)
            let text = try body(request)
            #expect(!text.contains("s3cret-priv") && !text.contains("private_key"))
            switch context {
            case "": #expect(text == #"{"key":"pub-1","labels":["Home"],"limit":4}"#)
            case let tail where tail.hasPrefix(","):
                #expect(text == #"{"key":"pub-1","labels":["Home"],"limit":4"# + tail + "}")
            default: #expect(text == #"{"key":"pub-1",""# + context + #""labels":["Home"],"limit":4}"#)
            }
        }
    }

    @Test func recommendationsWithEveryOptionalMember() throws {
        let request = ClerkRequest.recommendations(
            .complementary(products: [112]), limit: 6, visitor: "aR9Km32l", labels: ["Product page - Alternatives"],
            filter: #"brand = 'Acme' and price > 100"#, exclude: [7, 8], keys: keys)
        #expect(
            try body(request)
                == #"{"key":"pub-1","exclude":[7,8],"filter":"brand = 'Acme' and price > 100","labels":["Product page - Alternatives"],"limit":6,"products":[112],"visitor":"aR9Km32l"}"#
        )
        let category = ClerkRequest.recommendations(
            .categoryNew(category: 5), limit: 1, visitor: "v1", labels: [], filter: nil, exclude: [9], keys: keys)
        #expect(
            try body(category) == #"{"key":"pub-1","category":5,"exclude":[9],"labels":[],"limit":1,"visitor":"v1"}"#)
    }

    @Test func searchBodies() throws {
        let full = ClerkRequest.search(
            query: "red shoe", limit: 24, offset: 48, visitor: "v1", labels: ["Search page"],
            filter: "on_sale = true", facets: ["brand", "price"], orderBy: "price", order: .descending, keys: keys)
        #expect(full.endpoint == "POST /search/search")
        #expect(
            try body(full)
                == #"{"key":"pub-1","facets":["brand","price"],"filter":"on_sale = true","labels":["Search page"],"limit":24,"offset":48,"order":"desc","orderby":"price","query":"red shoe","visitor":"v1"}"#
        )
        let bare = ClerkRequest.search(
            query: "", limit: 10, offset: 0, visitor: nil, labels: ["S"], filter: nil, facets: [], orderBy: nil,
            order: .ascending, keys: keys)
        #expect(try body(bare) == #"{"key":"pub-1","labels":["S"],"limit":10,"query":""}"#)

        let predictive = ClerkRequest.predictive(
            query: "sh", limit: 5, visitor: "v1", labels: ["Instant"], filter: "stock > 0", keys: keys)
        #expect(predictive.endpoint == "POST /search/predictive")
        #expect(
            try body(predictive)
                == #"{"key":"pub-1","filter":"stock > 0","labels":["Instant"],"limit":5,"query":"sh","visitor":"v1"}"#)

        let categories = ClerkRequest.searchList("search/categories", query: "sh", limit: 3, visitor: nil, keys: keys)
        #expect(categories.endpoint == "POST /search/categories")
        #expect(try body(categories) == #"{"key":"pub-1","limit":3,"query":"sh"}"#)
        let suggestions = ClerkRequest.searchList(
            "search/suggestions", query: "sh", limit: 3, visitor: "v2", keys: keys)
        #expect(try body(suggestions) == #"{"key":"pub-1","limit":3,"query":"sh","visitor":"v2"}"#)
    }
}
