/// SplitMix64, written out so that a draw (stations to visit, the parties' ballot order) is
/// documented by Sala's source alone: anyone with the seed can draw again and get the same.
public struct SplitMix: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    @inlinable public init(state: UInt64) {
        self.state = state
    }

    // Inlinable: the scenario draws from it hundreds of millions of times.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform choice in `0..<bound` (`bound` > 0), as the draws make it.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
