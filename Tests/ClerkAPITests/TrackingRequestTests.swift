import Foundation
import Testing

@testable import ClerkAPI

/// The exact requests the tracking builders produce: path, method, body bytes and redaction.
@Suite("tracking requests")
struct TrackingRequestTests {
    let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "s3cret-priv")

    func body(_ request: ClerkRequest) throws -> String {
        String(decoding: try #require(request.body).bytes, as: UTF8.self)
    }

    @Test func productAndCategoryViews() throws {
        let product = ClerkRequest.logProductView(productID: 112, visitor: "aR9Km32l", keys: keys)
        #expect(product.endpoint == "POST /log/product")
        #expect(product.query.isEmpty)
        #expect(try body(product) == #"{"key":"pub-1","product":112,"visitor":"aR9Km32l"}"#)

        let category = ClerkRequest.logCategoryView(categoryID: 23, visitor: "v1", keys: keys)
        #expect(category.endpoint == "POST /log/category")
        #expect(try body(category) == #"{"key":"pub-1","category":23,"visitor":"v1"}"#)
    }

    @Test func clickWithAndWithoutOptionalParameters() throws {
        let full = ClerkRequest.logClick(
            productID: 7, visitor: "v1", api: "recommendations/popular", position: 0,
            labels: ["Home - Popular", "a\"b"], external: true, keys: keys)
        #expect(full.endpoint == "POST /log/click")
        #expect(
            try body(full)
                == #"{"key":"pub-1","api":"recommendations/popular","external":true,"labels":["Home - Popular","a\"b"],"n":0,"product":7,"visitor":"v1"}"#
        )
        let bare = ClerkRequest.logClick(
            productID: 7, visitor: "v1", api: nil, position: nil, labels: [], external: false, keys: keys)
        #expect(try body(bare) == #"{"key":"pub-1","product":7,"visitor":"v1"}"#)
    }

    @Test(arguments: CartAction.allCases)
    func cartCalls(action: CartAction) throws {
        let request = ClerkRequest.logCart(
            action, products: [CartLine(productID: 1, quantity: 2), CartLine(productID: 3, quantity: 1)],
            visitor: "v1", email: "ann@example.com", basketID: "b-9", keys: keys)
        #expect(request.endpoint == "POST /log/cart/\(action.rawValue)")
        #expect(
            try body(request)
                == #"{"key":"pub-1","basket_id":"b-9","email":"ann@example.com","products":[{"id":1,"qty":2},{"id":3,"qty":1}],"visitor":"v1"}"#
        )
        let emptied = ClerkRequest.logCart(action, products: [], visitor: nil, email: nil, basketID: nil, keys: keys)
        #expect(try body(emptied) == #"{"key":"pub-1","products":[]}"#)
    }

    @Test func saleWritesDecimalPricesExactly() throws {
        let lines = [
            SaleLine(productID: 1001, quantity: 2, price: Decimal(string: "19.99")!),
            SaleLine(productID: 2002, quantity: 1, price: Decimal(string: "0.1")!),
            SaleLine(productID: 3003, quantity: 3, price: Decimal(string: "89.000")!),
            SaleLine(productID: 4004, quantity: 1, price: 0),
        ]
        let request = try ClerkRequest.logSale(
            orderID: "100045", products: lines, visitor: "aR9Km32l", customerID: "8812", email: "ann@example.com",
            keys: keys)
        #expect(request.endpoint == "POST /log/sale")
        #expect(
            try body(request)
                == #"{"key":"pub-1","customer":"8812","email":"ann@example.com","products":[{"id":1001,"price":19.99,"quantity":2},{"id":2002,"price":0.1,"quantity":1},{"id":3003,"price":89,"quantity":3},{"id":4004,"price":0,"quantity":1}],"sale":"100045","visitor":"aR9Km32l"}"#
        )
        let anonymous = try ClerkRequest.logSale(
            orderID: "7", products: [], visitor: nil, customerID: nil, email: nil, keys: keys)
        #expect(try body(anonymous) == #"{"key":"pub-1","products":[],"sale":"7"}"#)
    }

    @Test func saleWithANaNPriceIsRefusedBeforeSending() {
        let error = #expect(throws: ClerkError.self) {
            try ClerkRequest.logSale(
                orderID: "1", products: [SaleLine(productID: 5, quantity: 1, price: .nan)], visitor: "v1",
                customerID: nil, email: nil, keys: keys)
        }
        #expect(error?.kind == .parsing)
        #expect(error?.endpoint == "POST /log/sale")
    }

    @Test func emailCall() throws {
        let request = ClerkRequest.logEmail(email: "ann@example.com", visitor: "v1", keys: keys)
        #expect(request.endpoint == "POST /log/email")
        #expect(try body(request) == #"{"key":"pub-1","email":"ann@example.com","visitor":"v1"}"#)
    }

    @Test func publicKeyCallsCarryNoPrivateKey() throws {
        let requests = try [
            ClerkRequest.logProductView(productID: 1, visitor: "v", keys: keys),
            ClerkRequest.logCategoryView(categoryID: 1, visitor: "v", keys: keys),
            ClerkRequest.logClick(productID: 1, visitor: "v", api: nil, position: nil, labels: [], external: false, keys: keys),
            ClerkRequest.logCart(.add, products: [], visitor: nil, email: nil, basketID: nil, keys: keys),
            ClerkRequest.logSale(orderID: "1", products: [], visitor: nil, customerID: nil, email: nil, keys: keys),
            ClerkRequest.logEmail(email: "a@b", visitor: "v", keys: keys),
        ]
        for request in requests {
            #expect(request.privateKey == nil)
            #expect(!(try body(request)).contains("s3cret-priv"))
        }
    }

    @Test func returnedCarriesTheRedactedPrivateKey() throws {
        let request = ClerkRequest.logReturned(productID: 42, orderID: "100045", quantity: 2, keys: keys)
        #expect(request.endpoint == "POST /log/returned")
        #expect(
            try body(request) == #"{"key":"pub-1","private_key":"s3cret-priv","order":"100045","product":42,"quantity":2}"#)
        #expect(
            String(decoding: request.redactedPayload, as: UTF8.self)
                == #"{"key":"pub-1","private_key":"***","order":"100045","product":42,"quantity":2}"#)
        #expect(request.redacting("echo s3cret-priv") == "echo ***")
    }
}
