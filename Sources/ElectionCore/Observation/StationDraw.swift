/// A reproducible random choice of polling stations to visit: anyone with the seed, the frame
/// and the size draws the same stations.
public struct StationDraw: Sendable, Hashable, Codable {
    /// How the frame is divided before drawing.
    public enum Strata: String, Sendable, Hashable, Codable {
        /// One draw over the whole frame.
        case none
        /// Each province of the frame gets a share of the sample in proportion to its stations.
        case province
        /// Likewise by commune.
        case commune
    }

    public var seed: UInt64
    /// The station codes drawn from, sorted: the draw depends only on this set.
    public var frame: [StationCode]
    public var size: Int
    public var strata: Strata

    public init(seed: UInt64, frame: [StationCode], size: Int, strata: Strata) {
        self.seed = seed
        self.frame = Array(Set(frame)).sorted()
        self.size = size
        self.strata = strata
    }

    /// Why a draw cannot be made.
    public enum Problem: Error, Equatable {
        case emptyFrame
        case sizeOutOfRange(Int, frame: Int)
    }

    /// The stations drawn, sorted by code.
    public func stations() throws(Problem) -> [StationCode] {
        guard !frame.isEmpty else { throw .emptyFrame }
        guard (1...frame.count).contains(size) else { throw .sizeOutOfRange(size, frame: frame.count) }
        var groups: [UnitCode: [StationCode]] = [:]
        for code in frame {
            let stratum: UnitCode = switch strata {
            case .none: .nation
            case .province: .province(code.province)
            case .commune: .commune(code.commune)
            }
            groups[stratum, default: []].append(code)
        }
        let keys = groups.keys.sorted()
        let shares = Self.largestRemainder(size, weights: keys.map { groups[$0]!.count })
        var generator = SplitMix(state: seed)
        var drawn: [StationCode] = []
        for (key, share) in zip(keys, shares) {
            // A partial Fisher-Yates shuffle of the stratum, in code order: the first `share`.
            var pool = groups[key]!
            for i in 0..<share {
                let j = i + Int(generator.next() % UInt64(pool.count - i))
                pool.swapAt(i, j)
            }
            drawn += pool.prefix(share)
        }
        return drawn.sorted()
    }

    static func largestRemainder(_ total: Int, weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        var shares = weights.map { total * $0 / sum }
        let order = weights.indices.sorted { (total * weights[$0] % sum, -$0) > (total * weights[$1] % sum, -$1) }
        var given = shares.reduce(0, +), index = 0
        while given < total {
            shares[order[index]] += 1
            given += 1
            index += 1
        }
        return shares
    }

    /// SplitMix64, written out so the draw is documented by this file alone.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
