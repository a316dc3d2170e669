import Foundation
import Hummingbird
import JSONSupport

/// The product routes of the control API: every change goes through ``SandboxCatalogEvents``, after the whole
/// request was checked.
extension SandboxControl {
    static let maxStock = 2_147_483_647
    static let maxNameLength = 250

    /// `GET /sandbox/products?after=ID&limit=N`: `{"products", "total", "next_after"}`.
    func products(_ query: QueryParameters) throws -> Response {
        var read = ProductQuery(sort: .id)
        if let after = query["after"] {
            guard let id = Int(after) else { throw ControlFailure.invalid("after", "must be a product id") }
            read.idGreater = id
        }
        let limit = query["limit"].map { Int($0) } ?? 50
        guard let limit, (1...250).contains(limit) else { throw ControlFailure.invalid("limit", "must be a whole number from 1 to 250") }
        var matches = read.matches(in: store)
        var page: [SandboxProduct] = []
        while page.count < limit, let match = matches.next() { page.append(match.product(in: store)) }
        let more = matches.next() != nil
        return Self.json(.ok) { writer in
            writer.key("products")
            writer.openArray()
            for product in page { writer.controlProduct(product) }
            writer.closeArray()
            writer.field("total", store.productCount)
            writer.field("next_after", more ? page.last?.id : nil)
        }
    }

    /// `PATCH /sandbox/products/{id}` `{"price", "stock", "variant_id"}`: the price first, then the stock.
    func update(_ product: SandboxProduct, _ bytes: [UInt8]) async throws -> Response {
        let body = try ControlBody(bytes, allowed: ["price", "stock", "variant_id"])
        let price = try body.money("price")
        let stock = try body.int("stock", in: 0...Self.maxStock)
        let variantID = try body.int("variant_id", in: 1...Int.max)
        guard price != nil || stock != nil else {
            throw ControlFailure(status: .badRequest, code: "missing_field", message: "give price, stock or both", field: "price")
        }
        if let variantID {
            guard stock != nil else { throw ControlFailure.invalid("variant_id", "goes only with stock") }
            guard product.variants.contains(where: { $0.id == variantID }) else {
                throw ControlFailure(
                    status: .unprocessableContent, code: "unknown_variant",
                    message: "product \(product.id) has no variant \(variantID) (its variants: \(product.variants.map { String($0.id) }.joined(separator: ", ")))",
                    field: "variant_id")
            }
        }
        var notes: [String] = []
        if price != nil {
            let ownPrices = product.variants.filter { $0.price != nil }.count
            if ownPrices > 0 {
                notes.append("its variants with prices of their own (\(ownPrices) of \(product.variants.count)) keep them; shoppers and Clerk see the cheapest variant's price")
            }
            if product.salePrice > 0 {
                notes.append("it has a sale price of \(product.salePrice), which is what shoppers pay while it is set")
            }
        }
        if stock != nil, product.inventoryTracking == "none" {
            notes.append("it does not track inventory, so BigCommerce sends no webhook for its stock and Clerk shows none")
        }
        return try await answerProduct("update", product, notes: notes) {
            var changed = product
            if let price { changed = catalogEvents.setPrice(productID: product.id, price: price) ?? changed }
            if let stock {
                guard let result = variantID.map({ catalogEvents.setStock(productID: product.id, variantID: $0, level: stock) })
                    ?? catalogEvents.setStock(productID: product.id, level: stock)
                else { return nil }
                changed = result
            }
            return changed
        }
    }

    /// `DELETE /sandbox/products/{id}`: answers with the product as it was.
    func delete(_ product: SandboxProduct) async throws -> Response {
        try await answerProduct("delete", product) { catalogEvents.deleteProduct(id: product.id) ? product : nil }
    }

    /// `POST /sandbox/products` `{"name", "like", "price", "channels"}`: a copy of product `like` under `name`, or a
    /// simple product (then `price` is required) on `channels` (default: `like`'s, else channel 1).
    func create(_ bytes: [UInt8]) async throws -> Response {
        let body = try ControlBody(bytes, allowed: ["name", "like", "price", "channels"])
        guard let name = try body.string("name", maxLength: Self.maxNameLength) else {
            throw ControlFailure(status: .badRequest, code: "missing_field", message: "name is required", field: "name")
        }
        let price = try body.money("price")
        let channels = try body.ints("channels", in: 1...Int.max)
        for channel in channels ?? [] where !store.catalog.channels.contains(where: { $0.id == channel }) {
            throw ControlFailure(
                status: .unprocessableContent, code: "unknown_channel",
                message: "there is no channel \(channel) (the sandbox's channels: \(channelList))", field: "channels")
        }
        var product: SandboxProduct
        if let like = try body.int("like", in: 1...Int.max) {
            guard let template = store.product(id: like) else { throw Self.unknownProduct(like, field: "like") }
            product = template.copy(named: name)
            if let price { product.price = price }
        } else {
            guard let price else {
                throw ControlFailure(
                    status: .badRequest, code: "missing_field", message: "price is required for a product that copies none (or give like)",
                    field: "price")
            }
            product = SandboxProduct.simple(named: name, price: price, channels: [1])
        }
        if let channels { product.channels = Array(Set(channels)).sorted() }
        return try await answerProduct("create", product, status: .created) { catalogEvents.createProduct(product) }
    }

    /// `PUT /sandbox/products/{id}/channels/{channel_id}`.
    func assign(_ product: SandboxProduct, channelID: Int) async throws -> Response {
        guard !product.channels.contains(channelID) else {
            throw ControlFailure(
                status: .conflict, code: "already_assigned", message: "product \(product.id) is already on channel \(channelID)",
                field: "channel_id")
        }
        return try await answerProduct("assign", product) { catalogEvents.assignProduct(product.id, toChannel: channelID) }
    }

    /// `DELETE /sandbox/products/{id}/channels/{channel_id}`.
    func unassign(_ product: SandboxProduct, channelID: Int) async throws -> Response {
        guard product.channels.contains(channelID) else {
            throw ControlFailure(
                status: .conflict, code: "not_assigned",
                message: "product \(product.id) is not on channel \(channelID) (its channels: \(product.channels.map(String.init).joined(separator: ", ")))",
                field: "channel_id")
        }
        return try await answerProduct("unassign", product) { catalogEvents.unassignProduct(product.id, fromChannel: channelID) }
    }

    /// Answers `action` on `product` with the product `change` returns (the product afterwards; nil when it vanished
    /// meanwhile, answered 404).
    func answerProduct(
        _ action: String, _ product: SandboxProduct, status: HTTPResponse.Status = .ok, notes: [String] = [],
        _ change: () -> SandboxProduct?
    ) async throws -> Response {
        try await answer(action, status: status, notes: notes) {
            guard let changed = change() else { throw Self.unknownProduct(product.id, field: "product_id", status: .notFound) }
            return changed
        } describe: { writer, changed in
            writer.key("product")
            writer.controlProduct(changed)
        }
    }
}
