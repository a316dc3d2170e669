import Foundation
import Sandbox
import Testing

/// The BigCommerce simulator's GraphQL Admin API: the documented locales and translations queries, answered with
/// the selected fields only, 50 at most a request, cursors, a complexity header, and errors in a 200.
@Suite("sandbox GraphQL Admin")
struct GraphQLAdminTests {
    static func ask(_ sandbox: SandboxServer, _ query: String) async throws -> Fetched {
        let body = try JSONSerialization.data(withJSONObject: ["query": query])
        return try await Sandboxes.fetch(
            "\(sandbox.bigCommerceURL.absoluteString)/stores/\(sandbox.storeHash)/graphql", method: "POST", body: [UInt8](body))
    }

    static func translations(_ extra: String, locale: String = "de", channel: Int = 2) -> String {
        """
        query { store { translations(filters: { resourceType: PRODUCTS, channelId: "bc/store/channel/\(channel)", \
        localeId: "bc/store/locale/\(locale)" } \(extra)) { edges { node { resourceId fields { fieldName original translation } } \
        cursor } pageInfo { hasNextPage endCursor } } } }
        """
    }

    @Test func theDocumentedLocalesQueryAnswersTheDocumentedShape() async throws {
        try await Sandboxes.with { sandbox in
            let fetched = try await Self.ask(sandbox, """
                query {
                  store {
                    locales(input: { channelId: "bc/store/channel/2"}) {
                      edges {
                        node {
                          code
                          status
                          isDefault
                        }
                      }
                    }
                  }
                }
                """)
            #expect(fetched.status == 200)
            #expect(String(decoding: fetched.body, as: UTF8.self) == #"{"data":{"store":{"locales":{"edges":[{"node":{"code":"en","status":"ACTIVE","isDefault":true}},{"node":{"code":"de","status":"ACTIVE","isDefault":false}},{"node":{"code":"fr","status":"ACTIVE","isDefault":false}}]}}}}"#)
            #expect(fetched.header("x-bc-graphql-complexity").flatMap(Int.init) != nil)
            let stencil = try await Self.ask(sandbox, #"query { store { locales(input: {channelId: "bc/store/channel/1"}) { edges { node { code } } } } }"#)
            #expect(String(decoding: stencil.body, as: UTF8.self) == #"{"data":{"store":{"locales":{"edges":[]}}}}"#)
        }
    }

    @Test func aListIsPagedByOpaqueCursorsToItsEnd() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 120)) { sandbox in
            var after: String?
            var ids: [String] = []
            var pages = 0
            while true {
                let fetched = try await Self.ask(sandbox, Self.translations("first: 30" + (after.map { #", after: "\#($0)""# } ?? "")))
                let connection = ((fetched.object["data"] as? [String: Any])?["store"] as? [String: Any])?["translations"] as? [String: Any]
                let edges = try #require(connection?["edges"] as? [[String: Any]])
                pages += 1
                #expect(edges.count <= 30)
                ids += edges.compactMap { ($0["node"] as? [String: Any])?["resourceId"] as? String }
                let info = try #require(connection?["pageInfo"] as? [String: Any])
                guard info["hasNextPage"] as? Bool == true else { break }
                after = try #require(info["endCursor"] as? String)
            }
            let translations = sandbox.store.translations
            let expected = sandbox.store.allProducts().filter {
                translations.translation(channelID: 2, locale: "de", productID: $0.id, field: .name) != nil
                    || translations.translation(channelID: 2, locale: "de", productID: $0.id, field: .description) != nil
            }.map { "bc/store/product/\($0.id)" }
            #expect(ids == expected)
            #expect(pages == (expected.count + 29) / 30)
        }
    }

    @Test func untranslatedFieldsAnswerTheOriginalWhenAskedById() async throws {
        try await Sandboxes.with { sandbox in
            let product = try #require(sandbox.store.allProducts().first {
                sandbox.store.translations.translation(channelID: 2, locale: "fr", productID: $0.id, field: .name) == nil
            })
            let fetched = try await Self.ask(sandbox, """
                query { store { translations(filters: { resourceType: PRODUCTS, channelId: "bc/store/channel/2", \
                localeId: "bc/store/locale/fr", resourceIds: ["bc/store/product/\(product.id)"] }) \
                { edges { node { resourceId fields { fieldName original translation } } cursor } } } }
                """)
            let text = String(decoding: fetched.body, as: UTF8.self)
            #expect(text.contains(#"{"fieldName":"name","original":\#(try Self.quoted(product.name)),"translation":\#(try Self.quoted(product.name))}"#), "\(text)")
        }
    }

    @Test func errorsComeInA200() async throws {
        try await Sandboxes.with { sandbox in
            for (query, message) in [
                (Self.translations("first: 51"), "first must be between 1 and 50"),
                (Self.translations("", locale: "it"), "Locale it is not available on channel bc/store/channel/2."),
                (Self.translations("", channel: 1), "Translations are available for Catalyst channels only."),
                ("query { store { nope } }", "Field 'nope' doesn't exist on type 'Store'"),
                ("query { store { locales(input: {channelId: $id}) { edges { node { code } } } } }", "the sandbox does not answer queries with variables"),
            ] {
                let fetched = try await Self.ask(sandbox, query)
                #expect(fetched.status == 200)
                let errors = try #require(fetched.object["errors"] as? [[String: Any]], "\(query)")
                #expect(errors.first?["message"] as? String == message)
            }
        }
    }

    static func quoted(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]), as: UTF8.self)
            .dropFirst().dropLast().description
    }
}
