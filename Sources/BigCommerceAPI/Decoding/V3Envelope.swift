/// The V3 success envelope `{ "data": …, "meta": { … } }`.
struct V3Envelope<Payload: Decodable>: Decodable {
    var data: Payload
    var meta: V3Meta?
}

/// The `meta` object of a V3 response.
struct V3Meta: Decodable {
    var pagination: Pagination?
}
