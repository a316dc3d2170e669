import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("URL building")
struct EndpointTests {
    let credentials = BigCommerceCredentials(storeHash: "abc123", accessToken: "tok-secret-1")

    @Test func v3ProductPage() {
        let endpoint = Endpoint(
            .v3, "catalog/products",
            query: [("sort", "id"), ("id:greater", "250"), ("limit", "250"), ("include", "images,custom_fields,channels")])
        #expect(
            endpoint.url(for: credentials)
                == "https://api.bigcommerce.com/stores/abc123/v3/catalog/products?sort=id&id:greater=250&limit=250&include=images,custom_fields,channels"
        )
    }

    @Test func v2AndTrailingSlashBase() {
        let local = BigCommerceCredentials(
            storeHash: "abc123", accessToken: "t", apiURL: URL(string: "http://127.0.0.1:8080/")!)
        #expect(Endpoint(.v2, "store").url(for: local) == "http://127.0.0.1:8080/stores/abc123/v2/store")
        #expect(Endpoint(.v2, "/currencies").url(for: local) == "http://127.0.0.1:8080/stores/abc123/v2/currencies")
    }

    @Test func queryValuesArePercentEncoded() {
        let endpoint = Endpoint(
            .v3, "catalog/products",
            query: [("date_modified:min", "2025-01-15T00:03:17+01:00"), ("keyword", "a&b=c d/é"), ("id:in", "1,2,3")])
        #expect(
            endpoint.queryString
                == "date_modified:min=2025-01-15T00:03:17%2B01:00&keyword=a%26b%3Dc%20d%2F%C3%A9&id:in=1,2,3")
    }

    @Test func storeHashIsAPathSegment() {
        let odd = BigCommerceCredentials(storeHash: "a/b", accessToken: "t")
        #expect(Endpoint(.v2, "store").url(for: odd) == "https://api.bigcommerce.com/stores/a%2Fb/v2/store")
    }

    @Test func descriptionForLogsHasNoHostOrToken() {
        let endpoint = Endpoint(.v3, "catalog/variants", query: [("product_id:in", "1,2")])
        #expect(endpoint.description == "GET /v3/catalog/variants?product_id:in=1,2")
        #expect(endpoint.route == "GET /v3/catalog/variants")
    }
}
