import Foundation

/// Member shorthands: `field(name, value)` is `key(name)` followed by the value.
extension JSONWriter {
    /// `"name":"value"`.
    public mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// `"name":123`.
    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// `"name":123`, or `"name":null` for nil.
    public mutating func field(_ name: String, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    /// `"name":true` or `"name":false`.
    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name":19.99`.
    public mutating func field(_ name: String, _ value: Decimal) {
        key(name)
        number(value)
    }

    /// `"name":19.99`, or `"name":null` for nil.
    public mutating func field(_ name: String, _ value: Decimal?) {
        key(name)
        if let value { number(value) } else { null() }
    }

    /// `"name":[1,2,…]`.
    public mutating func field(_ name: String, _ values: [Int]) {
        key(name)
        openArray()
        for value in values { int(value) }
        closeArray()
    }

    /// `"name":["a","b",…]`.
    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        openArray()
        for value in values { string(value) }
        closeArray()
    }
}
