/// The top level of a Clerk JSON response: `status`, the error fields, and where every other member sits.
///
/// Success is `{"status":"ok", …data…}`; failure is `{"status":"error","type","message","moreInfo","id"}`.
struct ResponseEnvelope {
    /// The scanner over the whole body, for reading data members.
    let scanner: JSONScanner
    /// The top-level members by name (first occurrence wins).
    let members: [String: Range<Int>]
    /// `status` (`ok` or `error`), when present as a string.
    let status: String?
    /// The error `type` (e.g. `ParsingError`).
    let type: String?
    /// The error `message`.
    let message: String?
    /// The error `moreInfo` URL.
    let moreInfo: String?
    /// The error instance `id`.
    let errorID: String?

    /// Parses `body`; throws when it is not a single JSON object.
    init(body: [UInt8]) throws(JSONScanner.Failure) {
        let scanner = JSONScanner(body)
        let top = try scanner.topLevelValue()
        var members: [String: Range<Int>] = [:]
        for member in try scanner.members(ofObject: top) where members[member.key] == nil {
            members[member.key] = member.value
        }
        self.scanner = scanner
        self.members = members
        func text(_ name: String) -> String? {
            guard let range = members[name] else { return nil }
            if let string = scanner.string(in: range) { return string }
            let raw = String(decoding: body[range], as: UTF8.self)
            return raw == "null" ? nil : raw
        }
        status = text("status")
        type = text("type")
        message = text("message")
        moreInfo = text("moreInfo")
        errorID = text("id")
    }

    /// Whether `status` says the call succeeded.
    var isOK: Bool { status?.lowercased() == "ok" }

    /// Whether `status` says the call failed.
    var isError: Bool { status != nil && !isOK }
}
