/// Two elections side by side: each party's votes, share of the valid votes and seats, nationally
/// and in every constituency both elections have figures for. A figure one election did not
/// publish stays unknown on its side; nothing is estimated.
public struct ElectionComparison: Sendable, Hashable {
    /// One party's figures in one election and unit; nil where not published.
    public struct Figures: Sendable, Hashable {
        public var votes: Int?
        /// Votes over the unit's valid votes, exact.
        public var share: Rational?
        public var seats: Int?

        /// Neither votes nor seats are known.
        public var isEmpty: Bool { votes == nil && seats == nil }
    }

    /// A party in both elections, matched by name or abbreviation; a side is nil where it did not stand.
    public struct PartyLine: Sendable, Hashable {
        public var nameEnglish: String
        public var nameKhmer: String
        public var abbreviation: String
        public var earlier: Figures?
        public var later: Figures?
    }

    /// One unit (the nation or a constituency) compared.
    public struct Unit: Sendable, Hashable {
        /// The constituency, or nil for the nation.
        public var constituency: Constituency?
        public var earlierTotals: ElectionRecord.Totals
        public var laterTotals: ElectionRecord.Totals
        public var parties: [PartyLine]
    }

    public var earlier: ElectionRecord
    public var later: ElectionRecord
    public var national: Unit
    /// Constituencies with the same code in both elections and figures in both, by code.
    public var constituencies: [Unit]

    /// Compares `a` and `b`, the earlier polling day first whichever order they come in.
    public init(_ a: ElectionRecord, _ b: ElectionRecord) {
        let (earlier, later) = a.election.electionDay <= b.election.electionDay ? (a, b) : (b, a)
        self.earlier = earlier
        self.later = later
        let pairs = Self.matchParties(earlier.parties, later.parties)
        func unit(_ code: ProvinceCode?) -> Unit {
            let e = code.map { earlier.byConstituency[$0] } ?? earlier.national
            let l = code.map { later.byConstituency[$0] } ?? later.national
            func figures(_ record: ElectionRecord, _ figures: ElectionRecord.UnitFigures?, _ party: Party?) -> Figures? {
                guard let party else { return nil }
                let votes = figures?.figures(of: party.id)?.votes
                let valid = figures?.totals.validVotes
                let seats = code.map { record.seats(of: party.id, in: $0) } ?? record.seats(of: party.id)
                return Figures(votes: votes, share: votes.flatMap { v in valid.flatMap { $0 > 0 ? Rational(v, $0) : nil } }, seats: seats)
            }
            var lines: [PartyLine] = []
            for pair in pairs {
                let named: Party = pair.later ?? pair.earlier!
                let line = PartyLine(
                    nameEnglish: named.nameEnglish, nameKhmer: named.nameKhmer.isEmpty ? (pair.earlier?.nameKhmer ?? "") : named.nameKhmer,
                    abbreviation: named.abbreviation.isEmpty ? (pair.earlier?.abbreviation ?? "") : named.abbreviation,
                    earlier: figures(earlier, e, pair.earlier), later: figures(later, l, pair.later))
                if line.earlier?.isEmpty == false || line.later?.isEmpty == false { lines.append(line) }
            }
            lines.sort(by: Self.largerFirst)
            return Unit(
                constituency: code.flatMap { c in later.constituencies.first { $0.id == c } },
                earlierTotals: e?.totals ?? .init(), laterTotals: l?.totals ?? .init(), parties: lines)
        }
        national = unit(nil)
        let earlierCodes = Set(earlier.constituencies.map(\.id))
        constituencies = later.constituencies.map(\.id).filter {
            earlierCodes.contains($0) && earlier.byConstituency[$0] != nil && later.byConstituency[$0] != nil
        }.sorted().map { unit($0) }
    }

    /// Larger later votes first, then later seats, then the earlier election's; then by name.
    static func largerFirst(_ x: PartyLine, _ y: PartyLine) -> Bool {
        func key(_ line: PartyLine) -> [Int] {
            [line.later?.votes ?? -1, line.later?.seats ?? -1, line.earlier?.votes ?? -1, line.earlier?.seats ?? -1]
        }
        let (kx, ky) = (key(x), key(y))
        return kx != ky ? kx.lexicographicallyPrecedes(ky) == false : x.nameEnglish < y.nameEnglish
    }

    /// The same party in both lists: the same name (as ``NameKey`` compares names) or the same
    /// abbreviation. Every party of either list appears once.
    static func matchParties(_ earlier: [Party], _ later: [Party]) -> [(earlier: Party?, later: Party?)] {
        var unmatched = earlier
        var pairs: [(earlier: Party?, later: Party?)] = []
        for party in later {
            let name = NameKey.of(party.nameEnglish), abbreviation = party.abbreviation.uppercased()
            if let index = unmatched.firstIndex(where: {
                NameKey.of($0.nameEnglish) == name || (!abbreviation.isEmpty && $0.abbreviation.uppercased() == abbreviation)
            }) {
                pairs.append((unmatched.remove(at: index), party))
            } else {
                pairs.append((nil, party))
            }
        }
        return pairs + unmatched.map { (earlier: $0, later: nil) }
    }
}
