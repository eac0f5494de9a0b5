import ElectionCore

/// SplitMix64: a small, fast generator whose whole output follows from its seed, so the same
/// seed always builds the same scenario.
struct SeededGenerator: RandomNumberGenerator {
    private var mix: SplitMix

    init(seed: UInt64) {
        mix = SplitMix(state: seed)
    }

    /// A generator for one part of the scenario, independent of how much the other parts draw.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix(state: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        mix = SplitMix(state: mixer.next())
    }

    mutating func next() -> UInt64 { mix.next() }
}
