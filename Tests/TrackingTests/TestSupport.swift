import Foundation
import Testing

@testable import Tracking

/// Fixed clock for every test: 2026-11-24T12:00:00Z.
let testNow = Date(timeIntervalSince1970: 1_795_521_600)

/// A valid event of `type` as a JSON object text, with `fields` (JSON members without braces) appended.
func eventJSON(id: String = "e1", type: String, fields: String) -> String {
    """
    {"id": "\(id)", "type": "\(type)", "visitor_id": "v8f3k2", "occurred_at": "2026-11-24T11:59:30.250Z", \(fields)}
    """
}

/// Parses a batch of event object texts at `testNow`.
func parseBatch(_ events: [String], limits: EventLimits = .default) throws(EventBatchError) -> EventBatch {
    try EventBatch.parse(Array("{\"events\": [\(events.joined(separator: ","))]}".utf8), limits: limits, now: testNow)
}

/// The single entry of a one-event batch.
func single(_ event: String) throws -> EventBatch.Entry {
    let batch = try parseBatch([event])
    try #require(batch.entries.count == 1)
    return batch.entries[0]
}

/// The rejection of a one-event batch (fails the test when it was accepted).
func rejection(_ event: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> EventRejection {
    guard case .rejected(let rejection) = try single(event) else {
        Issue.record("expected a rejection", sourceLocation: sourceLocation)
        throw TestFailure()
    }
    return rejection
}

/// The event of a one-event batch (fails the test when it was rejected).
func accepted(_ event: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TrackedEvent {
    switch try single(event) {
    case .accepted(let event): return event
    case .rejected(let rejection):
        Issue.record("rejected: \(rejection.code.rawValue) \(rejection.message)", sourceLocation: sourceLocation)
        throw TestFailure()
    }
}

struct TestFailure: Error {}
