import Foundation
import Hummingbird
import HummingbirdCore

extension URI {
    /// The query's parameters decoded as browsers and HTML forms send them (`application/x-www-form-urlencoded`):
    /// `+` is a space, and names and values are percent-decoded. Every route reads its query through this;
    /// Hummingbird's `queryParameters` leaves `+` and names as they came.
    ///
    /// A name or value that is not valid percent-encoded UTF-8 is kept as sent (with `+` as a space).
    public var formQueryParameters: Parameters {
        guard let query else { return [:] }
        return Parameters(query.split(separator: "&").map { pair in
            let name = pair.prefix { $0 != "=" }
            let value = pair.dropFirst(name.count + 1)
            return (key: Self.formDecoded(name)[...], value: Self.formDecoded(value)[...])
        })
    }

    private static func formDecoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
