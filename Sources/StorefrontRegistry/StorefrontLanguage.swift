/// Where a storefront's product names and descriptions come from, decided at start from its channel's locales.
public enum StorefrontLanguage: Sendable, Hashable {
    /// The catalog's own text: the storefront shows its channel's default locale (or the channel has no locales
    /// and the storefront shows the store's language). No translations are read.
    case catalogText
    /// BigCommerce's translations into a non-default locale of the channel, field by field, the catalog's own
    /// text where a field has none.
    case translated(TranslationLocale)

    /// The channel locale whose translations apply, if any.
    public var translationLocale: TranslationLocale? {
        guard case .translated(let locale) = self else { return nil }
        return locale
    }
}

/// A channel's locale as the Translations API names it (`bc/store/channel/{channel}`, `bc/store/locale/{code}`).
public struct TranslationLocale: Sendable, Hashable, CustomStringConvertible {
    /// The channel.
    public var channelID: Int
    /// The locale code exactly as the channel spells it.
    public var code: String

    /// Creates a channel locale.
    public init(channelID: Int, code: String) {
        self.channelID = channelID
        self.code = code
    }

    /// Whether a storefront `locale` (as configured) is this code: codes match case-insensitively.
    public func matches(channelID: Int, locale: String) -> Bool {
        self.channelID == channelID && code.lowercased() == locale.lowercased()
    }

    /// `de on channel 2`.
    public var description: String { "\(code) on channel \(channelID)" }
}
