/// Slicing the documents out of a catalog read (`{"status":"ok","products":[{…},…]}`), byte for byte.
enum DocumentList {
    /// Why a catalog read's body could not be sliced into documents.
    struct ShapeError: Error, CustomStringConvertible {
        var description: String
    }

    /// The documents of the list under `member`, by their `id` (a number or a numeric string). Elements that are
    /// not objects or lack a usable id are skipped.
    static func documents(in envelope: ResponseEnvelope, member: String) throws -> [Int: [UInt8]] {
        guard let listRange = envelope.members[member] else {
            throw ShapeError(description: "no `\(member)` list in the response")
        }
        let scanner = envelope.scanner
        if scanner.bytes[listRange].elementsEqual("null".utf8) { return [:] }
        var documents: [Int: [UInt8]] = [:]
        for element in try scanner.elements(ofArray: listRange) {
            guard scanner.bytes[element.lowerBound] == UInt8(ascii: "{") else { continue }
            guard let idRange = try scanner.members(ofObject: element).first(where: { $0.key == "id" })?.value,
                let id = scanner.integer(in: idRange)
            else { continue }
            documents[id] = scanner.slice(element)
        }
        return documents
    }
}
