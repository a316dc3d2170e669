/// One record of a webhook's `data` (reference §5.2): which resource changed, plus the scope-specific fields.
///
/// Every field is optional because each scope sends a different subset; a field of an unexpected kind
/// reads as `nil` rather than failing the delivery.
public struct WebhookData: Decodable, Sendable, Hashable {
    /// `product`, `sku`, `category`, `order`, `cart`, `cart_line_item`, `store`, … (absent for channel and price-list scopes).
    public var type: String?
    /// The resource id as sent: digits for catalog records, a UUID for carts.
    public var id: String?
    /// `inventory` of the inventory scopes.
    public var inventory: Inventory?
    /// `sku` of the `store/sku/*` scopes.
    public var sku: SKU?
    /// `status` of `store/order/statusUpdated`.
    public var status: StatusChange?
    /// `orderId` (cart converted) or `order_id` (order transactions, per-channel order scopes), as text.
    public var orderID: String?
    /// `cartId` (cart line items) or `cart_id` (per-channel cart scopes).
    public var cartID: String?
    /// `product_id` (channel product assignment, location inventory).
    public var productID: Int?
    /// `category_id` (per-channel category scopes).
    public var categoryID: Int?
    /// `tree_id` (`store/channel/{id}/categoryTree/updated`, per-channel category scopes).
    public var treeID: Int?
    /// `price_list_id` (price-list records and assignments).
    public var priceListID: Int?
    /// `variant_id` (price-list records, location inventory).
    public var variantID: Int?
    /// `currency` (price-list records).
    public var currency: String?
    /// `channel_id` (price-list assignments).
    public var channelID: Int?
    /// `customer_group_id` (price-list assignments).
    public var customerGroupID: Int?
    /// `context` of `store/product/updated` for a channel/locale edit.
    public var context: Context?
    /// The customer of `store/customer/channel/login/access/updated` (`customer_id`) or of an address event
    /// (`address.customer_id`, where `id` is the address).
    public var customerID: Int?
    /// `properties` of `store/product/updated`: the changed fields; empty when absent.
    public var properties: [String]

    /// `id` as an integer, when it is one (catalog records; `nil` for cart UUIDs).
    public var intID: Int? {
        id.flatMap { Int($0) }
    }

    /// Creates a record (for tests and the sandbox).
    public init(
        type: String? = nil, id: String? = nil, inventory: Inventory? = nil, sku: SKU? = nil,
        status: StatusChange? = nil, orderID: String? = nil, cartID: String? = nil, productID: Int? = nil,
        categoryID: Int? = nil, treeID: Int? = nil, priceListID: Int? = nil, variantID: Int? = nil,
        currency: String? = nil, channelID: Int? = nil, customerGroupID: Int? = nil, context: Context? = nil,
        properties: [String] = [], customerID: Int? = nil
    ) {
        self.customerID = customerID
        self.type = type
        self.id = id
        self.inventory = inventory
        self.sku = sku
        self.status = status
        self.orderID = orderID
        self.cartID = cartID
        self.productID = productID
        self.categoryID = categoryID
        self.treeID = treeID
        self.priceListID = priceListID
        self.variantID = variantID
        self.currency = currency
        self.channelID = channelID
        self.customerGroupID = customerGroupID
        self.context = context
        self.properties = properties
    }

    private enum CodingKeys: String, CodingKey {
        case type, id, inventory, sku, status, currency, context, properties
        case orderIDCamel = "orderId"
        case orderIDSnake = "order_id"
        case cartIDCamel = "cartId"
        case cartIDSnake = "cart_id"
        case productID = "product_id"
        case categoryID = "category_id"
        case treeID = "tree_id"
        case priceListID = "price_list_id"
        case variantID = "variant_id"
        case channelID = "channel_id"
        case customerGroupID = "customer_group_id"
        case customerID = "customer_id"
        case address
    }

    private struct AddressOwner: Decodable {
        var customerID: Int?

        private enum CodingKeys: String, CodingKey { case customerID = "customer_id" }

        init(from decoder: any Decoder) throws {
            customerID = (try? decoder.container(keyedBy: CodingKeys.self))?.lenientOptionalInt(.customerID)
        }
    }

    /// Decodes any of the documented `data` shapes; unknown members are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = c.lenientText(.type)
        id = c.lenientText(.id)
        inventory = c.lenientObject(Inventory.self, .inventory)
        sku = c.lenientObject(SKU.self, .sku)
        status = c.lenientObject(StatusChange.self, .status)
        orderID = c.lenientText(.orderIDCamel) ?? c.lenientText(.orderIDSnake)
        cartID = c.lenientText(.cartIDCamel) ?? c.lenientText(.cartIDSnake)
        productID = c.lenientOptionalInt(.productID)
        categoryID = c.lenientOptionalInt(.categoryID)
        treeID = c.lenientOptionalInt(.treeID)
        priceListID = c.lenientOptionalInt(.priceListID)
        variantID = c.lenientOptionalInt(.variantID)
        currency = c.lenientText(.currency)
        channelID = c.lenientOptionalInt(.channelID)
        customerGroupID = c.lenientOptionalInt(.customerGroupID)
        context = c.lenientObject(Context.self, .context)
        properties = c.lenientObject([String].self, .properties) ?? []
        customerID = c.lenientOptionalInt(.customerID) ?? c.lenientObject(AddressOwner.self, .address)?.customerID
    }

    /// `inventory {product_id, variant_id?, method, value}` of the product and SKU inventory scopes.
    public struct Inventory: Decodable, Sendable, Hashable {
        /// The product whose stock changed.
        public var productID: Int?
        /// The variant, for SKU inventory scopes.
        public var variantID: Int?
        /// `absolute` or `relative`.
        public var method: String?
        /// The new level (`absolute`) or the change (`relative`).
        public var value: Int?

        /// Creates an inventory change.
        public init(productID: Int? = nil, variantID: Int? = nil, method: String? = nil, value: Int? = nil) {
            self.productID = productID
            self.variantID = variantID
            self.method = method
            self.value = value
        }

        private enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case variantID = "variant_id"
            case method, value
        }

        /// Decodes leniently (ids and value as numbers or strings).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            productID = c.lenientOptionalInt(.productID)
            variantID = c.lenientOptionalInt(.variantID)
            method = c.lenientText(.method)
            value = c.lenientOptionalInt(.value)
        }
    }

    /// `sku {product_id, variant_id}` of the `store/sku/*` scopes.
    public struct SKU: Decodable, Sendable, Hashable {
        /// The product the SKU belongs to.
        public var productID: Int?
        /// The variant behind the SKU.
        public var variantID: Int?

        /// Creates a SKU reference.
        public init(productID: Int? = nil, variantID: Int? = nil) {
            self.productID = productID
            self.variantID = variantID
        }

        private enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case variantID = "variant_id"
        }

        /// Decodes leniently (ids as numbers or strings).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            productID = c.lenientOptionalInt(.productID)
            variantID = c.lenientOptionalInt(.variantID)
        }
    }

    /// `status {previous_status_id, new_status_id}` of `store/order/statusUpdated`.
    public struct StatusChange: Decodable, Sendable, Hashable {
        /// The order status before.
        public var previousStatusID: Int?
        /// The order status after.
        public var newStatusID: Int?

        /// Creates a status change.
        public init(previousStatusID: Int? = nil, newStatusID: Int? = nil) {
            self.previousStatusID = previousStatusID
            self.newStatusID = newStatusID
        }

        private enum CodingKeys: String, CodingKey {
            case previousStatusID = "previous_status_id"
            case newStatusID = "new_status_id"
        }

        /// Decodes leniently (ids as numbers or strings).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            previousStatusID = c.lenientOptionalInt(.previousStatusID)
            newStatusID = c.lenientOptionalInt(.newStatusID)
        }
    }

    /// `context {channel_id, locale}` of `store/product/updated` for a channel-locale edit.
    public struct Context: Decodable, Sendable, Hashable {
        /// The channel the edit applies to.
        public var channelID: Int?
        /// The locale the edit applies to, e.g. `fr`.
        public var locale: String?

        /// Creates a context.
        public init(channelID: Int? = nil, locale: String? = nil) {
            self.channelID = channelID
            self.locale = locale
        }

        private enum CodingKeys: String, CodingKey {
            case channelID = "channel_id"
            case locale
        }

        /// Decodes leniently (channel id as a number or a string).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            channelID = c.lenientOptionalInt(.channelID)
            locale = c.lenientText(.locale)
        }
    }
}
