import Foundation
import JSONSupport

/// Turns one parsed element of a batch's `events` into a `TrackedEvent` or an `EventRejection`,
/// by the rules documented on `EventRejectionCode`.
struct EventValidator: Sendable {
    let limits: EventLimits
    /// The reference time for the `occurred_at` window; nil skips the window (reading stored events).
    let now: Date?

    static let maxFuture: TimeInterval = 24 * 3600
    static let maxAge: TimeInterval = 30 * 24 * 3600
    static let maxQuantity = 1_000_000

    /// A failed rule before the index and id are attached.
    struct Problem: Error {
        var code: EventRejectionCode
        var message: String
    }

    /// Validates element `index`.
    func validate(_ value: JSONValue, index: Int) -> Result<TrackedEvent, EventRejection> {
        guard case .object = value else {
            return .failure(
                EventRejection(index: index, id: nil, code: .invalidField, message: "event must be a JSON object"))
        }
        let id = Self.readableID(value["id"])
        do throws(Problem) {
            return .success(try event(value, id: id))
        } catch {
            return .failure(EventRejection(index: index, id: id, code: error.code, message: error.message))
        }
    }

    /// The event's `id` when it is a valid one (1–64 characters, no control characters).
    static func readableID(_ value: JSONValue?) -> String? {
        guard case .string(let text) = value, !text.isEmpty, text.count <= 64,
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return text
    }

    private func event(_ object: JSONValue, id: String?) throws(Problem) -> TrackedEvent {
        guard let id else {
            if present(object["id"]) == nil { throw Problem(code: .missingField, message: "id is required") }
            throw Problem(
                code: .invalidField, message: "id must be a string of 1 to 64 characters without control characters")
        }
        guard let typeValue = present(object["type"]) else {
            throw Problem(code: .missingField, message: "type is required")
        }
        guard case .string(let typeName) = typeValue else {
            throw Problem(code: .invalidField, message: "type must be a string")
        }
        guard let type = EventType(rawValue: typeName) else {
            throw Problem(code: .unknownType, message: "type \"\(Self.truncated(typeName))\" is not a known event type")
        }
        let visitorID = try visitor(object["visitor_id"])
        let occurredAt = try timestamp(object["occurred_at"])
        let storefront = try optionalText(object, "storefront", maxLength: 64)
        let customerToken = try optionalText(object, "customer_token", maxLength: 4096)
        return TrackedEvent(
            id: id, storefront: storefront, visitorID: visitorID, occurredAt: occurredAt,
            customerToken: customerToken, kind: try kind(type, object))
    }

    private func kind(_ type: EventType, _ object: JSONValue) throws(Problem) -> TrackedEventKind {
        switch type {
        case .productViewed:
            return .productViewed(
                productID: try identifier(object, "product_id"), variantID: try optionalIdentifier(object, "variant_id")
            )
        case .categoryViewed:
            return .categoryViewed(categoryID: try identifier(object, "category_id"))
        case .searchPerformed:
            let query = try text(object, "query", maxLength: 256)
            guard query.contains(where: { !$0.isWhitespace }) else {
                throw Problem(code: .invalidField, message: "query must not be blank")
            }
            return .searchPerformed(query: query)
        case .productClicked:
            return .productClicked(productID: try identifier(object, "product_id"), source: try source(object))
        case .cartItemAdded:
            return .cartItemAdded(
                try cartLine(object, prefix: ""), cartID: try optionalText(object, "cart_id", maxLength: 64))
        case .cartItemRemoved:
            return .cartItemRemoved(
                try cartLine(object, prefix: ""), cartID: try optionalText(object, "cart_id", maxLength: 64))
        case .cartUpdated:
            return .cartUpdated(
                items: try items(object, allowEmpty: true) { (line, prefix) throws(Problem) in
                    try cartLine(line, prefix: prefix)
                },
                cartID: try optionalText(object, "cart_id", maxLength: 64))
        case .checkoutStarted:
            return .checkoutStarted(
                items: try items(object, allowEmpty: true) { (line, prefix) throws(Problem) in
                    try cartLine(line, prefix: prefix)
                },
                cartID: try optionalText(object, "cart_id", maxLength: 64))
        case .orderPurchased:
            let orderID = try identifier(object, "order_id")
            let lines = try items(object, allowEmpty: false) { (line, prefix) throws(Problem) in
                let cart = try cartLine(line, prefix: prefix)
                return OrderLine(
                    productID: cart.productID, variantID: cart.variantID, quantity: cart.quantity,
                    price: try price(line, prefix: prefix))
            }
            return .orderPurchased(orderID: orderID, items: lines)
        case .emailIdentified:
            guard let value = present(object["email"]) else {
                throw Problem(code: .missingField, message: "email is required")
            }
            guard case .string(let email) = value, Self.isPlausibleEmail(email) else {
                throw Problem(code: .invalidEmail, message: "email is not a valid email address")
            }
            return .emailIdentified(email: email)
        }
    }

    // MARK: Field readers

    /// `value` unless it is absent or `null`.
    private func present(_ value: JSONValue?) -> JSONValue? {
        if case .null = value { return nil }
        return value
    }

    private func visitor(_ value: JSONValue?) throws(Problem) -> String {
        guard let value = present(value) else {
            throw Problem(code: .missingField, message: "visitor_id is required")
        }
        guard case .string(let text) = value, VisitorID.isValid(text) else {
            throw Problem(code: .invalidVisitorID, message: "visitor_id must be 1 to 32 ASCII letters or digits")
        }
        return text
    }

    private func timestamp(_ value: JSONValue?) throws(Problem) -> Date {
        guard let value = present(value) else {
            throw Problem(code: .missingField, message: "occurred_at is required")
        }
        guard case .string(let text) = value, let date = RFC3339Timestamp.parse(text) else {
            throw Problem(
                code: .invalidTimestamp, message: "occurred_at must be an RFC 3339 timestamp with a time zone")
        }
        if let now {
            guard date.timeIntervalSince(now) <= Self.maxFuture else {
                throw Problem(code: .invalidTimestamp, message: "occurred_at is more than 24 hours in the future")
            }
            guard now.timeIntervalSince(date) <= Self.maxAge else {
                throw Problem(code: .invalidTimestamp, message: "occurred_at is more than 30 days in the past")
            }
        }
        return date
    }

    private func optionalText(_ object: JSONValue, _ field: String, maxLength: Int) throws(Problem) -> String?
    {
        guard let value = present(object[field]) else { return nil }
        guard case .string(let text) = value, !text.isEmpty, text.count <= maxLength else {
            throw Problem(code: .invalidField, message: "\(field) must be a string of 1 to \(maxLength) characters")
        }
        return text
    }

    private func identifier(_ object: JSONValue, _ field: String, prefix: String = "") throws(Problem) -> Int
    {
        guard let id = try optionalIdentifier(object, field, prefix: prefix) else {
            throw Problem(code: .missingField, message: "\(prefix)\(field) is required")
        }
        return id
    }

    private func optionalIdentifier(_ object: JSONValue, _ field: String, prefix: String = "") throws(Problem)
        -> Int?
    {
        guard let value = present(object[field]) else { return nil }
        guard let id = Self.nonNegativeInteger(value), id > 0 else {
            throw Problem(code: .invalidField, message: "\(prefix)\(field) must be a positive integer")
        }
        return id
    }

    /// A JSON integer or a digit string (at most 18 digits, no sign, fraction or exponent).
    static func nonNegativeInteger(_ value: JSONValue) -> Int? {
        let text: String
        switch value {
        case .number(let number): text = number
        case .string(let string): text = string
        default: return nil
        }
        guard (1...18).contains(text.utf8.count),
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Int(text)
    }

    private func cartLine(_ object: JSONValue, prefix: String) throws(Problem) -> CartLine {
        let productID = try identifier(object, "product_id", prefix: prefix)
        let variantID = try optionalIdentifier(object, "variant_id", prefix: prefix)
        guard let value = present(object["quantity"]) else {
            throw Problem(code: .missingField, message: "\(prefix)quantity is required")
        }
        guard let quantity = Self.nonNegativeInteger(value), (1...Self.maxQuantity).contains(quantity) else {
            throw Problem(code: .invalidQuantity, message: "\(prefix)quantity must be an integer from 1 to 1000000")
        }
        return CartLine(productID: productID, variantID: variantID, quantity: quantity)
    }

    private func price(_ object: JSONValue, prefix: String) throws(Problem) -> Decimal {
        guard let value = present(object["price"]) else {
            throw Problem(code: .missingField, message: "\(prefix)price is required")
        }
        let text: String
        switch value {
        case .number(let number): text = number
        case .string(let string): text = string
        default: text = ""
        }
        guard let price = Self.decimal(text), price >= 0 else {
            throw Problem(code: .invalidField, message: "\(prefix)price must be a non-negative decimal number")
        }
        return price
    }

    /// `text` as a `Decimal` when it is `-?digits(.digits)?` of at most 32 characters.
    static func decimal(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        guard (1...32).contains(bytes.count) else { return nil }
        var position = bytes.first == UInt8(ascii: "-") ? 1 : 0
        func digits() -> Int {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            return position - start
        }
        guard digits() > 0 else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return nil }
        }
        guard position == bytes.count else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    private func items<Line>(
        _ object: JSONValue, allowEmpty: Bool,
        line: (_ object: JSONValue, _ prefix: String) throws(Problem) -> Line
    ) throws(Problem) -> [Line] {
        guard let value = present(object["items"]) else {
            throw Problem(code: .missingField, message: "items is required")
        }
        guard case .array(let elements) = value else {
            throw Problem(code: .invalidField, message: "items must be an array")
        }
        guard elements.count <= limits.maxItems else {
            throw Problem(code: .tooManyItems, message: "items holds more than \(limits.maxItems) lines")
        }
        guard allowEmpty || !elements.isEmpty else {
            throw Problem(code: .invalidField, message: "items must not be empty")
        }
        var lines: [Line] = []
        lines.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            guard case .object = element else {
                throw Problem(code: .invalidField, message: "items[\(position)] must be an object")
            }
            lines.append(try line(element, "items[\(position)]."))
        }
        return lines
    }

    private func source(_ object: JSONValue) throws(Problem) -> ClickSource {
        guard let fields = present(object["source"]) else {
            throw Problem(code: .missingField, message: "source is required")
        }
        guard case .object = fields else {
            throw Problem(code: .invalidField, message: "source must be an object")
        }
        let api = try text(fields, "api", maxLength: 128, prefix: "source.")
        guard let positionValue = present(fields["position"]) else {
            throw Problem(code: .missingField, message: "source.position is required")
        }
        guard let position = Self.nonNegativeInteger(positionValue) else {
            throw Problem(code: .invalidField, message: "source.position must be a non-negative integer")
        }
        var labels: [String] = []
        if let labelsValue = present(fields["labels"]) {
            guard case .array(let elements) = labelsValue, elements.count <= 50 else {
                throw Problem(code: .invalidField, message: "source.labels must be an array of at most 50 strings")
            }
            for element in elements {
                guard case .string(let label) = element, !label.isEmpty, label.count <= 128 else {
                    throw Problem(
                        code: .invalidField, message: "source.labels must hold strings of 1 to 128 characters")
                }
                labels.append(label)
            }
        }
        return ClickSource(api: api, position: position, labels: labels)
    }

    private func text(_ object: JSONValue, _ field: String, maxLength: Int, prefix: String = "")
        throws(Problem) -> String
    {
        guard let value = present(object[field]) else {
            throw Problem(code: .missingField, message: "\(prefix)\(field) is required")
        }
        guard case .string(let text) = value, !text.isEmpty, text.count <= maxLength else {
            throw Problem(
                code: .invalidField, message: "\(prefix)\(field) must be a string of 1 to \(maxLength) characters")
        }
        return text
    }

    // MARK: Rules

    /// Whether `email` is plausible by the rule documented on `EventRejectionCode`.
    static func isPlausibleEmail(_ email: String) -> Bool {
        guard (3...254).contains(email.utf8.count) else { return false }
        let forbidden = Set("<>()[]\\,;:\"".unicodeScalars)
        guard
            !email.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .format || $0.value < 0x20
                    || (0x7F...0x9F).contains($0.value) || forbidden.contains($0)
            })
        else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].utf8.count) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { !$0.isEmpty && $0.first != "-" && $0.last != "-" }
    }

    /// `text` without control characters, cut to 64 characters (with `…` when cut), for messages and logs.
    static func truncated(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        let clean = String(scalars)
        return clean.count <= 64 ? clean : String(clean.prefix(64)) + "…"
    }
}
