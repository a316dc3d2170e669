import ClerkAPI
import Reliability
import Testing

@Suite("transient classification")
struct TransientClassificationTests {
    @Test(arguments: [
        (ClerkError.Kind.transport, nil, true),
        (.timeout, nil, true),
        (.cancelled, nil, true),
        (.internalError, 200, true),
        (.internalError, 500, true),
        (.http, 408, true),
        (.http, 429, true),
        (.http, 500, true),
        (.http, 503, true),
        (.http, 599, true),
        (.http, 400, false),
        (.http, 404, false),
        (.http, 200, false),
        (.http, nil, false),
        (.authentication, 200, false),
        (.authentication, 401, false),
        (.parsing, 200, false),
        (.parsing, 400, false),
        (.logical, 400, false),
        (.payloadTooLarge, 413, false),
    ] as [(ClerkError.Kind, Int?, Bool)])
    func classification(kind: ClerkError.Kind, status: Int?, transient: Bool) {
        let error = ClerkError(kind: kind, message: "x", httpStatus: status)
        #expect(error.retryability.mayRetry == transient)
    }
}
