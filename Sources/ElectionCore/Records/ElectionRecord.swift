/// An election kept as its results were published: what was elected, in which constituencies,
/// by which parties, and every figure the commission published, at the level it published it.
/// A figure that was not published is nil, never zero: 2018's votes by province, for instance.
///
/// The database's current election is administered in full (stations, forms, commissions); the
/// elections before it are kept as records, to be shown and compared with.
public struct ElectionRecord: Sendable, Hashable, Codable {
    /// What the election was: the part of an election's definition a record needs.
    public struct Definition: Sendable, Hashable, Codable {
        /// Stable identifier, e.g. `cambodia-2018`.
        public var id: String
        public var nameEnglish: String
        public var nameKhmer: String
        /// What is elected, e.g. `national-assembly` or `commune-council`.
        public var kind: String
        public var electionDay: CalendarDate
        /// Seats in the assembly, shared among the constituencies.
        public var seats: Int
        /// How seats were allocated within a constituency, e.g. `highest-average`.
        public var seatAllocationMethod: String

        public init(id: String, nameEnglish: String, nameKhmer: String, kind: String, electionDay: CalendarDate, seats: Int, seatAllocationMethod: String) {
            self.id = id
            self.nameEnglish = nameEnglish
            self.nameKhmer = nameKhmer
            self.kind = kind
            self.electionDay = electionDay
            self.seats = seats
            self.seatAllocationMethod = seatAllocationMethod
        }
    }

    /// How far the figures go: a count still under way, the provisional results, or the official ones.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case counting, provisional, official
    }

    /// The totals of one unit (the nation, or a constituency), each nil where not published.
    public struct Totals: Sendable, Hashable, Codable {
        public var registeredVoters: Int?
        public var ballotsCast: Int?
        public var validVotes: Int?
        public var invalidVotes: Int?

        public init(registeredVoters: Int? = nil, ballotsCast: Int? = nil, validVotes: Int? = nil, invalidVotes: Int? = nil) {
            self.registeredVoters = registeredVoters
            self.ballotsCast = ballotsCast
            self.validVotes = validVotes
            self.invalidVotes = invalidVotes
        }
    }

    /// One party's figures in one unit, each nil where not published.
    public struct PartyFigures: Sendable, Hashable, Codable {
        public var party: PartyNumber
        public var votes: Int?
        public var seats: Int?

        public init(party: PartyNumber, votes: Int?, seats: Int?) {
            self.party = party
            self.votes = votes
            self.seats = seats
        }
    }

    /// The nation's or one constituency's published figures.
    public struct UnitFigures: Sendable, Hashable, Codable {
        public var totals: Totals
        /// Parties with a published figure, by number.
        public var parties: [PartyFigures]
        /// Stations counted and stations in all, when the figures come from a count under way.
        public var stationsReported: Int?
        public var stationsTotal: Int?

        public init(totals: Totals, parties: [PartyFigures], stationsReported: Int? = nil, stationsTotal: Int? = nil) {
            self.totals = totals
            self.parties = parties
            self.stationsReported = stationsReported
            self.stationsTotal = stationsTotal
        }

        public func figures(of party: PartyNumber) -> PartyFigures? { parties.first { $0.party == party } }
    }

    public var election: Definition
    public var status: Status
    public var constituencies: [Constituency]
    /// The parties that stood. A record's party numbers are its own keys (the ballot numbers where
    /// known); parties are matched between elections by name, not number.
    public var parties: [Party]
    public var national: UnitFigures
    /// Constituencies with any published figure, by code.
    public var byConstituency: [ProvinceCode: UnitFigures]
    /// Where the figures come from.
    public var provenance: [String: String]
    /// The reports of the observer missions that watched the election, as they stood when it was
    /// kept (an election archived from Sala; none for one imported from its published figures).
    public var missionReports: [MissionReport]

    public init(
        election: Definition, status: Status, constituencies: [Constituency], parties: [Party], national: UnitFigures,
        byConstituency: [ProvinceCode: UnitFigures], provenance: [String: String], missionReports: [MissionReport] = []
    ) {
        self.election = election
        self.status = status
        self.constituencies = constituencies
        self.parties = parties
        self.national = national
        self.byConstituency = byConstituency
        self.provenance = provenance
        self.missionReports = missionReports
    }

    private enum CodingKeys: String, CodingKey {
        case election, status, constituencies, parties, national, byConstituency, provenance, missionReports
    }

    /// Reads a record kept before records held mission reports as having none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            election: try c.decode(Definition.self, forKey: .election), status: try c.decode(Status.self, forKey: .status),
            constituencies: try c.decode([Constituency].self, forKey: .constituencies), parties: try c.decode([Party].self, forKey: .parties),
            national: try c.decode(UnitFigures.self, forKey: .national),
            byConstituency: try c.decode([ProvinceCode: UnitFigures].self, forKey: .byConstituency),
            provenance: try c.decode([String: String].self, forKey: .provenance),
            missionReports: try c.decodeIfPresent([MissionReport].self, forKey: .missionReports) ?? [])
    }

    /// A party's seats in a constituency: as published or, when the published seats of the
    /// constituency already fill all of its seats, 0 for a party not among them.
    public func seats(of party: PartyNumber, in code: ProvinceCode) -> Int? {
        guard let unit = byConstituency[code] else { return nil }
        if let seats = unit.figures(of: party)?.seats { return seats }
        guard let constituency = constituencies.first(where: { $0.id == code }) else { return nil }
        let filled = unit.parties.reduce(0) { $0 + ($1.seats ?? 0) }
        return filled == constituency.seats ? 0 : nil
    }

    /// A party's seats in the whole assembly: as published nationally, else the sum over the
    /// constituencies when every one of them is known.
    public func seats(of party: PartyNumber) -> Int? {
        if let seats = national.figures(of: party)?.seats { return seats }
        var sum = 0
        for constituency in constituencies {
            guard let seats = seats(of: party, in: constituency.id) else { return nil }
            sum += seats
        }
        return constituencies.isEmpty ? nil : sum
    }

    /// The things that do not add up, each in words: seats beyond a constituency's, a national
    /// figure that disagrees with the sum of its constituencies, votes beyond the valid votes.
    public var inconsistencies: [String] {
        var found: [String] = []
        let numbers = Set(parties.map(\.id))
        let codes = Set(constituencies.map(\.id))
        let seatTotal = constituencies.reduce(0) { $0 + $1.seats }
        if seatTotal != election.seats {
            found.append("the constituencies' seats add up to \(seatTotal); the election has \(election.seats)")
        }
        func check(_ unit: UnitFigures, _ name: String, seats: Int) {
            for figures in unit.parties where !numbers.contains(figures.party) {
                found.append("\(name): party \(figures.party) is not among the parties")
            }
            let filled = unit.parties.reduce(0) { $0 + ($1.seats ?? 0) }
            if filled > seats { found.append("\(name): \(filled) seats given, but it has \(seats)") }
            let t = unit.totals
            if let valid = t.validVotes, let invalid = t.invalidVotes, let cast = t.ballotsCast, valid + invalid != cast {
                found.append("\(name): valid \(valid) and invalid \(invalid) do not make the \(cast) ballots cast")
            }
            if let cast = t.ballotsCast, let registered = t.registeredVoters, cast > registered {
                found.append("\(name): \(cast) ballots cast, more than the \(registered) registered voters")
            }
            let votes = unit.parties.reduce(0) { $0 + ($1.votes ?? 0) }
            if let valid = t.validVotes {
                if votes > valid { found.append("\(name): the parties' votes add up to \(votes), more than the \(valid) valid votes") }
                if unit.parties.allSatisfy({ $0.votes != nil }), unit.parties.count == parties.count, votes != valid {
                    found.append("\(name): every party's votes are given and add up to \(votes), not the \(valid) valid votes")
                }
            }
        }
        check(national, "national", seats: election.seats)
        for (code, unit) in byConstituency.sorted(by: { $0.key < $1.key }) {
            guard codes.contains(code), let constituency = constituencies.first(where: { $0.id == code }) else {
                found.append("constituency \(code) is not among the constituencies")
                continue
            }
            check(unit, "constituency \(code)", seats: constituency.seats)
        }
        for party in parties {
            if let published = national.figures(of: party.id)?.seats,
               let summed = constituencies.isEmpty ? nil : constituencies.reduce(Int?.some(0), { sum, c in
                   guard let sum, let seats = seats(of: party.id, in: c.id) else { return nil }
                   return sum + seats
               }), summed != published {
                found.append("party \(party.id): \(published) seats nationally, \(summed) in its constituencies")
            }
        }
        return found
    }
}
