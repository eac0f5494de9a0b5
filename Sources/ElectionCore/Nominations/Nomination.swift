/// One person a party puts on a list, as its agent declares them: who they are on the register,
/// and their declaration of Khmer nationality by birth.
public struct Nominee: Sendable, Hashable, Codable {
    public var voterNumber: VoterNumber
    /// The name as the agent typed it; it must be the register's (either script).
    public var name: String
    /// Declared nationality by birth (the register does not hold it).
    public var nationalByBirth: Bool

    public init(voterNumber: VoterNumber, name: String, nationalByBirth: Bool) {
        self.voterNumber = voterNumber
        self.name = name
        self.nationalByBirth = nationalByBirth
    }
}

/// A party's list for one constituency as submitted: titular candidates first, then reserves,
/// in order.
public struct CandidateListSubmission: Sendable, Hashable, Codable {
    public var party: PartyNumber
    public var constituency: ProvinceCode
    public var nominees: [Nominee]

    public init(party: PartyNumber, constituency: ProvinceCode, nominees: [Nominee]) {
        self.party = party
        self.constituency = constituency
        self.nominees = nominees
    }
}

/// A rule a submitted list or one of its candidates breaks.
public enum NominationRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The voter number is not on the register.
    case notRegistered = "not-registered"
    /// The name typed is not the register's name for that voter number.
    case nameDiffers = "name-differs"
    /// Younger than the election's minimum candidate age on polling day.
    case tooYoung = "too-young"
    /// Not declared of the nationality by birth.
    case notNationalByBirth = "not-national-by-birth"
    /// Already on another list (another party, or another constituency).
    case onAnotherList = "on-another-list"
    /// Sits on an election commission (a commission member may not stand).
    case sitsOnACommission = "sits-on-a-commission"
    /// On this list twice.
    case twiceOnList = "twice-on-list"
    /// Fewer candidates than seats plus the minimum reserves.
    case tooFewCandidates = "too-few-candidates"
    /// More candidates than seats plus the maximum reserves.
    case tooManyCandidates = "too-many-candidates"
}

/// One failure of a list: the rule, and the candidate (position and name as typed) when it is theirs.
public struct NominationProblem: Sendable, Hashable, Codable {
    public var rule: NominationRule
    /// The list position, from 1; nil for a rule about the whole list.
    public var position: Int?
    public var candidate: String?
    /// For a rule about the list's length: how many candidates it may have.
    public var allowed: ClosedRange<Int>?
    /// English detail (the figures); pages translate by ``rule``.
    public var detail: String

    public init(rule: NominationRule, position: Int? = nil, candidate: String? = nil, allowed: ClosedRange<Int>? = nil, detail: String) {
        self.rule = rule
        self.position = position
        self.candidate = candidate
        self.allowed = allowed
        self.detail = detail
    }
}

/// A list refused, with every problem found in it.
public struct NominationProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [NominationProblem]

    public init(_ problems: [NominationProblem]) { self.problems = problems }

    public var description: String {
        problems.map { p in
            [p.position.map { "candidate \($0)" }, p.candidate, p.rule.rawValue, p.detail].compactMap { $0 }.joined(separator: ": ")
        }.joined(separator: "; ")
    }
}

/// Where a person already stands, for the rule that a candidate is on one list only.
public struct ListPlace: Sendable, Hashable {
    public var party: PartyNumber
    public var constituency: ProvinceCode

    public init(party: PartyNumber, constituency: ProvinceCode) {
        self.party = party
        self.constituency = constituency
    }
}

extension CandidateListSubmission {
    /// Every rule the list breaks, in list order: its length against the constituency's `seats`
    /// and the election's reserves, then each candidate against the register (`register`, by
    /// voter number, holds the voters found), the minimum age on polling day, the declaration of
    /// nationality by birth, and the lists they already stand on (`standing`, this list's own
    /// place left out).
    public func problems(
        seats: Int, election: Election, register: [VoterNumber: Voter], standing: [VoterNumber: ListPlace],
        commissionMembers: Set<VoterNumber> = []
    ) -> [NominationProblem] {
        var problems: [NominationProblem] = []
        let fewest = seats + election.reserveCandidates.lowerBound
        let most = seats + election.reserveCandidates.upperBound
        if nominees.count < fewest {
            problems.append(.init(rule: .tooFewCandidates, allowed: fewest...most, detail: "\(nominees.count) candidates; at least \(fewest) (\(seats) seats)"))
        }
        if nominees.count > most {
            problems.append(.init(rule: .tooManyCandidates, allowed: fewest...most, detail: "\(nominees.count) candidates; at most \(most) (\(seats) seats)"))
        }
        let place = ListPlace(party: party, constituency: constituency)
        var seen: [VoterNumber: Int] = [:]
        for (index, nominee) in nominees.enumerated() {
            if let first = seen[nominee.voterNumber] {
                problems.append(.init(rule: .twiceOnList, position: index + 1, candidate: nominee.name, detail: "also at position \(first)"))
            } else {
                seen[nominee.voterNumber] = index + 1
            }
            problems += nominee.problems(
                at: index + 1, on: place, election: election, register: register, standing: standing, commissionMembers: commissionMembers)
        }
        return problems
    }

    /// The candidates the accepted list stands, with the register's names, sex and dates of birth.
    public func candidates(register: [VoterNumber: Voter]) -> [Candidate] {
        nominees.enumerated().compactMap { index, nominee in
            register[nominee.voterNumber].map {
                Candidate(partyID: party, constituencyCode: constituency, listPosition: index + 1, name: $0.name, sex: $0.sex,
                          dateOfBirth: $0.dateOfBirth, voterNumber: nominee.voterNumber)
            }
        }
    }
}

extension Nominee {
    /// The rules this person breaks as a candidate at `position` on the list at `place`: on the
    /// register (`register`, by voter number) under the name typed, old enough on polling day,
    /// declared of the nationality by birth, and on no other list (`standing`: where people
    /// already stand; standing on `place` itself is the list being replaced, not a problem), and on
    /// no commission (`commissionMembers`: the voter numbers of members).
    public func problems(
        at position: Int, on place: ListPlace, election: Election, register: [VoterNumber: Voter], standing: [VoterNumber: ListPlace],
        commissionMembers: Set<VoterNumber> = []
    ) -> [NominationProblem] {
        var problems: [NominationProblem] = []
        func fail(_ rule: NominationRule, _ detail: String) {
            problems.append(.init(rule: rule, position: position, candidate: name, detail: detail))
        }
        guard let voter = register[voterNumber] else {
            fail(.notRegistered, "voter number \(voterNumber) is not on the register")
            return problems
        }
        if !voter.name.matches(name) { fail(.nameDiffers, "the register names \(voterNumber) otherwise") }
        let age = voter.dateOfBirth.age(on: election.electionDay)
        if age < election.minimumCandidateAge {
            fail(.tooYoung, "aged \(age) on \(election.electionDay); at least \(election.minimumCandidateAge)")
        }
        if !nationalByBirth { fail(.notNationalByBirth, "nationality by birth not declared") }
        if let other = standing[voterNumber], other != place {
            fail(.onAnotherList, "already on party \(other.party)'s list in \(other.constituency)")
        }
        if commissionMembers.contains(voterNumber) { fail(.sitsOnACommission, "a member of an election commission") }
        return problems
    }
}
