import Foundation

extension URL {
    /// The URL as text with any `user:password@` part masked, for messages.
    var redactingUserInfo: String {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false),
              components.user != nil || components.password != nil else { return absoluteString }
        components.user = "***"
        components.password = nil
        return components.string ?? "(URL with credentials)"
    }
}
