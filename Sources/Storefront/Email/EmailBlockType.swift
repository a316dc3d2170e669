/// What an email product block shows (contract.md, `GET /v1/email/blocks`), and where its products come from.
///
/// | type | products | filled up with best sellers |
/// |---|---|---|
/// | `recommended` | Clerk `recommendations/visitor/complementary` for the shopper's email | yes |
/// | `abandoned_browse` | Clerk `recommendations/visitor/history` for the shopper's email (what they viewed) | no |
/// | `abandoned_cart` | the shopper's last cart that was not bought, as the storefront script reported it | no |
/// | `post_purchase` | Clerk `recommendations/customer/complementary` (from their orders) | yes |
///
/// Blocks that show the shopper's own products are never padded with others (an empty block lets the email
/// tool skip the section) and keep products that are out of stock; recommending blocks leave those out.
public enum EmailBlockType: String, Sendable, Hashable, CaseIterable {
    /// Personal recommendations from the shopper's browsing.
    case recommended
    /// What the shopper looked at recently.
    case abandonedBrowse = "abandoned_browse"
    /// What the shopper left in their cart.
    case abandonedCart = "abandoned_cart"
    /// What goes with what the shopper bought.
    case postPurchase = "post_purchase"

    /// Whether best sellers fill the block up to its limit.
    public var fillsUp: Bool { self == .recommended || self == .postPurchase }

    /// The labels sent to Clerk, so its reports show the emails' recommendations apart.
    public var labels: [String] {
        switch self {
        case .recommended: ["Email recommended"]
        case .abandonedBrowse: ["Email abandoned browse"]
        case .abandonedCart: ["Email abandoned cart"]
        case .postPurchase: ["Email post-purchase"]
        }
    }
}
