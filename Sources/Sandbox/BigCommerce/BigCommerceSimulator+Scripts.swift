import Foundation
import Hummingbird
import JSONSupport

/// `/v3/content/scripts`: storefront scripts of the sandbox store (reference §7.2), validated as the API does.
///
/// UNCONFIRMED: the defaults of omitted members (`kind` src, `load_method` default, `location` head, `visibility`
/// storefront, `enabled` true, `auto_uninstall` false, `channel_id` 1) and the exact 403/422 wording; the published
/// schema names the values but not the defaults. `consent_category` defaulting to `unknown` is documented.
extension BigCommerceSimulator {
    static let scriptKinds: Set<String> = ["src", "script_tag"]
    static let scriptLoadMethods: Set<String> = ["default", "async", "defer"]
    static let scriptLocations: Set<String> = ["head", "footer"]
    static let scriptVisibilities: Set<String> = ["storefront", "checkout", "order_confirmation", "all_pages"]
    static let scriptConsentCategories: Set<String> = ["essential", "functional", "analytics", "targeting", "unknown"]

    func contentScripts(_ rest: [String], method: HTTPRequest.Method, query: QueryParameters, body: [UInt8]) throws
        -> Response
    {
        switch (rest.dropFirst(3).first, method) {
        case (nil, .get):
            let channels = try ints(query, "channel_id:in")
            let listed = scripts.scripts().filter {
                $0.apiClientID == SandboxWebhooks.clientID && (channels == nil || channels!.contains($0.channelID))
            }
            return try paginated(listed, query: query) { $0.script($1) }
        case (nil, .post):
            let now = Date()
            let fields = try scriptFields(body)
            var script = SandboxScript(
                uuid: UUID().uuidString.lowercased(), name: "", kind: "src", loadMethod: "default", location: "head",
                visibility: "storefront", consentCategory: "unknown", enabled: true, autoUninstall: false, channelID: 1,
                integrityHashes: [], apiClientID: SandboxWebhooks.clientID, dateCreated: now, dateModified: now)
            try apply(fields, to: &script)
            try validate(script)
            do {
                try scripts.insert(script)
            } catch {
                throw Failure(
                    status: 422, title: "Script limit reached: \(error.message).", errors: [error.field: error.message])
            }
            return single { $0.script(script) }
        case (let uuid?, _) where rest.count == 4:
            guard var script = scripts.script(uuid: uuid), script.apiClientID == SandboxWebhooks.clientID else {
                throw Failure(status: 404, title: "The requested script was not found.")
            }
            switch method {
            case .get:
                return single { $0.script(script) }
            case .put:
                try apply(try scriptFields(body), to: &script)
                try validate(script)
                script.dateModified = Date()
                scripts.replace(script)
                return single { $0.script(script) }
            case .delete:
                scripts.delete(uuid: uuid)
                return Response(status: .noContent)
            default:
                throw Failure(status: 405, title: "Method not allowed.")
            }
        case (nil, _):
            throw Failure(status: 405, title: "Method not allowed.")
        default:
            throw Failure(status: 404, title: "The requested resource was not found.")
        }
    }

    /// The members of a `POST`/`PUT` body, type-checked; absent and `null` members are left out.
    func scriptFields(_ body: [UInt8]) throws -> [String: JSONValue] {
        guard let root = JSONValue.parse(body), case .object(let members) = root else { throw Self.invalidJSON }
        var fields: [String: JSONValue] = [:]
        for member in members {
            if case .null = member.value { continue }
            fields[member.key] = member.value
        }
        return fields
    }

    /// Copies the given members onto `script`; a member of the wrong type is a 422.
    func apply(_ fields: [String: JSONValue], to script: inout SandboxScript) throws {
        func text(_ name: String) throws -> String? {
            guard let value = fields[name] else { return nil }
            guard case .string(let text) = value else { throw invalid(name, "must be a string") }
            return text
        }
        func flag(_ name: String) throws -> Bool? {
            guard let value = fields[name] else { return nil }
            guard case .bool(let flag) = value else { throw invalid(name, "must be a boolean") }
            return flag
        }
        if let name = try text("name") { script.name = name }
        if let description = try text("description") { script.description = description }
        if let kind = try text("kind") { script.kind = kind }
        if let src = try text("src") { script.src = src }
        if let html = try text("html") { script.html = html }
        if let loadMethod = try text("load_method") { script.loadMethod = loadMethod }
        if let location = try text("location") { script.location = location }
        if let visibility = try text("visibility") { script.visibility = visibility }
        if let category = try text("consent_category") { script.consentCategory = category }
        if let enabled = try flag("enabled") { script.enabled = enabled }
        if let autoUninstall = try flag("auto_uninstall") { script.autoUninstall = autoUninstall }
        if let channel = fields["channel_id"] {
            guard let id = channel.intValue, id >= 1 else { throw invalid("channel_id", "must be a channel id") }
            script.channelID = id
        }
        if let hashes = fields["integrity_hashes"] {
            guard case .array(let items) = hashes else {
                throw invalid("integrity_hashes", "must be a list of strings")
            }
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { throw invalid("integrity_hashes", "must be a list of strings") }
            script.integrityHashes = strings
        }
    }

    /// The API's rules for a whole script; a missing Checkout Content scope is a 403.
    func validate(_ script: SandboxScript) throws {
        guard !script.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid("name", "is required") }
        guard Self.scriptKinds.contains(script.kind) else { throw invalid("kind", "must be src or script_tag") }
        guard Self.scriptLoadMethods.contains(script.loadMethod) else {
            throw invalid("load_method", "must be default, async or defer")
        }
        switch script.kind {
        case "src":
            guard let src = script.src, let url = URL(string: src), url.scheme != nil || src.hasPrefix("//") else {
                throw invalid("src", "is required for a script of kind src")
            }
        default:
            guard let html = script.html, html.lowercased().components(separatedBy: "<script").count == 2 else {
                throw invalid("html", "must hold exactly one <script> element for a script of kind script_tag")
            }
            guard script.loadMethod == "default" else {
                throw invalid("load_method", "must be default for a script of kind script_tag")
            }
        }
        guard Self.scriptLocations.contains(script.location) else {
            throw invalid("location", "must be head or footer")
        }
        guard Self.scriptVisibilities.contains(script.visibility) else {
            throw invalid("visibility", "must be storefront, checkout, order_confirmation or all_pages")
        }
        guard Self.scriptConsentCategories.contains(script.consentCategory) else {
            throw invalid("consent_category", "must be essential, functional, analytics, targeting or unknown")
        }
        if SandboxScripts.checkoutVisibilities.contains(script.visibility), !scripts.grantsCheckoutContentScope {
            throw Failure(
                status: 403,
                title: "You don't have a required scope to access the endpoint: visibility \(script.visibility) "
                    + "needs the Checkout Content scope.")
        }
    }

    private func invalid(_ field: String, _ message: String) -> Failure {
        Failure(status: 422, title: "The field '\(field)' \(message).", errors: [field: message])
    }
}

extension JSONWriter {
    /// A script as `/v3/content/scripts` renders it.
    mutating func script(_ script: SandboxScript) {
        openObject()
        field("uuid", script.uuid)
        field("name", script.name)
        field("description", script.description ?? "")
        key("html")
        if let html = script.html { string(html) } else { null() }
        key("src")
        if let src = script.src { string(src) } else { null() }
        field("auto_uninstall", script.autoUninstall)
        field("load_method", script.loadMethod)
        field("location", script.location)
        field("visibility", script.visibility)
        field("kind", script.kind)
        field("api_client_id", script.apiClientID)
        field("consent_category", script.consentCategory)
        field("enabled", script.enabled)
        field("channel_id", script.channelID)
        field("integrity_hashes", script.integrityHashes)
        field("date_created", date: script.dateCreated)
        field("date_modified", date: script.dateModified)
        closeObject()
    }
}
