/// A reproducible random choice of polling stations to visit: anyone with the seed, the frame
/// and the size draws the same stations.
public struct StationDraw: Sendable, Hashable, Codable {
    /// How the frame is divided before drawing.
    public enum Strata: String, Sendable, Hashable, Codable, CaseIterable {
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

    /// One stratum of the draw: its stations in the frame and those drawn from it. A station's
    /// chance of being drawn (its inclusion probability) is `drawn.count / frameStations`.
    public struct Stratum: Sendable, Hashable, Codable {
        public var unit: UnitCode
        public var frameStations: Int
        public var drawn: [StationCode]
    }

    /// The stations drawn, sorted by code.
    public func stations() throws(Problem) -> [StationCode] {
        try drawnStrata().flatMap(\.drawn).sorted()
    }

    /// The draw stratum by stratum, in the order of their codes, each stratum's stations sorted.
    /// The size is shared among the strata in proportion to their stations (largest remainder);
    /// a stratum given fewer than `minimumPerStratum` (or than all its stations, if fewer) is
    /// raised to it, so the draw may then exceed `size` by those stations.
    public func drawnStrata(minimumPerStratum: Int = 0) throws(Problem) -> [Stratum] {
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
        let shares = zip(keys, Self.largestRemainder(size, weights: keys.map { groups[$0]!.count })).map { key, share in
            max(share, min(minimumPerStratum, groups[key]!.count))
        }
        var generator = SplitMix(state: seed)
        return zip(keys, shares).map { key, share in
            // A partial Fisher-Yates shuffle of the stratum, in code order: the first `share`.
            var pool = groups[key]!
            for i in 0..<share {
                let j = i + generator.below(pool.count - i)
                pool.swapAt(i, j)
            }
            return Stratum(unit: key, frameStations: groups[key]!.count, drawn: pool.prefix(share).sorted())
        }
    }

    /// Up to `count` substitutes for each stratum, in the order they are to be used, drawn from
    /// the stratum's stations not drawn. They come from their own random sequence (the seed's
    /// second stream), so asking for substitutes never changes the stations drawn.
    public func substitutes(perStratum count: Int, minimumPerStratum: Int = 0) throws(Problem) -> [UnitCode: [StationCode]] {
        var generator = SplitMix(state: seed ^ 0x5355_4253_5449_5455)  // "SUBSTITU"
        var result: [UnitCode: [StationCode]] = [:]
        for stratum in try drawnStrata(minimumPerStratum: minimumPerStratum) {
            let drawn = Set(stratum.drawn)
            var pool = frame.filter { stratum.unit.contains($0) && !drawn.contains($0) }
            let taken = min(count, pool.count)
            for i in 0..<taken {
                pool.swapAt(i, i + generator.below(pool.count - i))
            }
            result[stratum.unit] = Array(pool.prefix(taken))
        }
        return result
    }

    /// The frame's version: its size and a 64-bit FNV-1a digest of its codes, so that anyone
    /// drawing again can tell they hold the same frame.
    public var frameVersion: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for code in frame {
            for byte in code.rawValue.utf8 + [10] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return "\(frame.count)-" + String(hash, radix: 16).leftPadded(to: 16)
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
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
