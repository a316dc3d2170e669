/// How the option and custom-field attributes a storefront's catalog has are kept among the markers: one marker
/// `filters.<storefront>.<attribute>` per attribute (`option_size`, `cf_material`), so processes publishing at
/// once never lose one another's. Written as products are published; read by search to name a filter the
/// catalog does not have.
public enum CatalogFilterMarker {
    /// The prefix of `storefront`'s markers.
    public static func prefix(storefront: String) -> String { "filters.\(storefront)." }

    /// The marker of `attribute` in `storefront`'s catalog.
    public static func name(storefront: String, attribute: String) -> String { prefix(storefront: storefront) + attribute }
}
