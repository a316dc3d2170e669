import Foundation

extension SandboxStore {
    /// The orders, customers and newsletter subscribers of the store.
    struct OrderBook {
        var orders: [Int: SandboxOrder] = [:]
        /// Order ids, ascending (orders are listed by id).
        var orderIDs: [Int] = []
        var customers: [Int: SandboxCustomer] = Dictionary(uniqueKeysWithValues: SandboxCustomer.seeded.map { ($0.id, $0) })
        var subscribers: [Int: SandboxSubscriber] = [:]
        /// `allow_global_logins` per channel (`/v3/customers/settings/channels/{id}`); absent: only channel 1.
        var globalLogins: [Int: Bool] = [:]
        var nextOrderID = 100
        var nextLineID = 1
        var nextCustomerID = 4
        var nextSubscriberID = 1

        mutating func store(_ order: SandboxOrder) {
            if orders.updateValue(order, forKey: order.id) == nil {
                if let last = orderIDs.last, last > order.id {
                    orderIDs.insert(order.id, at: Self.firstIndex(in: orderIDs, notBelow: order.id))
                } else {
                    orderIDs.append(order.id)
                }
            }
        }

        /// The index of the first id in `ids` (ascending) that is at least `id`.
        static func firstIndex(in ids: [Int], notBelow id: Int) -> Int {
            var low = 0
            var high = ids.count
            while low < high {
                let middle = (low + high) / 2
                if ids[middle] < id { low = middle + 1 } else { high = middle }
            }
            return low
        }
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

    /// Adds or replaces a customer; an id of 0 gets the next customer id. Returns the stored customer.
    @discardableResult
    public func setCustomer(_ customer: SandboxCustomer) -> SandboxCustomer {
        orderBook.withLock { book in
            var customer = customer
            if customer.id == 0 {
                customer.id = book.nextCustomerID
            }
            book.nextCustomerID = max(book.nextCustomerID, customer.id + 1)
            book.customers[customer.id] = customer
            return customer
        }
    }

    /// Removes the customer with `id`; returns it, or nil when there was none.
    @discardableResult
    public func removeCustomer(id: Int) -> SandboxCustomer? {
        orderBook.withLock { $0.customers.removeValue(forKey: id) }
    }

    /// Whether customers without channels of their own may log in on `channelID` (only channel 1 by default).
    public func allowsGlobalLogins(channelID: Int) -> Bool {
        orderBook.withLock { $0.globalLogins[channelID] ?? (channelID == 1) }
    }

    /// Sets whether customers without channels of their own may log in on `channelID`.
    public func setAllowsGlobalLogins(_ allowed: Bool, channelID: Int) {
        orderBook.withLock { $0.globalLogins[channelID] = allowed }
    }

    // MARK: Subscribers

    /// Every newsletter subscriber, by id.
    public func subscribers() -> [SandboxSubscriber] {
        orderBook.withLock { $0.subscribers.values.sorted { $0.id < $1.id } }
    }

    /// The subscriber with `id`, or nil.
    public func subscriber(id: Int) -> SandboxSubscriber? {
        orderBook.withLock { $0.subscribers[id] }
    }

    /// Adds or replaces a subscriber; an id of 0 gets the next subscriber id. Returns the stored subscriber.
    @discardableResult
    public func setSubscriber(_ subscriber: SandboxSubscriber) -> SandboxSubscriber {
        orderBook.withLock { book in
            var subscriber = subscriber
            if subscriber.id == 0 { subscriber.id = book.nextSubscriberID }
            book.nextSubscriberID = max(book.nextSubscriberID, subscriber.id + 1)
            book.subscribers[subscriber.id] = subscriber
            return subscriber
        }
    }

    /// Removes the subscriber with `id`; returns it, or nil when there was none.
    @discardableResult
    public func removeSubscriber(id: Int) -> SandboxSubscriber? {
        orderBook.withLock { $0.subscribers.removeValue(forKey: id) }
    }

    /// Removes every subscriber (what `DELETE /v3/customers/subscribers` without a filter does); returns how many.
    @discardableResult
    func removeAllSubscribers() -> Int {
        orderBook.withLock { book in
            defer { book.subscribers = [:] }
            return book.subscribers.count
        }
    }

    // MARK: Orders

    /// Every order, by id.
    public func orders() -> [SandboxOrder] {
        orderBook.withLock { book in book.orderIDs.compactMap { book.orders[$0] } }
    }

    /// The number of orders.
    public var orderCount: Int {
        orderBook.withLock { $0.orders.count }
    }

    /// Up to `limit` orders with an id of at least `minID` that satisfy `matches`, by id, after skipping the first
    /// `skip` of them.
    func orders(minID: Int, skip: Int, limit: Int, where matches: (SandboxOrder) -> Bool) -> [SandboxOrder] {
        orderBook.withLock { book in
            var found: [SandboxOrder] = []
            var skipped = 0
            var index = OrderBook.firstIndex(in: book.orderIDs, notBelow: minID)
            while index < book.orderIDs.count, found.count < limit {
                if let order = book.orders[book.orderIDs[index]], matches(order) {
                    if skipped < skip { skipped += 1 } else { found.append(order) }
                }
                index += 1
            }
            return found
        }
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
            book.store(order)
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
        orderBook.withLock { book in
            guard book.orders.removeValue(forKey: id) != nil else { return false }
            let index = OrderBook.firstIndex(in: book.orderIDs, notBelow: id)
            if index < book.orderIDs.count, book.orderIDs[index] == id { book.orderIDs.remove(at: index) }
            return true
        }
    }
}
