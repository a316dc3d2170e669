/// A counting semaphore for tasks whose capacity can change while it is in use: a lower capacity takes effect as
/// holders give their permits back, a higher one wakes waiters at once. Waiters are served in order.
actor Permits {
    private var capacity: Int
    private var held = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ capacity: Int) { self.capacity = max(1, capacity) }

    /// Permits held now.
    var inUse: Int { held }

    /// Permits that may be held at once now.
    var limit: Int { capacity }

    /// Waits for a permit and takes it.
    func acquire() async {
        if held < capacity, waiting.isEmpty {
            held += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a permit back.
    func release() {
        held = max(0, held - 1)
        wake()
    }

    /// Changes the capacity (at least one).
    func resize(_ newCapacity: Int) {
        capacity = max(1, newCapacity)
        wake()
    }

    /// Lets every waiter through, now and later (used when stopping).
    func open() {
        capacity = Int.max / 2
        wake()
    }

    private func wake() {
        while held < capacity, !waiting.isEmpty {
            held += 1
            waiting.removeFirst().resume()
        }
    }
}
