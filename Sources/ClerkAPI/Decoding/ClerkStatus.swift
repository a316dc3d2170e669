/// The members every Clerk answer may carry: `status` and, on failure, the error fields.
///
/// Success is `{"status":"ok", …data…}`; failure is `{"status":"error","type","message","moreInfo","id"}`. Each is
/// read as text (a number's or boolean's too, so `"id": 12` reads `12`); `null`, objects and arrays read as absent.
struct ClerkStatus: Decodable, Sendable {
    /// `status` (`ok` or `error`).
    var status: String?
    /// The error `type` (e.g. `ParsingError`).
    var type: String?
    /// The error `message`.
    var message: String?
    /// The error `moreInfo` URL.
    var moreInfo: String?
    /// The error instance `id`.
    var errorID: String?

    private enum CodingKeys: String, CodingKey {
        case status, type, message, moreInfo
        case errorID = "id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = container.text(.status)
        type = container.text(.type)
        message = container.text(.message)
        moreInfo = container.text(.moreInfo)
        errorID = container.text(.errorID)
    }

    /// Whether `status` says the call succeeded.
    var isOK: Bool { status?.lowercased() == "ok" }

    /// Whether `status` says the call failed.
    var isError: Bool { status != nil && !isOK }
}
