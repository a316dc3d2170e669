import Foundation

extension SandboxStore {
    /// The orders and customers of the store.
    struct OrderBook {
        var orders: [Int: SandboxOrder] = [:]
        var customers: [Int: SandboxCustomer] = Dictionary(uniqueKeysWithValues: SandboxCustomer.seeded.map { ($0.id, $0) })
        var nextOrderID = 100
        var nextLineID = 1
    }

    // MARK: Customers

    /// Every customer, by id.
    public func customers() -> [SandboxCustomer] {
        orderBook.withLock { $0.customers.values.sorted { $0.id < $1.id } }
    }

    /// The customer with `id`, or nil.
    public func customer(id: Int) -> SandboxCustomer? {
        orderBook.withLock { $0.customers[id] }
    }

    /// Adds or replaces a customer.
    public func setCustomer(_ customer: SandboxCustomer) {
        orderBook.withLock { $0.customers[customer.id] = customer }
    }

    // MARK: Orders

    /// Every order, by id.
    public func orders() -> [SandboxOrder] {
        orderBook.withLock { $0.orders.values.sorted { $0.id < $1.id } }
    }

    /// The order with `id`, or nil.
    public func order(id: Int) -> SandboxOrder? {
        orderBook.withLock { $0.orders[id] }
    }

    /// Stores `order`; an id of 0 gets the next order id and lines with id 0 get fresh line ids. Returns the stored order.
    @discardableResult
    public func addOrder(_ order: SandboxOrder) -> SandboxOrder {
        orderBook.withLock { book in
            var order = order
            if order.id == 0 {
                order.id = book.nextOrderID
                book.nextOrderID += 1
            } else {
                book.nextOrderID = max(book.nextOrderID, order.id + 1)
            }
            for index in order.lines.indices where order.lines[index].id == 0 {
                order.lines[index].id = book.nextLineID
                book.nextLineID += 1
            }
            book.orders[order.id] = order
            return order
        }
    }

    /// Applies `change` to the order with `id` (`dateModified` is first set to now; lines added with id 0 get fresh
    /// ids). Returns the new order, or nil when there is none.
    @discardableResult
    public func updateOrder(id: Int, _ change: (inout SandboxOrder) -> Void) -> SandboxOrder? {
        orderBook.withLock { book in
            guard var order = book.orders[id] else { return nil }
            order.dateModified = Self.now()
            change(&order)
            order.id = id
            for index in order.lines.indices where order.lines[index].id == 0 {
                order.lines[index].id = book.nextLineID
                book.nextLineID += 1
            }
            book.orders[id] = order
            return order
        }
    }

    /// Removes the order with `id` entirely (as if it never existed); returns whether it did.
    @discardableResult
    public func removeOrder(id: Int) -> Bool {
        orderBook.withLock { $0.orders.removeValue(forKey: id) != nil }
    }
}
