import Testing

import ClerkAPI

@Suite("document batches")
struct DocumentBatchesTests {
    func documents(_ count: Int, size: Int) -> [RawDocument] {
        (0..<count).map { RawDocument(id: $0, json: [UInt8](repeating: UInt8(ascii: "x"), count: size)) }
    }

    @Test func defaults() {
        let batches = DocumentBatches()
        #expect(batches.maxCount == 250)
        #expect(batches.maxBytes == 2 * 1024 * 1024)
    }

    @Test func splitsByCount() {
        let split = DocumentBatches(maxCount: 250).split(documents(600, size: 10))
        #expect(split.map(\.count) == [250, 250, 100])
        #expect(split.flatMap { $0 }.map(\.id) == Array(0..<600))
    }

    @Test func splitsByBytesCountingSeparators() {
        // 99 bytes + 1 separator each: 10 fit in 1000 bytes, the 11th does not.
        let split = DocumentBatches(maxCount: 250, maxBytes: 1000).split(documents(25, size: 99))
        #expect(split.map(\.count) == [10, 10, 5])
    }

    @Test func oversizedDocumentGetsItsOwnBatch() {
        var input = documents(3, size: 10)
        input.insert(RawDocument(id: 99, json: [UInt8](repeating: 0x20, count: 5000)), at: 1)
        let split = DocumentBatches(maxCount: 10, maxBytes: 1000).split(input)
        #expect(split.map { $0.map(\.id) } == [[0], [99], [1, 2]])
    }

    @Test func emptyInputGivesNoBatches() {
        #expect(DocumentBatches().split([]).isEmpty)
    }

    @Test func halving() {
        let halved = DocumentBatches(maxCount: 250, maxBytes: 2_000_000).halved()
        #expect(halved.maxCount == 125 && halved.maxBytes == 1_000_000)
        let floor = DocumentBatches(maxCount: 1, maxBytes: 1).halved()
        #expect(floor.maxCount == 1 && floor.maxBytes == 1)
        let parts = DocumentBatches.halves(of: documents(5, size: 1))
        #expect(parts?.first.map(\.id) == [0, 1, 2])
        #expect(parts?.second.map(\.id) == [3, 4])
        #expect(DocumentBatches.halves(of: documents(1, size: 1)) == nil)
    }
}
