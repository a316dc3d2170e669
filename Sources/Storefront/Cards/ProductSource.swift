/// Where the products of a placement or an email block came from (contract.md `source`).
public enum ProductSource: String, Sendable, Hashable, Encodable {
    /// Every product is one Clerk chose.
    case clerk
    /// Some products are Clerk's and the rest the storefront's best sellers in context, filling what Clerk's
    /// answer lacked (too few, or products that cannot be shown).
    case mixed
    /// Every product is a best seller in context (Clerk was slow or failing, or none of its products can be
    /// shown), or, for a block of the shopper's own products, nothing because Clerk failed.
    case fallback
    /// The shopper's cart as clerkbridge recorded it (an `abandoned_cart` email block).
    case cart

    /// The source of `count` products of which Clerk chose the first `chosenByClerk`; an empty answer is Clerk's
    /// when Clerk answered.
    init(chosenByClerk: Int, of count: Int, clerkAnswered: Bool) {
        if chosenByClerk == count {
            self = clerkAnswered ? .clerk : .fallback
        } else {
            self = chosenByClerk == 0 ? .fallback : .mixed
        }
    }
}
