import Synchronization

/// Channel locales and product translations (GraphQL Admin `store.locales`, `store.translations`) of the sandbox.
///
/// Catalyst channels have the locales `en` (default), `de` and `fr`; Stencil channels have none (what BigCommerce
/// answers for a Stencil channel is UNCONFIRMED; the sandbox answers an empty list). Seeded translations exist on
/// every Catalyst channel for part of the catalog, so the rest falls back to the default text: a German name for
/// two products in three (index `% 3 != 2`) and a German description for one in three (`% 3 == 0`); a French name
/// for every other product (even index), no French descriptions. Names are translated word by word from the
/// seeded English name, so a later edit of the English name leaves the translation as it was, as in BigCommerce.
public final class SandboxTranslations: Sendable {
    /// One translatable product text.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case name
        case description
    }

    struct Key: Hashable {
        var channelID: Int
        var locale: String
        var productID: Int
        var field: Field
    }

    private let catalog: SandboxCatalog
    /// Edits over the seeded translations: a text, or nil for one deleted.
    private let edits = Mutex<[Key: String?]>([:])

    init(catalog: SandboxCatalog) {
        self.catalog = catalog
    }

    /// The locales of `channelID`, default first; none for a Stencil or unknown channel.
    public func locales(channelID: Int) -> [(code: String, isDefault: Bool)] {
        guard catalog.channels.contains(where: { $0.id == channelID && $0.platform == "catalyst" }) else { return [] }
        return [("en", true), ("de", false), ("fr", false)]
    }

    /// The stored translation of `field` of product `productID`, nil when there is none.
    public func translation(channelID: Int, locale: String, productID: Int, field: Field) -> String? {
        let key = Key(channelID: channelID, locale: locale, productID: productID, field: field)
        if let edited = edits.withLock({ $0[key] }) { return edited }
        guard locales(channelID: channelID).contains(where: { $0.code == locale && !$0.isDefault }),
            let index = catalog.index(ofProductID: productID)
        else { return nil }
        return seeded(index: index, locale: locale, field: field)
    }

    /// Sets (or with nil deletes) a translation; the caller emits any webhook.
    public func set(_ text: String?, channelID: Int, locale: String, productID: Int, field: Field) {
        edits.withLock { $0[Key(channelID: channelID, locale: locale, productID: productID, field: field)] = .some(text) }
    }

    /// Whether product `productID` has any translation in the locale.
    func hasTranslation(channelID: Int, locale: String, productID: Int) -> Bool {
        Field.allCases.contains { translation(channelID: channelID, locale: locale, productID: productID, field: $0) != nil }
    }

    /// Product ids with an edited translation in the locale (added products are not seeded).
    func editedProductIDs(channelID: Int, locale: String) -> Set<Int> {
        edits.withLock { edits in
            Set(edits.keys.filter { $0.channelID == channelID && $0.locale == locale }.map(\.productID))
        }
    }

    private func seeded(index: Int, locale: String, field: Field) -> String? {
        let (adjective, noun) = catalog.nameWords(index: index)
        let id = catalog.productID(atIndex: index)
        switch (locale, field) {
        case ("de", .name) where index % 3 != 2:
            return index == 0 ? "Côté-Leuchte" : "\(Self.german[adjective] ?? adjective) \(Self.german[noun] ?? noun) \(id)"
        case ("de", .description) where index % 3 == 0:
            return "<p>Deutsche Beschreibung: \(Self.german[noun] ?? noun) aus unserem Sortiment.</p>"
        case ("fr", .name) where index % 2 == 0:
            return index == 0 ? "Lampe Côté" : "\(Self.french[noun] ?? noun) \(Self.french[adjective] ?? adjective) \(id)"
        default:
            return nil
        }
    }

    static let german = [
        "Oak": "Eichen", "Linen": "Leinen", "Côté": "Seiten", "Nordic": "Nordisch", "Velvet": "Samt", "Copper": "Kupfer",
        "Rustic": "Rustikal", "Smart": "Schlau", "Ærø": "Ærø-Insel", "Bamboo": "Bambus", "Urban": "Urban-Stil",
        "Café": "Kaffeehaus", "Crème": "Creme", "Granite": "Granit", "Soft": "Weich",
        "lamp": "Lampe", "chair": "Stuhl", "table": "Tisch", "coat": "Mantel", "sneaker": "Turnschuh", "boot": "Stiefel",
        "vase": "Blumenvase", "rug": "Teppich", "mug": "Becher", "shelf": "Regal", "jacket": "Jacke", "planter": "Pflanzgefäß",
        "cushion": "Kissen", "tumbler": "Trinkglas",
    ]

    static let french = [
        "Oak": "en chêne", "Linen": "en lin", "Côté": "côté", "Nordic": "nordique", "Velvet": "en velours",
        "Copper": "en cuivre", "Rustic": "rustique", "Smart": "malin", "Ærø": "d'Ærø", "Bamboo": "en bambou",
        "Urban": "urbain", "Café": "de café", "Crème": "crème", "Granite": "en granit", "Soft": "doux",
        "lamp": "Lampe", "chair": "Chaise", "table": "Table basse", "coat": "Manteau", "sneaker": "Basket",
        "boot": "Botte", "vase": "Vase à fleurs", "rug": "Tapis", "mug": "Tasse", "shelf": "Étagère", "jacket": "Veste",
        "planter": "Jardinière", "cushion": "Coussin", "tumbler": "Gobelet",
    ]
}
