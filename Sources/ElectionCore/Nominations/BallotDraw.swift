import Foundation

/// The order of the parties on the ballot paper, drawn from a seed announced in public: anyone
/// with the seed and the registered parties' numbers draws the same order.
public struct BallotDraw: Sendable, Hashable, Codable {
    public var seed: UInt64
    /// The registered parties' numbers, sorted: the draw depends only on this set.
    public var parties: [PartyNumber]

    public init(seed: UInt64, parties: [PartyNumber]) {
        self.seed = seed
        self.parties = Array(Set(parties)).sorted()
    }

    /// The parties in ballot order: a Fisher-Yates shuffle of the sorted numbers, driven by
    /// SplitMix64 from the seed (see `SplitMix.swift`).
    public func order() -> [PartyNumber] {
        var generator = SplitMix(state: seed)
        var order = parties
        for i in order.indices.dropLast() {
            order.swapAt(i, i + generator.below(order.count - i))
        }
        return order
    }
}

extension BallotDraw {
    /// `parties` in the `drawn` order; any party the draw did not include (registered after it)
    /// follows, by number.
    public static func ballotOrder(of parties: [PartyNumber], drawn: [PartyNumber]) -> [PartyNumber] {
        let position = Dictionary(uniqueKeysWithValues: drawn.enumerated().map { ($1, $0) })
        return parties.sorted { (position[$0] ?? Int.max, $0) < (position[$1] ?? Int.max, $1) }
    }
}

/// A ballot draw as recorded: the draw, its result, who made it and when.
public struct BallotDrawRecord: Sendable, Hashable, Codable {
    public var draw: BallotDraw
    public var order: [PartyNumber]
    public var officialName: String
    public var drawnAt: Date

    public init(draw: BallotDraw, order: [PartyNumber], officialName: String, drawnAt: Date) {
        self.draw = draw
        self.order = order
        self.officialName = officialName
        self.drawnAt = drawnAt
    }
}
