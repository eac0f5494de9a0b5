/// Everything published about the results at one moment: national and provincial totals, the
/// seats each province's votes give, and the members elected. A publication stores one of these.
public struct ResultsReport: Sendable, Hashable, Codable {
    /// One constituency's totals and seats.
    public struct ConstituencyResult: Sendable, Hashable, Codable {
        public var constituency: Constituency
        public var totals: ResultTotals
        /// Seats per party ballot number, once the constituency's count is complete (empty before).
        public var seats: [PartyNumber: Int]
        /// Set when a tie the law does not settle leaves seats to a drawing of lots.
        public var tie: SeatTie?
        /// Seats no party can take, when there are any (every list in the running out of
        /// candidates); optional so that publications stored before it was kept still read.
        public var unfilled: Int?
        /// Candidates who fill the seats, in ballot then list order.
        public var elected: [ElectedMember]

        public init(
            constituency: Constituency, totals: ResultTotals, seats: [PartyNumber: Int], tie: SeatTie?, unfilled: Int = 0, elected: [ElectedMember]
        ) {
            self.constituency = constituency
            self.totals = totals
            self.seats = seats
            self.tie = tie
            self.unfilled = unfilled > 0 ? unfilled : nil
            self.elected = elected
        }
    }

    public var election: Election
    /// Parties in ballot order.
    public var parties: [Party]
    public var national: ResultTotals
    /// Constituencies in code order.
    public var constituencies: [ConstituencyResult]

    public init(election: Election, parties: [Party], national: ResultTotals, constituencies: [ConstituencyResult]) {
        self.election = election
        self.parties = parties
        self.national = national
        self.constituencies = constituencies
    }

    /// Seats per party across all constituencies.
    public var seatsByParty: [PartyNumber: Int] {
        constituencies.reduce(into: [:]) { sum, c in
            for (party, n) in c.seats { sum[party, default: 0] += n }
        }
    }
}

/// Parties equal for the last seats of a constituency, and how many seats they are equal for:
/// a drawing of lots is required.
public struct SeatTie: Sendable, Hashable, Codable {
    /// Ballot numbers of the tied parties.
    public var parties: [PartyNumber]
    public var seats: Int

    public init(parties: [PartyNumber], seats: Int) {
        self.parties = parties
        self.seats = seats
    }
}

/// A member elected as the results publish them: party, list and place, name, sex and age on
/// election day. Never the date of birth, which with the name identifies a person (the candidate
/// lists publish the age too).
public struct ElectedMember: Sendable, Hashable, Codable {
    public var partyID: PartyNumber
    public var constituencyCode: ProvinceCode
    public var listPosition: Int
    public var name: PersonName
    public var sex: Sex
    /// Nil in publications made before the age replaced the date of birth.
    public var ageOnElectionDay: Int?

    public init(_ candidate: Candidate, electionDay: CalendarDate) {
        partyID = candidate.partyID
        constituencyCode = candidate.constituencyCode
        listPosition = candidate.listPosition
        name = candidate.name
        sex = candidate.sex
        ageOnElectionDay = candidate.dateOfBirth.age(on: electionDay)
    }
}
