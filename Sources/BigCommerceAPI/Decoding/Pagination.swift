/// `meta.pagination` of an offset-paged V3 collection.
struct Pagination: Decodable {
    var total: Int?
    var count: Int?
    var perPage: Int?
    var currentPage: Int?
    var totalPages: Int?

    private enum CodingKeys: String, CodingKey {
        case total, count
        case perPage = "per_page"
        case currentPage = "current_page"
        case totalPages = "total_pages"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        total = try container.lenientIntIfPresent(.total)
        count = try container.lenientIntIfPresent(.count)
        perPage = try container.lenientIntIfPresent(.perPage)
        currentPage = try container.lenientIntIfPresent(.currentPage)
        totalPages = try container.lenientIntIfPresent(.totalPages)
    }
}
