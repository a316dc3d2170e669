import BigCommerceAPI
import Foundation
import Logging
import Reliability
import SyncEngine
import SyncStore

/// Receives BigCommerce webhook deliveries: authenticates each one (contract.md, "Webhook
/// authentication"), decodes it leniently, stores it with the jobs it calls for in one transaction, and
/// answers at once. Nothing unauthenticated is decoded or stored.
public struct WebhookReceiver: Sendable {
    /// Largest body accepted; BigCommerce's payloads are thin (a few hundred bytes, more for batch
    /// price-list events), so anything near this is not a webhook.
    public static let defaultMaxBodyBytes = 1 << 20

    let authenticator: WebhookAuthenticator
    let inbox: any WebhookInbox
    let storeHash: String
    let signal: WorkSignal?
    /// Largest body accepted (larger → 413).
    public let maxBodyBytes: Int
    let logger: Logger

    /// Creates a receiver for the store `storeHash`; `signal` wakes this process's worker on new jobs.
    public init(
        authenticator: WebhookAuthenticator, inbox: any WebhookInbox, storeHash: String, signal: WorkSignal?,
        maxBodyBytes: Int = WebhookReceiver.defaultMaxBodyBytes, logger: Logger
    ) {
        self.authenticator = authenticator
        self.inbox = inbox
        self.storeHash = storeHash
        self.signal = signal
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    /// Handles one delivery given its headers (any case) and raw body, at `now`.
    public func receive(headers: [(name: String, value: String)], body: [UInt8], now: Date = Date()) async -> WebhookReceipt {
        if case .rejected(let reason) = authenticator.authenticate(headers: headers, body: body, now: now) {
            logger.warning("Webhook delivery refused: authentication failed", metadata: ["reason": "\(reason)"])
            return WebhookReceipt(status: 401, code: "unauthenticated", message: "webhook authentication failed: \(reason)")
        }
        let payload: WebhookPayload
        do {
            payload = try WebhookPayload.decode(body)
        } catch {
            logger.warning("Webhook delivery refused: not a webhook body", metadata: ["reason": "\(error)"])
            return WebhookReceipt(status: 400, code: "invalid_payload", message: error.description)
        }
        if let producer = payload.producer, producer != "stores/\(storeHash)" {
            logger.warning("Webhook delivery refused: another store's", metadata: ["producer": "\(producer)"])
            return WebhookReceipt(
                status: 422, code: "wrong_store", message: "the delivery's producer `\(producer)` is not this store")
        }
        let jobs: [(JobKey, [UInt8])]
        do {
            jobs = try WebhookJobPlanner.jobs(for: payload)
        } catch {
            logger.warning("Webhook delivery refused", metadata: ["scope": "\(payload.scope)", "reason": "\(error)"])
            return WebhookReceipt(status: 422, code: Self.code(error), message: error.description)
        }
        let delivery = WebhookDelivery(
            webhookID: WebhookAuthenticator.value(of: WebhookAuthenticator.idHeader, in: headers),
            payloadHash: Self.dedupeKey(payload), scope: payload.scope, storeID: payload.storeID, body: body)
        do {
            switch try await inbox.accept(delivery, jobs: jobs, now: now) {
            case .accepted(let id):
                if !jobs.isEmpty { signal?.notify(.jobs(jobs.map(\.0.kind))) }
                logger.debug("Webhook delivery stored", metadata: [
                    "delivery": "\(id)", "scope": "\(payload.scope)", "jobs": "\(jobs.count)",
                ])
                return WebhookReceipt(status: 200, code: "accepted", deliveryID: id, jobs: jobs.count)
            case .duplicate(let id):
                logger.debug("Duplicate webhook delivery ignored", metadata: ["delivery": "\(id)", "scope": "\(payload.scope)"])
                return WebhookReceipt(status: 200, code: "duplicate", deliveryID: id)
            }
        } catch {
            logger.error("Webhook delivery not stored; BigCommerce will retry", metadata: ["error": "\(error)"])
            return WebhookReceipt(
                status: 503, code: "storage_unavailable", message: "the delivery could not be stored; retry later")
        }
    }

    /// The payload `hash` with `created_at`: BigCommerce repeats both on a redelivery, while the hash
    /// alone (of `data`) is the same for two separate edits of one product.
    static func dedupeKey(_ payload: WebhookPayload) -> String? {
        guard let hash = payload.hash, !hash.isEmpty else { return nil }
        return "\(hash)@\(payload.createdAt.map(String.init) ?? "")"
    }

    private static func code(_ error: WebhookJobPlanner.PlanError) -> String {
        switch error {
        case .unknownScope: "unknown_scope"
        case .missingIdentifier: "missing_identifier"
        }
    }
}
