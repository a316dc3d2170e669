import Dashboard
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import StorefrontRegistry
import SyncEngine
import SyncStore

/// `GET /admin` (the operator's dashboard) and `/admin/api/*` (its JSON API), as contract.md defines them: the
/// overview, dead letters (list, detail, replay, discard, one or all matching a filter), jobs (list, detail, retry,
/// cancel), webhooks and storefronts. Who may call them is ``AdminAccess``'s; every answer carries
/// ``AdminHeadersMiddleware``'s headers.
public struct AdminRoutes: Sendable {
    let access: AdminAccess
    let sessions: AdminSessions
    let overview: OverviewReader
    let letters: DeadLetterDesk
    let jobs: JobDesk
    let webhooks: WebhookStatusReader
    let storefronts: StorefrontRegistry
    let store: any DashboardStorage
    let pages: DashboardPages

    /// Creates the routes.
    public init(
        access: AdminAccess, sessions: AdminSessions = AdminSessions(), overview: OverviewReader, letters: DeadLetterDesk, jobs: JobDesk,
        webhooks: WebhookStatusReader, storefronts: StorefrontRegistry, store: any DashboardStorage, pages: DashboardPages
    ) {
        self.access = access
        self.sessions = sessions
        self.overview = overview
        self.letters = letters
        self.jobs = jobs
        self.webhooks = webhooks
        self.storefronts = storefronts
        self.store = store
        self.pages = pages
    }

    /// Adds every `/admin` route to `router`.
    public func addRoutes(to router: Router<ServerRequestContext>) {
        let admin = router.group("admin").add(middleware: AdminHeadersMiddleware())
        addAPI(to: admin.group("api"))
        addPages(to: admin)
    }

    // MARK: API

    private static let listParameters: Set<String> = ["storefront", "kind", "q", "resolved", "limit", "offset"]
    private static let changeParameters: Set<String> = ["csrf_token", "return_to"]
    private static let bulkParameters: Set<String> = changeParameters.union(["storefront", "kind", "q", "confirm"])

    private func addAPI(to api: RouterGroup<ServerRequestContext>) {
        api.get("overview") { request, context in
            try await read(request, context, known: []) { _ in (try await overview.overview(), [:]) }
        }
        api.get("dead-letters") { request, context in
            try await read(request, context, known: Self.listParameters) { parameters in
                let filter = try Self.letterFilter(parameters)
                let limit = try parameters.integer("limit", in: 1...DeadLetterDesk.listLimit) ?? 100
                let (list, total) = try await letters.list(filter, limit: limit, offset: try parameters.integer("offset", in: 0...Int.max) ?? 0)
                return (list, [HTTPField.Name("X-Total-Count")!: String(total)])
            }
        }
        api.get("dead-letters/:id") { request, context in
            try await read(request, context, known: []) { _ in (try await letters.detail(id: try Self.id(context)), [:]) }
        }
        for action in DeadLetterDesk.BulkAction.allCases {
            api.post("dead-letters/\(action.rawValue)") { request, context in
                try await change(request, context, known: Self.bulkParameters) { parameters in
                    guard let confirmed = try parameters.integer("confirm", in: 0...Int.max) else {
                        throw APIError(
                            .badRequest, code: "confirmation_required",
                            message: "confirm must be the number of letters to \(action.rawValue) (what the filter matches, at most \(action.limit))")
                    }
                    let result = try await letters.run(action, try Self.letterFilter(parameters), confirmed: confirmed)
                    return (result, ["done": "bulk", "acted": "\(result.acted)", "failing": "\(result.outcomes[LetterAction.Outcome.stillFailing.rawValue] ?? 0)"])
                }
            }
        }
        api.post("dead-letters/:id/replay") { request, context in
            try await change(request, context, known: Self.changeParameters) { _ in
                let result = try await letters.replay(id: try Self.id(context))
                return (result, ["done": result.outcome.rawValue, "letter": "\(result.id)"])
            }
        }
        api.post("dead-letters/:id/discard") { request, context in
            try await change(request, context, known: Self.changeParameters) { _ in
                let result = try await letters.discard(id: try Self.id(context))
                return (result, ["done": result.outcome.rawValue, "letter": "\(result.id)"])
            }
        }
        api.get("jobs") { request, context in
            try await read(request, context, known: ["state", "kind", "storefront", "limit", "offset"]) { parameters in
                let list = try await jobs.list(
                    try Self.jobFilter(parameters), limit: try parameters.integer("limit", in: 1...JobDesk.listLimit) ?? 100,
                    offset: try parameters.integer("offset", in: 0...Int.max) ?? 0)
                return (list, [:])
            }
        }
        api.get("jobs/:id") { request, context in
            try await read(request, context, known: []) { _ in (try await jobs.detail(id: try Self.id(context)), [:]) }
        }
        api.post("jobs/:id/retry") { request, context in
            try await change(request, context, known: Self.changeParameters) { _ in
                let result = try await jobs.retry(id: try Self.id(context))
                return (result, ["done": result.outcome.rawValue, "job": "\(result.id)"])
            }
        }
        api.post("jobs/:id/cancel") { request, context in
            try await change(request, context, known: Self.changeParameters) { _ in
                let result = try await jobs.cancel(id: try Self.id(context))
                return (result, ["done": result.outcome.rawValue, "job": "\(result.id)"])
            }
        }
        api.get("webhooks") { request, context in
            try await read(request, context, known: []) { _ in (try await webhooks.status(), [:]) }
        }
        api.get("storefronts") { request, context in
            try await read(request, context, known: []) { _ in (StorefrontSettings.all(in: storefronts), [:]) }
        }
    }

    /// Answers a `GET` of the API: the caller must be known (401 otherwise), the query may hold only `known`.
    private func read(
        _ request: Request, _ context: ServerRequestContext, known: Set<String>,
        _ body: (AdminParameters) async throws -> (any Encodable & Sendable, HTTPFields)
    ) async throws -> Response {
        guard try access.caller(of: request, context: context, sessions: sessions) != nil else { throw Self.unauthenticated }
        let parameters = AdminParameters(query: request)
        try parameters.refuseUnknown(known)
        let (value, headers) = try await Self.answering { try await body(parameters) }
        var response = try context.responseEncoder.encode(AnyEncodable(value), from: request, context: context)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// Answers a `POST` of the API: an admin caller with the CSRF token its session needs (``AdminAccess``), the
    /// parameters (query and body) only `known`. A form posted by a page without its script (`return_to` given and
    /// HTML accepted) is answered with a redirect back to that page, saying what was done.
    private func change(
        _ request: Request, _ context: ServerRequestContext, known: Set<String>,
        _ body: (AdminParameters) async throws -> (any Encodable & Sendable, [String: String])
    ) async throws -> Response {
        guard let caller = try access.caller(of: request, context: context, sessions: sessions) else { throw Self.unauthenticated }
        let parameters = try await AdminParameters.read(request)
        try access.authorizeChange(caller, request: request, parameters: parameters)
        try parameters.refuseUnknown(known)
        let (value, done) = try await Self.answering { try await body(parameters) }
        if let returnTo = parameters.text("return_to").flatMap(Self.safeReturn), Self.acceptsHTML(request) {
            let separator = returnTo.contains("?") ? "&" : "?"
            let query = done.sorted { $0.key < $1.key }.map { "\($0.key)=\(AdminQueryEncoding.encode($0.value))" }.joined(separator: "&")
            return Response(status: .seeOther, headers: [.location: returnTo + separator + query])
        }
        return try context.responseEncoder.encode(AnyEncodable(value), from: request, context: context)
    }

    /// `body`'s answer, with the dashboard's refusals and the store's failures turned into contract.md's errors.
    static func answering<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as any HTTPResponseError {
            throw error
        } catch let error as DashboardError {
            throw APIError(error)
        } catch SyncStoreError.jobNotDead(let id, let state) {
            throw APIError(.conflict, code: "not_retryable", message: "job \(id) became \(state.rawValue) meanwhile; it was left as it is")
        } catch {
            throw APIError(
                .serviceUnavailable, code: "unavailable", message: "the dashboard cannot read or change the database right now: \(error)")
        }
    }

    static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated",
        message: "the dashboard's API needs Authorization: Bearer with CLERKBRIDGE_ADMIN_TOKEN (or the read-only token)",
        headers: [.wwwAuthenticate: "Bearer"])

    // MARK: Parameters

    /// The `:id` of the path, a positive integer.
    static func id(_ context: ServerRequestContext) throws(APIError) -> Int64 {
        guard let text = context.parameters.get("id"), text.allSatisfy(\.isASCII), let id = Int64(text), id > 0 else {
            throw .invalidParameter("the id in the path must be a positive integer")
        }
        return id
    }

    /// The dead-letter filter of `storefront` (a name, or `*` for store-wide letters), `kind`, `q` and `resolved`.
    static func letterFilter(_ parameters: AdminParameters) throws(APIError) -> DeadLetterFilter {
        var filter = DeadLetterFilter()
        if let storefront = parameters.text("storefront") {
            if storefront == "*" {
                filter.scope = .storeWide
            } else {
                guard storefront.count <= 64, storefront.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                    throw .invalidParameter("storefront must be a storefront's name (a-z, 0-9 and -) or * for store-wide letters")
                }
                filter.scope = .storefront(storefront)
            }
        }
        filter.kind = parameters.text("kind")
        if let text = parameters.text("q") {
            guard text.count <= 200 else { throw .invalidParameter("q must be at most 200 characters") }
            filter.text = text
        }
        filter.includeResolved = try parameters.flag("resolved", default: false)
        return filter
    }

    /// The job filter of `state`, `kind` and `storefront` (`*` for store-wide work).
    static func jobFilter(_ parameters: AdminParameters) throws(APIError) -> JobFilter {
        JobFilter(
            state: try parameters.choice("state", of: JobState.self), kind: try parameters.choice("kind", of: JobKind.self),
            storefront: parameters.text("storefront").map { $0 == "*" ? "" : $0 })
    }

    /// `path` when it is a path of the dashboard (so a redirect cannot leave it), else nil.
    static func safeReturn(_ path: String) -> String? {
        guard path == "/admin" || path.hasPrefix("/admin/") || path.hasPrefix("/admin?"), !path.contains("\\"), !path.hasPrefix("//"),
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return nil }
        return path
    }

    /// Whether the request prefers an HTML answer (a form posted by a browser without the script).
    static func acceptsHTML(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/html") == true
    }
}

/// Contract.md's error of a ``DashboardError``.
extension APIError {
    init(_ error: DashboardError) {
        let status: HTTPResponse.Status = switch error.kind {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalid: .badRequest
        case .unavailable: .serviceUnavailable
        }
        self.init(status, code: error.code, message: error.message)
    }
}

/// Lets an existential `Encodable` go through the response encoder.
struct AnyEncodable: Encodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) { self.value = value }

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
