import ArgumentParser
import AsyncHTTPClient
import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import JSONSupport
import Logging
import Sandbox
import SyncEngine
import Tracking

extension BenchmarkCommand {
    /// Times each hand-written part of `JSONSupport` against what Foundation's `JSONEncoder`/`JSONDecoder` would do
    /// in its place, on the sandbox's data, in one process (BENCHMARKS.md, "Hand-written JSON").
    struct JSONParts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "json",
            abstract: "Time the hand-written JSON parts against Foundation's Codable on sandbox data.")

        @Option(help: "Timed rounds per figure; the best round is reported (the cores are shared).") var rounds = 7

        func run() async throws {
            var quiet = Logger(label: "benchmark")
            quiet.logLevel = .critical
            let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1_000), logger: quiet)
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let pages = try await SamplePages.fetch(from: sandbox, http: http)
                let documents = try await SamplePages.documents(of: pages.clean, sandbox: sandbox, http: http, logger: quiet)
                var timer = RoundTimer(rounds: rounds)
                try productPages(pages, timer: &timer)
                canonicalDocuments(documents, timer: &timer)
                try upsertBodies(documents, timer: &timer)
                try eventBatches(timer: &timer)
                try clerkAnswers(timer: &timer)
                timestamps(timer: &timer)
            } catch {
                try? await http.shutdown()
                await sandbox.shutdown()
                throw error
            }
            try await http.shutdown()
            await sandbox.shutdown()
        }

        /// One malformed product in a page of 250: sliced out and kept byte for byte, or Foundation's way.
        func productPages(_ pages: SamplePages, timer: inout RoundTimer) throws {
            let models = try timer.time("page of 250 products, clean, JSONDecoder into the Decodable models", per: "page") {
                _ = try JSONDecoder().decode(ProductsEnvelope.self, from: Data(pages.clean))
            }
            let clean = try timer.time(
                "the same page read in place (ProductPageReader, the fast path)", per: "page", against: models
            ) {
                _ = try BigCommerceClient.decodeProductPage(pages.clean, pageSize: 250)
            }
            let page = try BigCommerceClient.decodeProductPage(pages.broken, pageSize: 250)
            let kept = page.malformed.first.map { pages.broken.contains(slice: [UInt8]($0.payload)) } ?? false
            _ = try timer.time(
                "page of 250 with 1 malformed product: JSONScanner slices, JSONDecoder decodes each (kept bytes verbatim: \(kept))",
                per: "page", against: clean
            ) {
                _ = try BigCommerceClient.decodeProductPage(pages.broken, pageSize: 250)
            }
            let foundation = try Alternatives.isolateWithFoundation(pages.broken)
            _ = try timer.time(
                "the same with Foundation only: failable elements, the bad one re-serialised (verbatim: \(foundation.verbatim))",
                per: "page", against: clean
            ) {
                _ = try Alternatives.isolateWithFoundation(pages.broken)
            }
        }

        /// Canonical JSON of mapped documents: the writer, or `JSONEncoder` with sorted keys.
        func canonicalDocuments(_ documents: [ClerkDocument], timer: inout RoundTimer) {
            let writer = timer.time("canonical JSON of \(documents.count) mapped documents, JSONWriter", per: "document", count: documents.count) {
                for document in documents { _ = document.canonicalJSON }
            }
            let identical = documents.filter { Alternatives.encodedWithFoundation($0) == $0.canonicalJSON }.count
            _ = timer.time(
                "the same with JSONEncoder (.sortedKeys, .withoutEscapingSlashes): \(identical) of \(documents.count) byte-identical",
                per: "document", count: documents.count, against: writer
            ) {
                for document in documents { _ = Alternatives.encodedWithFoundation(document) }
            }
            _ = timer.time("content hash (swift-crypto SHA-256, hex) of the same", per: "document", count: documents.count) {
                for document in documents { _ = EncodedDocument(document) }
            }
        }

        /// An upsert body of 250 documents: their canonical JSON (made anyway, for the content hash) spliced, or
        /// the documents encoded again by `JSONEncoder`.
        func upsertBodies(_ documents: [ClerkDocument], timer: inout RoundTimer) throws {
            let batch = Array(documents.prefix(250))
            let raw = batch.map(\.canonicalJSON)
            let splice = timer.time("upsert body of \(raw.count) documents, spliced by JSONWriter", per: "body") {
                var writer = JSONWriter(capacity: raw.reduce(64) { $0 + $1.count + 1 })
                writer.openObject()
                writer.field("key", "public")
                writer.field("private_key", "private")
                writer.key("products")
                writer.openArray()
                for document in raw { writer.rawValue(document) }
                writer.closeArray()
                writer.closeObject()
            }
            _ = try timer.time("the same encoded again from the documents by JSONEncoder", per: "body", against: splice) {
                _ = try Alternatives.upsertBodyWithFoundation(batch)
            }
            var body = JSONWriter()
            body.openArray()
            for document in raw { body.rawValue(document) }
            body.closeArray()
            let parse = try timer.time("Clerk simulator reading that body: JSONValue.parse (number text, member order)", per: "body") {
                _ = try JSONScanner(body.bytes).value()
            }
            _ = try timer.time("the same with JSONSerialization (Double numbers, unordered)", per: "body", against: parse) {
                _ = try JSONSerialization.jsonObject(with: Data(body.bytes))
            }
        }

        /// A batch of 100 shopper events: validated from `JSONValue`, or merely decoded by `JSONDecoder`.
        func eventBatches(timer: inout RoundTimer) throws {
            let body = EventLoad.body(run: "bench", request: 0, size: 100, visitors: 100)
            let now = Date()
            let parse = try timer.time("batch of 100 events, JSONValue.parse + EventValidator", per: "batch") {
                _ = try EventBatch.parse(body, now: now)
            }
            _ = try timer.time("the same decoded (no validation) by JSONDecoder into Decodable events", per: "batch", against: parse) {
                _ = try JSONDecoder().decode(Alternatives.WireBatch.self, from: Data(body))
            }
        }

        /// What reading Clerk's answers with `Decodable` costs on the shopper path, where a byte scanner did it before.
        func clerkAnswers(timer: inout RoundTimer) throws {
            let body = Data(#"{"status":"ok","result":[112,340,98,1207,55,873,12,9001,431,77,650,2048]}"#.utf8)
            _ = try timer.time("recommendations answer of 12 ids read as ClerkResponse does: status, then result", per: "answer") {
                _ = try JSONDecoder().decode(Alternatives.Status.self, from: body)
                _ = try JSONDecoder().decode(Alternatives.Result.self, from: body)
            }
        }

        /// `occurred_at` timestamps: parsed and formatted by arithmetic, or by Foundation's ISO 8601 style.
        func timestamps(timer: inout RoundTimer) {
            let texts = (0..<1_000).map { RFC3339Timestamp.format(Date(timeIntervalSince1970: Double(1_795_000_000_000 + $0 * 7) / 1_000)) }
            let dates = texts.compactMap(RFC3339Timestamp.parse)
            let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            let early = zip(texts, dates).filter { style.format($1) != $0 }.count
            let parse = timer.time("RFC 3339 parse, RFC3339Timestamp", per: "timestamp", count: texts.count) {
                for text in texts { _ = RFC3339Timestamp.parse(text) }
            }
            _ = timer.time("the same with Date.ISO8601FormatStyle", per: "timestamp", count: texts.count, against: parse) {
                for text in texts { _ = try? style.parse(text) }
            }
            let format = timer.time("RFC 3339 format, RFC3339Timestamp", per: "timestamp", count: dates.count) {
                for date in dates { _ = RFC3339Timestamp.format(date) }
            }
            _ = timer.time(
                "the same with Date.ISO8601FormatStyle (\(early) of \(dates.count) parsed timestamps written otherwise)",
                per: "timestamp", count: dates.count, against: format
            ) {
                for date in dates { _ = style.format(date) }
            }
        }
    }
}

/// Best-of-rounds timing, printed as it goes.
struct RoundTimer {
    let rounds: Int

    /// Times `body` (which does `count` operations) and prints microseconds per operation, with the factor
    /// over `baseline` when given; returns the figure.
    mutating func time(
        _ label: String, per unit: String, count: Int = 1, against baseline: Double? = nil, _ body: () throws -> Void
    ) rethrows -> Double {
        try body()
        let started = ContinuousClock.now
        var repeats = 1
        while ContinuousClock.now - started < .milliseconds(50) {
            try body()
            repeats += 1
        }
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            for _ in 0..<repeats { try body() }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds * 1e6 / Double(repeats * count))
        }
        let factor = baseline.map { String(format: " (%.1f×)", best / $0) } ?? ""
        print(String(format: "%10.2f µs/%@%@  %@", best, unit, factor, label))
        return best
    }
}

extension Array where Element == UInt8 {
    /// Whether `slice` occurs in the array as a contiguous run.
    func contains(slice: [UInt8]) -> Bool {
        guard !slice.isEmpty, slice.count <= count else { return slice.isEmpty }
        return (0...(count - slice.count)).contains { self[$0..<($0 + slice.count)].elementsEqual(slice) }
    }
}

/// A product page's `data` as the `Decodable` models read it.
private struct ProductsEnvelope: Decodable {
    var data: [Product]
}
