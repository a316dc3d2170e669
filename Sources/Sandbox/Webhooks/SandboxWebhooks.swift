import AsyncHTTPClient
import Crypto
import Foundation
import JSONSupport
import NIOCore
import Synchronization

/// The sandbox store's webhook subscriptions and their delivery, as BigCommerce does it (reference §5):
/// thin payloads `{scope, store_id, data, hash, created_at, producer}` POSTed to every active hook whose scope
/// matches, signed Standard Webhooks style, retried on failure and deactivating the hook when retries run out,
/// with optional duplicates, reordering and per-domain deny-listing.
///
/// ```swift
/// sandbox.webhooks.configure { $0.retryDelays = [.milliseconds(20)] }
/// _ = try sandbox.webhooks.createHook(scope: "store/product/*", destination: receiverURL)
/// sandbox.catalogEvents.setPrice(productID: 112, price: 9.5)
/// _ = await sandbox.webhooks.waitUntilIdle()
/// ```
public final class SandboxWebhooks: Sendable {
    /// The client id hooks are registered under (the sandbox has one API account).
    public static let clientID = "sandbox-client-id"
    /// The numeric store id sent as `store_id` (the same as `store_id` of `GET /v2/store`).
    public static let storeID = "1000001"
    /// Hooks per store, client and scope at most.
    public static let maxHooksPerScope = 10

    /// The store hash (`producer` is `stores/{store_hash}`).
    public let storeHash: String
    /// Key of the `webhook-signature` HMAC; nil sends no Standard Webhooks headers.
    public let clientSecret: String?
    /// Whether `http://` destinations and ports other than 443 are accepted.
    public let allowsInsecureDestinations: Bool

    struct Delivery: Sendable {
        var hookID: Int
        var webhookID: String
        var body: [UInt8]
        /// 0 for the first try, n for the n-th retry.
        var attempt: Int
        var isDuplicate: Bool
        /// Where the outcome of each attempt is recorded, when the event was emitted under a trace.
        var trace: TraceSlot? = nil
    }

    /// An event's place in a ``SandboxWebhookTrace``.
    struct TraceSlot: Sendable {
        let trace: SandboxWebhookTrace
        let event: Int
    }

    /// The trace events emitted by this task are recorded in (see ``tracing(_:_:)``).
    @TaskLocal static var currentTrace: SandboxWebhookTrace?

    enum Message: Sendable {
        case deliver(Delivery)
        case later(Delivery, Duration)
        case flushReorderBuffer(after: Duration)
    }

    struct State {
        var hooks: [Int: SandboxHook] = [:]
        var nextHookID = 25_000_001
        var emails: [String] = []
        var settings = WebhookDeliverySettings()
        var counters = WebhookCounters()
        var random: SplitMix64
        var domains: [String: WebhookDomainHealth] = [:]
        var reorderBuffer: [Delivery] = []
        var reorderFlushScheduled = false
        var isShutDown = false
    }

    let state: Mutex<State>
    let httpClient: HTTPClient
    let messages: AsyncStream<Message>.Continuation
    let dispatcher = Mutex<Task<Void, Never>?>(nil)

    /// Creates the webhook machinery with no hooks and starts its dispatcher; call ``shutdown()`` when done.
    public init(storeHash: String, clientSecret: String?, allowsInsecureDestinations: Bool, seed: UInt64) {
        self.storeHash = storeHash
        self.clientSecret = clientSecret.flatMap { $0.isEmpty ? nil : $0 }
        self.allowsInsecureDestinations = allowsInsecureDestinations
        state = Mutex(State(random: SplitMix64(seed: seed)))
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection is a failed attempt at once, as for BigCommerce, not a reason to keep dialling.
        configuration.connectionPool.retryConnectionEstablishment = false
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let (stream, continuation) = AsyncStream<Message>.makeStream()
        messages = continuation
        let task = Task { [self] in await dispatch(stream) }
        dispatcher.withLock { $0 = task }
    }

    // MARK: Settings and counters

    /// The current delivery settings.
    public var settings: WebhookDeliverySettings {
        state.withLock { $0.settings }
    }

    /// Replaces the delivery settings (applies to attempts made from now on).
    public func configure(_ settings: WebhookDeliverySettings) {
        state.withLock { $0.settings = settings }
    }

    /// Changes the delivery settings in place.
    public func configure(_ change: (inout WebhookDeliverySettings) -> Void) {
        state.withLock { change(&$0.settings) }
    }

    /// A snapshot of the counters.
    public var counters: WebhookCounters {
        state.withLock { $0.counters }
    }

    /// Zeroes the counters except `pending`.
    public func resetCounters() {
        state.withLock { state in
            var fresh = WebhookCounters()
            fresh.pending = state.counters.pending
            state.counters = fresh
        }
    }

    /// Whether no delivery is queued, in flight or waiting for a retry.
    public var isIdle: Bool {
        state.withLock { $0.counters.pending == 0 }
    }

    /// Polls until nothing is pending or `timeout` passes; returns whether it became idle.
    public func waitUntilIdle(timeout: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isIdle {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    // MARK: Hooks

    /// Every hook, by id.
    public func hooks() -> [SandboxHook] {
        state.withLock { $0.hooks.values.sorted { $0.id < $1.id } }
    }

    /// The hook with `id`, if any.
    public func hook(id: Int) -> SandboxHook? {
        state.withLock { $0.hooks[id] }
    }

    /// Registers a hook as `POST /v3/hooks` does; throws what the API answers with 422.
    public func createHook(scope: String, destination: String, isActive: Bool = true, headers: [String: String]? = nil) throws(SandboxHookError) -> SandboxHook {
        try validate(scope: scope, destination: destination)
        let now = Self.unixNow()
        return try state.withLock { state throws(SandboxHookError) in
            try Self.checkUnique(scope: scope, destination: destination, except: nil, in: state)
            let hook = SandboxHook(
                id: state.nextHookID, clientID: Self.clientID, storeHash: storeHash, scope: scope, destination: destination,
                isActive: isActive, headers: headers, createdAt: now, updatedAt: now, wasDeactivated: false)
            state.nextHookID += 1
            state.hooks[hook.id] = hook
            return hook
        }
    }

    /// Changes the given members of a hook as `PUT /v3/hooks/{id}` does; nil when there is no such hook. Setting
    /// `isActive` re-enables (or switches off) a hook the platform deactivated.
    public func updateHook(id: Int, scope: String? = nil, destination: String? = nil, isActive: Bool? = nil, headers: [String: String]? = nil) throws(SandboxHookError) -> SandboxHook? {
        guard let current = hook(id: id) else { return nil }
        let newScope = scope ?? current.scope
        let newDestination = destination ?? current.destination
        try validate(scope: newScope, destination: newDestination)
        return try state.withLock { state throws(SandboxHookError) in
            guard var hook = state.hooks[id] else { return nil }
            try Self.checkUnique(scope: newScope, destination: newDestination, except: id, in: state)
            hook.scope = newScope
            hook.destination = newDestination
            if let isActive {
                hook.isActive = isActive
                hook.wasDeactivated = false
            }
            if let headers { hook.headers = headers }
            hook.updatedAt = Self.unixNow()
            state.hooks[id] = hook
            return hook
        }
    }

    /// Deletes a hook; returns it, or nil when there was none. Its pending deliveries are dropped.
    @discardableResult
    public func deleteHook(id: Int) -> SandboxHook? {
        state.withLock { $0.hooks.removeValue(forKey: id) }
    }

    /// Addresses notified about deactivations and deny-listing (`emails` of `/v3/hooks/admin`).
    public var notificationEmails: [String] {
        get { state.withLock { $0.emails } }
        set { state.withLock { $0.emails = newValue } }
    }

    /// Domains deny-listed now, by name.
    public func blockedDomains() -> [SandboxBlockedDomain] {
        let now = ContinuousClock.now
        return state.withLock { state in
            state.domains.compactMap { name, health in
                guard let remaining = health.blockRemaining(now: now) else { return nil }
                let seconds = Int((Double(remaining.components.attoseconds) / 1e18 + Double(remaining.components.seconds)).rounded(.up))
                return SandboxBlockedDomain(destination: name, timeLeft: max(1, seconds), reasons: health.reasons)
            }.sorted { $0.destination < $1.destination }
        }
    }

    func validate(scope: String, destination: String) throws(SandboxHookError) {
        guard scope.hasPrefix("store/"), scope.count > 6 else {
            throw SandboxHookError(field: "scope", message: "scope must be a webhook scope such as store/product/updated")
        }
        guard let url = URL(string: destination), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw SandboxHookError(field: "destination", message: "destination must be an absolute URL")
        }
        if allowsInsecureDestinations {
            guard scheme == "https" || scheme == "http" else {
                throw SandboxHookError(field: "destination", message: "destination must be an http(s) URL")
            }
        } else {
            guard scheme == "https", (url.port ?? 443) == 443 else {
                throw SandboxHookError(field: "destination", message: "destination must be an https URL on port 443")
            }
        }
    }

    static func checkUnique(scope: String, destination: String, except id: Int?, in state: State) throws(SandboxHookError) {
        let others = state.hooks.values.filter { $0.id != id }
        if others.contains(where: { $0.scope == scope && $0.destination == destination }) {
            throw SandboxHookError(field: "destination", message: "a hook for this scope and destination already exists")
        }
        if others.filter({ $0.scope == scope }).count >= maxHooksPerScope {
            throw SandboxHookError(field: "scope", message: "at most \(maxHooksPerScope) hooks per scope")
        }
    }

    // MARK: Events

    /// Runs `change` with every event it emits, and how their deliveries go, recorded in `trace`.
    public static func tracing<T>(_ trace: SandboxWebhookTrace, _ change: () throws -> T) rethrows -> T {
        try $currentTrace.withValue(trace, operation: change)
    }

    /// Emits an event: builds the payload and schedules a delivery to every active hook whose scope matches.
    /// Returns the number of deliveries scheduled (duplicates included).
    @discardableResult
    public func emit(scope: String, data: JSONValue) -> Int {
        let body = payload(scope: scope, data: data, createdAt: Self.unixNow())
        let trace = Self.currentTrace
        var toSend: [Delivery] = []
        var flushAfter: Duration?
        let count = state.withLock { state -> Int in
            state.counters.eventsEmitted += 1
            guard !state.isShutDown else { return 0 }
            let hooks = state.hooks.values.sorted(by: { $0.id < $1.id }).filter { $0.isActive && $0.matches(scope) }
            let slot = trace.map { TraceSlot(trace: $0, event: $0.emitted(scope: scope, data: data, hooks: hooks)) }
            var deliveries: [Delivery] = []
            for hook in hooks {
                let delivery = Delivery(
                    hookID: hook.id, webhookID: "msg_" + String(state.random.next(), radix: 16), body: body, attempt: 0,
                    isDuplicate: false, trace: slot)
                deliveries.append(delivery)
                if state.settings.duplicateRate > 0, state.random.unit() < state.settings.duplicateRate {
                    var duplicate = delivery
                    duplicate.isDuplicate = true
                    deliveries.append(duplicate)
                }
            }
            state.counters.pending += deliveries.count
            if state.settings.reorderWindow > 0 {
                state.reorderBuffer += deliveries
                if state.reorderBuffer.count >= state.settings.reorderWindow {
                    toSend = Self.shuffled(state.reorderBuffer, &state.random)
                    state.reorderBuffer.removeAll()
                } else if !state.reorderBuffer.isEmpty, !state.reorderFlushScheduled {
                    state.reorderFlushScheduled = true
                    flushAfter = state.settings.reorderDelay
                }
            } else {
                toSend = deliveries
            }
            return deliveries.count
        }
        for delivery in toSend { messages.yield(.deliver(delivery)) }
        if let flushAfter { messages.yield(.flushReorderBuffer(after: flushAfter)) }
        return count
    }

    /// The delivery body: `{scope, store_id, data, hash, created_at, producer}`, `hash` the hex SHA-1 of the data's JSON.
    func payload(scope: String, data: JSONValue, createdAt: Int) -> [UInt8] {
        let dataBytes = data.encoded()
        let hash = Hex.lowercase(Array(Insecure.SHA1.hash(data: dataBytes)))
        var writer = JSONWriter(capacity: dataBytes.count + 256)
        writer.openObject()
        writer.field("scope", scope)
        writer.field("store_id", Self.storeID)
        writer.key("data")
        writer.rawValue(dataBytes)
        writer.field("hash", hash)
        writer.field("created_at", createdAt)
        writer.field("producer", "stores/\(storeHash)")
        writer.closeObject()
        return writer.bytes
    }

    static func shuffled(_ deliveries: [Delivery], _ random: inout SplitMix64) -> [Delivery] {
        var result = deliveries
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, random.int(0...index))
        }
        return result
    }

    func flushReorderBuffer() {
        let toSend = state.withLock { state in
            state.reorderFlushScheduled = false
            defer { state.reorderBuffer.removeAll() }
            return Self.shuffled(state.reorderBuffer, &state.random)
        }
        for delivery in toSend { messages.yield(.deliver(delivery)) }
    }

    // MARK: Delivery

    /// Runs deliveries at most `maxConcurrentDeliveries` at a time; timers (retries, reorder flushes) run beside
    /// them. A discarding group keeps no finished children; finished deliveries hand their slot back via `freed`.
    func dispatch(_ stream: AsyncStream<Message>) async {
        let (freed, slotFreed) = AsyncStream<Void>.makeStream()
        var freedSlots = freed.makeAsyncIterator()
        await withDiscardingTaskGroup { group in
            var inFlight = 0
            for await message in stream {
                switch message {
                case .deliver(let delivery):
                    let limit = max(1, settings.maxConcurrentDeliveries)
                    while inFlight >= limit {
                        guard await freedSlots.next() != nil else {
                            group.cancelAll()
                            return
                        }
                        inFlight -= 1
                    }
                    group.addTask {
                        await self.attempt(delivery)
                        slotFreed.yield()
                    }
                    inFlight += 1
                case .later(let delivery, let delay):
                    group.addTask {
                        guard (try? await Task.sleep(for: delay)) != nil else { return }
                        self.messages.yield(.deliver(delivery))
                    }
                case .flushReorderBuffer(let delay):
                    group.addTask {
                        guard (try? await Task.sleep(for: delay)) != nil else { return }
                        self.flushReorderBuffer()
                    }
                }
            }
            group.cancelAll()
        }
        slotFreed.finish()
    }

    /// One HTTP attempt of `delivery`, then its bookkeeping: success, a scheduled retry, or deactivation.
    func attempt(_ delivery: Delivery) async {
        let now = ContinuousClock.now
        enum Plan { case drop, hold(Duration), send(SandboxHook, WebhookDeliverySettings) }
        let plan = state.withLock { state -> Plan in
            guard let hook = state.hooks[delivery.hookID], hook.isActive, !state.isShutDown else {
                state.counters.pending -= 1
                return .drop
            }
            if let remaining = state.domains[Self.domain(of: hook.destination)]?.blockRemaining(now: now) {
                state.counters.heldByBlockedDomain += 1
                return .hold(remaining)
            }
            state.counters.deliveriesAttempted += 1
            if delivery.isDuplicate, delivery.attempt == 0 { state.counters.duplicatesSent += 1 }
            return .send(hook, state.settings)
        }
        let hook: SandboxHook
        let settings: WebhookDeliverySettings
        switch plan {
        case .drop:
            if let slot = delivery.trace, !delivery.isDuplicate {
                slot.trace.record(event: slot.event, hookID: delivery.hookID, .dropped)
            }
            return
        case .hold(let remaining):
            messages.yield(.later(delivery, remaining))
            return
        case .send(let sendingHook, let currentSettings):
            hook = sendingHook
            settings = currentSettings
        }

        let failure = await send(delivery, to: hook, timeout: settings.timeout)
        if Task.isCancelled { return }
        let finished = ContinuousClock.now
        let retryDelay: Duration? = state.withLock { state in
            let domain = Self.domain(of: hook.destination)
            _ = state.domains[domain, default: WebhookDomainHealth()].record(
                failure: failure, now: finished, unixTime: Self.unixNow(), settings: state.settings)
            guard failure != nil else {
                state.counters.deliveriesSucceeded += 1
                state.counters.pending -= 1
                return nil
            }
            state.counters.failedAttempts += 1
            let delays = state.settings.retryDelays
            if delivery.attempt < delays.count { return delays[delivery.attempt] }
            state.counters.pending -= 1
            if var current = state.hooks[hook.id], current.isActive {
                current.isActive = false
                current.wasDeactivated = true
                current.updatedAt = Self.unixNow()
                state.hooks[hook.id] = current
                state.counters.hooksDeactivated += 1
            }
            return nil
        }
        if let slot = delivery.trace, !delivery.isDuplicate {
            slot.trace.record(
                event: slot.event, hookID: hook.id, failure.map { .failed(reason: $0, retryIn: retryDelay) } ?? .delivered)
        }
        if let retryDelay {
            var retry = delivery
            retry.attempt += 1
            messages.yield(.later(retry, retryDelay))
        }
    }

    /// POSTs the delivery; nil on a 2xx, else what failed.
    func send(_ delivery: Delivery, to hook: SandboxHook, timeout: Duration) async -> String? {
        var request = HTTPClientRequest(url: hook.destination)
        request.method = .POST
        for (name, value) in (hook.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        if let clientSecret {
            let timestamp = Self.unixNow()
            request.headers.replaceOrAdd(name: "webhook-id", value: delivery.webhookID)
            request.headers.replaceOrAdd(name: "webhook-timestamp", value: String(timestamp))
            request.headers.replaceOrAdd(
                name: "webhook-signature",
                value: Self.signature(id: delivery.webhookID, timestamp: timestamp, body: delivery.body, secret: clientSecret))
        }
        request.body = .bytes(ByteBuffer(bytes: delivery.body))
        do {
            let response = try await httpClient.execute(request, timeout: Self.timeAmount(timeout))
            _ = try? await response.body.collect(upTo: 1 << 20)
            let code = Int(response.status.code)
            return (200..<300).contains(code) ? nil : "HTTP \(code)"
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return "Timeout"
        } catch {
            return "Connection failure"
        }
    }

    /// `v1,<base64 HMAC-SHA256>` keyed with the secret's UTF-8 bytes over `"{id}.{timestamp}.{body}"` (Standard Webhooks).
    static func signature(id: String, timestamp: Int, body: [UInt8], secret: String) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: Array(secret.utf8)))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The deny-listing unit: the destination's host.
    static func domain(of destination: String) -> String {
        URL(string: destination)?.host?.lowercased() ?? destination
    }

    static func unixNow() -> Int {
        Int(Date().timeIntervalSince1970)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Stops delivering: drops whatever is pending, cancels attempts in flight and shuts the HTTP client down.
    public func shutdown() async {
        state.withLock { $0.isShutDown = true }
        messages.finish()
        let task = dispatcher.withLock { $0 }
        task?.cancel()
        await task?.value
        try? await httpClient.shutdown()
    }
}
