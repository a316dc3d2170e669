import Foundation

/// Why the filter parameters of `GET /v1/search` could not be turned into a Clerk filter; every case but
/// `tooManyFilters` names the parameter at fault, so the message can go back to the caller as a 400.
public enum ShopperFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name is not one of contract.md's search filters.
    case unknownParameter(String)
    /// An `option_<name>` / `cf_<name>` parameter whose name has no letter or digit left after mapping.md §6
    /// normalisation (no product can have such an attribute).
    case unusableName(parameter: String)
    /// `price_min`, `price_max` or `rating_min` is not a non-negative decimal number.
    case notANumber(parameter: String, value: String)
    /// A `category` value is not a positive integer id.
    case notACategoryID(parameter: String, value: String)
    /// `in_stock` is neither `true` nor `false`.
    case notABoolean(parameter: String, value: String)
    /// An `option_<name>` / `cf_<name>` filter on an attribute (`attribute`, normalised) no product of the
    /// storefront's catalog has; `known` are those of that kind it has.
    case notInCatalog(parameter: String, attribute: String, known: [String])
    /// A parameter that takes one value was given several different ones.
    case repeated(parameter: String)
    /// A value (or a parameter name) is longer than `limit` characters (Unicode scalars).
    case valueTooLong(parameter: String, limit: Int)
    /// A filter was given more than `limit` values.
    case tooManyValues(parameter: String, limit: Int)
    /// More than `limit` different filters were given.
    case tooManyFilters(limit: Int)
    /// `price_min` is greater than `price_max`.
    case emptyPriceRange

    /// The parameter at fault (`price_min` for `emptyPriceRange`), `nil` for `tooManyFilters`.
    public var parameter: String? {
        switch self {
        case .unknownParameter(let parameter),
             .unusableName(let parameter),
             .notANumber(let parameter, _),
             .notACategoryID(let parameter, _),
             .notABoolean(let parameter, _),
             .repeated(let parameter),
             .notInCatalog(let parameter, _, _),
             .valueTooLong(let parameter, _),
             .tooManyValues(let parameter, _):
            return parameter
        case .tooManyFilters:
            return nil
        case .emptyPriceRange:
            return "price_min"
        }
    }

    /// A human-readable explanation that names the parameter.
    public var description: String {
        switch self {
        case .unknownParameter(let parameter):
            return "\(Self.shown(parameter)) is not a search filter (brand, category, option_<name>, cf_<name>, price_min, price_max, rating_min, in_stock)"
        case .unusableName(let parameter):
            return "\(Self.shown(parameter)) names no attribute: the part after the prefix needs a letter or digit a-z, 0-9"
        case let .notANumber(parameter, value):
            return "\(parameter) must be a non-negative decimal number such as 10 or 19.99, not \(Self.shown(value))"
        case let .notACategoryID(parameter, value):
            return "\(parameter) must be a positive integer category id, not \(Self.shown(value))"
        case let .notABoolean(parameter, value):
            return "\(parameter) must be true or false, not \(Self.shown(value))"
        case .repeated(let parameter):
            return "\(parameter) may be given only once"
        case let .notInCatalog(parameter, attribute, known):
            let listed = known.isEmpty ? "none" : known.prefix(30).joined(separator: ", ") + (known.count > 30 ? ", …" : "")
            return "\(Self.shown(parameter)) filters \(attribute), which no product of this storefront has (it has: \(listed))"
        case let .valueTooLong(parameter, limit):
            return "a value of \(Self.shown(parameter)) is longer than \(limit) characters"
        case let .tooManyValues(parameter, limit):
            return "\(Self.shown(parameter)) has more than \(limit) values"
        case .tooManyFilters(let limit):
            return "more than \(limit) different filters"
        case .emptyPriceRange:
            return "price_min is greater than price_max"
        }
    }

    /// Shopper text in a message: quoted, cut to 40 characters, control characters written as escapes.
    private static func shown(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let cut = scalars.count > 40 ? String(String.UnicodeScalarView(scalars.prefix(40))) + "…" : text
        return cut.debugDescription
    }
}
