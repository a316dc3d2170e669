/// What failed, as recorded in a dead letter's `kind`.
public enum DeadLetterKind: String, Sendable, CaseIterable {
    /// Clerk refused a product document (or kept failing on it).
    case productPush = "product_push"
    /// Clerk would not delete a product.
    case productDelete = "product_delete"
    /// Clerk refused a category document.
    case categoryPush = "category_push"
    /// Clerk would not delete a category.
    case categoryDelete = "category_delete"
    /// BigCommerce returned a product clerkbridge could not read.
    case productDecode = "product_decode"
    /// Clerk refused an order of the history import (`POST /orders`).
    case orderPush = "order_push"
    /// Clerk refused a customer document.
    case customerPush = "customer_push"
    /// Clerk would not delete a customer.
    case customerDelete = "customer_delete"
}
