import BigCommerceAPI
import Dashboard
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import SyncEngine
import SyncStore

extension AdminRoutes {
    /// The request header with which the script asks for a page's content alone (to swap it in).
    static let fragmentHeader = HTTPField.Name("X-Dashboard-Fragment")!
    /// The answer header saying when a page was made, shown by the refreshing page.
    static let generatedHeader = HTTPField.Name("X-Dashboard-Generated")!

    func addPages(to admin: RouterGroup<ServerRequestContext>) {
        admin.get("") { request, context in
            try await page(request, context) { _ in .overview(try await overview.overview()) }
        }
        admin.get("dead-letters") { request, context in
            try await page(request, context) { parameters in
                let filter = try Self.letterFilter(parameters)
                let offset = try parameters.integer("offset", in: 0...Int.max) ?? 0
                let (list, total) = try await letters.list(filter, limit: Self.pageSize, offset: offset)
                let replay = try await letters.preview(.replay, filter)
                let discard = try await letters.preview(.discard, filter)
                return .deadLetters(DeadLetterListing(
                    filter: filter, letters: list, total: total, offset: offset, limit: Self.pageSize, storefronts: storefronts.names,
                    replayable: replay.acting, discardable: discard.acting))
            }
        }
        admin.get("dead-letters/:id") { request, context in
            try await page(request, context) { _ in .deadLetter(try await letters.detail(id: try Self.id(context))) }
        }
        admin.get("jobs") { request, context in
            try await page(request, context) { parameters in
                let filter = try Self.jobFilter(parameters)
                let offset = try parameters.integer("offset", in: 0...Int.max) ?? 0
                let list = try await jobs.list(filter, limit: Self.pageSize, offset: offset)
                return .jobs(JobListing(filter: filter, jobs: list, counts: try await store.jobCounts(), offset: offset, limit: Self.pageSize))
            }
        }
        admin.get("jobs/:id") { request, context in
            try await page(request, context) { _ in .job(try await jobs.detail(id: try Self.id(context))) }
        }
        admin.get("webhooks") { request, context in
            try await page(request, context) { _ in .webhooks(try await webhooks.status()) }
        }
        admin.get("storefronts") { request, context in
            try await page(request, context) { _ in .storefronts(StorefrontSettings.all(in: storefronts)) }
        }
        admin.get("assets/:name") { _, context in
            guard let name = context.parameters.get("name"), let asset = DashboardAssets.named(name) else {
                throw APIError(.notFound, code: "not_found", message: "no dashboard asset by that name")
            }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        }
        admin.get("sign-in") { request, context in
            guard case .tokens = access.mode else { return Self.redirect("/admin") }
            let returnTo = AdminParameters(query: request).text("return_to").flatMap(Self.safeReturn) ?? "/admin"
            if let caller = try? access.caller(of: request, context: context, sessions: sessions), caller.session?.signedIn == true {
                return Self.redirect(returnTo)
            }
            return Self.html(pages.signIn(error: nil, returnTo: returnTo))
        }
        admin.post("sign-in") { request, context in
            guard case .tokens = access.mode else { return Self.redirect("/admin") }
            let parameters = try await AdminParameters.read(request)
            let returnTo = parameters.text("return_to").flatMap(Self.safeReturn) ?? "/admin"
            if let origin = request.headers[.origin], !AdminAccess.origin(origin, matchesHost: request.head.authority) {
                throw APIError(.forbidden, code: "csrf_token_invalid", message: "the sign-in comes from another origin")
            }
            guard let token = parameters.text("token"), let role = access.role(signingInWith: token) else {
                return Self.html(
                    pages.signIn(error: "That token is neither the admin token nor the read-only token.", returnTo: returnTo),
                    status: .unauthorized)
            }
            let session = sessions.start(role: role, signedIn: true)
            var response = Self.redirect(returnTo)
            response.setCookie(access.cookie(for: session))
            return response
        }
        admin.post("sign-out") { request, context in
            let parameters = try await AdminParameters.read(request)
            if let caller = try access.caller(of: request, context: context, sessions: sessions), let session = caller.session {
                guard let presented = parameters.text("csrf_token") ?? request.headers[HTTPField.Name("X-CSRF-Token")!],
                    WebhookAuthenticator.constantTimeEqual(Array(presented.utf8), Array(session.csrfToken.utf8))
                else {
                    throw APIError(.forbidden, code: "csrf_token_invalid", message: "the sign-out lacks the session's CSRF token")
                }
                sessions.end(id: session.id)
            }
            var response = Self.redirect(access.mode == .loopbackOnly ? "/admin" : "/admin/sign-in")
            response.setCookie(access.expiredCookie)
            return response
        }
    }

    /// Dead letters and jobs per page.
    static let pageSize = 50

    /// Answers a page: the caller is known (else the sign-in page, or a refusal page), gets a session when they came
    /// without one (its cookie and CSRF token serve the page's forms), and sees `build`'s page, or its content alone
    /// when the script asks for it.
    private func page(
        _ request: Request, _ context: ServerRequestContext, _ build: (AdminParameters) async throws -> DashboardPage
    ) async throws -> Response {
        let now = Date()
        let caller: AdminAccess.Caller
        do {
            guard let known = try access.caller(of: request, context: context, sessions: sessions, now: now) else {
                let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return Self.redirect("/admin/sign-in?return_to=\(AdminQueryEncoding.encode(Self.safeReturn(path) ?? "/admin"))")
            }
            caller = known
        } catch {
            return problem(error, request: request, frame: PageFrame(csrfToken: "", canAct: false, signedIn: false, now: now))
        }
        var newSession: AdminSessions.Session?
        let session = caller.session ?? {
            let started = sessions.start(role: caller.role, signedIn: false, now: now)
            newSession = started
            return started
        }()
        let parameters = AdminParameters(query: request)
        let frame = PageFrame(
            csrfToken: session.csrfToken, canAct: caller.role.canAct, signedIn: session.signedIn, notice: Self.notice(parameters), now: now)
        var response: Response
        do {
            let page = try await Self.answering { try await build(parameters) }
            let fragment = request.headers[Self.fragmentHeader] == "1"
            response = Self.html(pages.render(page, frame: frame, fragment: fragment))
        } catch {
            response = problem(error, request: request, frame: frame)
        }
        response.headers[.vary] = Self.fragmentHeader.rawName
        response.headers[Self.generatedHeader] = DashboardPages.clock(now)
        if let newSession { response.setCookie(access.cookie(for: newSession)) }
        return response
    }

    /// A refusal or failure as a page with its status.
    private func problem(_ error: any Error, request: Request, frame: PageFrame) -> Response {
        let answer = error as? APIError ?? APIError(
            .serviceUnavailable, code: "unavailable", message: "the dashboard cannot answer right now: \(error)")
        let title = switch answer.status {
        case .notFound: "Not found"
        case .unauthorized: "Sign in again"
        case .forbidden: "Not allowed here"
        case .badRequest: "That request is not right"
        case .conflict: "Changed meanwhile"
        default: "Not available right now"
        }
        var response = Self.html(
            pages.render(.problem(status: Int(answer.status.code), title: title, message: answer.message), frame: frame),
            status: answer.status)
        response.headers.append(contentsOf: answer.headers)
        return response
    }

    /// What the action that redirected here did, from its `done` and the id or counts beside it (nil for anything else,
    /// so a link cannot make the page say what it likes).
    static func notice(_ parameters: AdminParameters) -> String? {
        guard let done = parameters.text("done") else { return nil }
        let letter = parameters.text("letter").flatMap(Int64.init).map { "Dead letter \($0)" }
        let job = parameters.text("job").flatMap(Int64.init).map { "Job \($0)" }
        switch (done, letter, job) {
        case ("resolved", let letter?, _): return "\(letter) replayed: Clerk took it."
        case ("still_failing", let letter?, _): return "\(letter) still fails; its latest attempt is below."
        case ("queued", let letter?, _): return "\(letter): its job is back in the queue."
        case ("event_requeued", let letter?, _): return "\(letter): the event is back in the event log."
        case ("discarded", let letter?, _): return "\(letter) discarded."
        case ("queued", nil, let job?): return "\(job) is back in the queue."
        case ("due_now", nil, let job?): return "\(job) runs now."
        case ("cancelled", nil, let job?): return "\(job) cancelled; retry it to bring it back."
        case ("bulk", _, _):
            guard let acted = parameters.text("acted").flatMap(Int.init) else { return nil }
            let failing = parameters.text("failing").flatMap(Int.init) ?? 0
            return "Handled \(acted) dead letters" + (failing > 0 ? "; \(failing) still fail." : ".")
        default: return nil
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
