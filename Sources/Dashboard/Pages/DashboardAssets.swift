import Crypto
import Foundation

/// The dashboard's files, compiled into the binary so `serve` needs nothing beside it (no CDN, no build step): the
/// Mustache templates, the stylesheet and the script. The stylesheet and script are served under a path that names
/// their content's hash, so browsers may keep them for good and a new release is fetched at once.
public enum DashboardAssets {
    /// The templates by name (`layout`, `overview`, …).
    static let templates: [(String, [UInt8])] = [
        ("layout", PackageResources.layout_mustache), ("sign_in", PackageResources.sign_in_mustache),
        ("overview", PackageResources.overview_mustache), ("dead_letters", PackageResources.dead_letters_mustache),
        ("dead_letter", PackageResources.dead_letter_mustache), ("jobs", PackageResources.jobs_mustache),
        ("job", PackageResources.job_mustache), ("webhooks", PackageResources.webhooks_mustache),
        ("storefronts", PackageResources.storefronts_mustache), ("problem", PackageResources.problem_mustache),
    ]

    /// A file served under `/admin/assets/`.
    public struct Asset: Sendable {
        /// Its name with the content hash, e.g. `admin-1a2b3c4d.css`.
        public var name: String
        /// `text/css` or `text/javascript`, with the charset.
        public var contentType: String
        /// The bytes.
        public var bytes: [UInt8]
    }

    /// The stylesheet.
    public static let stylesheet = asset("admin", "css", "text/css; charset=utf-8", PackageResources.admin_css)
    /// The script.
    public static let script = asset("admin", "js", "text/javascript; charset=utf-8", PackageResources.admin_js)

    /// Where the layout links the stylesheet.
    static var stylesheetPath: String { "/admin/assets/\(stylesheet.name)" }
    /// Where the layout loads the script.
    static var scriptPath: String { "/admin/assets/\(script.name)" }

    /// The asset called `name`, if there is one.
    public static func named(_ name: String) -> Asset? {
        [stylesheet, script].first { $0.name == name }
    }

    private static func asset(_ base: String, _ suffix: String, _ type: String, _ bytes: [UInt8]) -> Asset {
        let hash = SHA256.hash(data: bytes).prefix(4).map { String(format: "%02x", $0) }.joined()
        return Asset(name: "\(base)-\(hash).\(suffix)", contentType: type, bytes: bytes)
    }
}
