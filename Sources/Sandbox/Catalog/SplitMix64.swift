/// SplitMix64 pseudo-random generator: tiny, fast and fully deterministic for a given state.
struct SplitMix64: Sendable {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for the stream `(seed, a, b)`, decorrelated from neighbouring streams.
    init(seed: UInt64, _ a: UInt64, _ b: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (a &* 0xD6E8_FEB8_6659_FD93))
        let first = mixer.next()
        var second = SplitMix64(seed: first ^ (b &* 0xA076_1D64_78BD_642F))
        state = second.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `range` (must not be empty).
    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool {
        next() % 100 < UInt64(percent)
    }

    /// Uniform double in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0..<items.count)]
    }
}
