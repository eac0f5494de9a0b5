import ElectionCore
import Foundation
import Testing

/// The calendar's windows and the rules a candidate list is checked against, on small hand-made cases.
@Suite struct NominationTests {
    static let election = Election(
        id: "test", nameEnglish: "Test", nameKhmer: "សាកល្បង", electionDay: CalendarDate(year: 2023, month: 7, day: 23)!,
        pollsOpen: "07:00", pollsClose: "15:00", seats: 3, seatAllocationMethod: "highest-average", minimumVotingAge: 18,
        minimumCandidateAge: 25, citizenship: "KHM", utcOffsetMinutes: 420, reserveCandidates: 1...2)

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func theDayIsTheElectionsLocalDay() {
        // UTC+7: 16:59 UTC is 23:59 on the same day; 17:00 UTC is the next day.
        #expect(Self.election.localDay(at: Self.instant("2023-07-23T16:59:59Z")) == Self.day("2023-07-23"))
        #expect(Self.election.localDay(at: Self.instant("2023-07-23T17:00:00Z")) == Self.day("2023-07-24"))
        #expect(Self.election.localDay(at: Self.instant("2023-07-22T17:00:00Z")) == Self.day("2023-07-23"))
    }

    @Test func resultsAreEnteredOnlyOnceThePollsClose() throws {
        // 15:00 in Phnom Penh is 08:00 UTC.
        #expect(Self.election.pollsCloseInstant == Self.instant("2023-07-23T08:00:00Z"))
        let early = try #require(throws: Refusal.self) { try Self.election.requirePollsClosed(at: Self.instant("2023-07-23T07:59:59Z")) }
        #expect(early.reason == .outsideCalendar)
        try Self.election.requirePollsClosed(at: Self.instant("2023-07-23T08:00:00Z"))
    }

    @Test func aMovedDeadlineIsTheOneInForce() throws {
        let nominations = CalendarEntry(milestone: .nominations, opens: Self.day("2023-04-24"), closes: Self.day("2023-05-08"))
        var calendar = ElectionCalendar(entries: [nominations])
        try calendar.require(.nominations, openOn: Self.day("2023-04-24"))
        try calendar.require(.nominations, openOn: Self.day("2023-05-08"))
        #expect(throws: Refusal.self) { try calendar.require(.nominations, openOn: Self.day("2023-04-23")) }
        #expect(throws: Refusal.self) { try calendar.require(.nominations, openOn: Self.day("2023-05-09")) }
        // A milestone the calendar does not have sets no limit.
        try calendar.require(.campaign, openOn: Self.day("1999-01-01"))

        let later = DeadlineOverride(milestone: .nominations, closes: Self.day("2023-05-12"), reason: "floods", officialName: "nec",
                                     recordedAt: Self.instant("2023-05-07T00:00:00Z"))
        let earlier = DeadlineOverride(milestone: .nominations, closes: Self.day("2023-05-10"), reason: "second thoughts", officialName: "nec",
                                       recordedAt: Self.instant("2023-05-08T00:00:00Z"))
        calendar = ElectionCalendar(entries: [nominations], overrides: [earlier, later])
        // The newest override is in force, whatever order they are given in.
        #expect(calendar.window(.nominations) == Self.day("2023-04-24")...Self.day("2023-05-10"))
        try calendar.require(.nominations, openOn: Self.day("2023-05-10"))
        #expect(throws: Refusal.self) { try calendar.require(.nominations, openOn: Self.day("2023-05-11")) }
    }

    /// Four registered voters: three of age, one 24 on polling day.
    static let register: [VoterNumber: Voter] = Dictionary(uniqueKeysWithValues: [
        ("សុខ ដារ៉ា", "Sok Dara", "1980-01-01"), ("ចាន់ សុភា", "Chan Sophea", "1990-06-30"),
        ("កែវ ស្រីមុំ", "Keo Sreymom", "1998-07-23"), ("លី ណារី", "Ly Nary", "1998-07-24"),
    ].enumerated().map { index, person in
        let voter = Voter(number: VoterNumber(serial: 100 + index), name: PersonName(khmer: person.0, latin: person.1),
                          sex: index % 2 == 0 ? .male : .female, dateOfBirth: day(person.2), stationCode: "010201001")
        return (voter.number, voter)
    })
    static func voter(_ index: Int) -> Voter { register[VoterNumber(serial: 100 + index)]! }

    static func list(_ people: [Int], party: PartyNumber = 1) -> CandidateListSubmission {
        CandidateListSubmission(party: party, constituency: "01", nominees: people.map {
            Nominee(voterNumber: voter($0).number, name: voter($0).name.latin, nationalByBirth: true)
        })
    }

    @Test func theListHasAsManyTitularsAsSeatsAndReservesAsTheElectionAllows() {
        // Two seats and 1...2 reserves: three or four candidates.
        #expect(Self.list([0, 1]).problems(seats: 2, election: Self.election, register: Self.register, standing: [:]).map(\.rule) == [.tooFewCandidates])
        #expect(Self.list([0, 1, 2]).problems(seats: 2, election: Self.election, register: Self.register, standing: [:]).isEmpty)
        #expect(Self.list([0, 1]).problems(seats: 1, election: Self.election, register: Self.register, standing: [:]).isEmpty)
        let long = Self.list([0, 1, 2]).problems(seats: 0, election: Self.election, register: Self.register, standing: [:])
        #expect(long.map(\.rule) == [.tooManyCandidates] && long.first?.allowed == 1...2)
    }

    @Test func theAgeIsCountedOnPollingDay() {
        // Born 23 July 1998: 25 on 23 July 2023. Born a day later: 24.
        let problems = Self.list([2, 3]).problems(seats: 1, election: Self.election, register: Self.register, standing: [:])
        #expect(problems.map(\.rule) == [.tooYoung])
        #expect(problems.first?.position == 2 && problems.first?.candidate == "Ly Nary")
    }

    @Test func aPersonStandsOnOneListOnly() {
        let standing = [Self.voter(0).number: ListPlace(party: 2, constituency: "05")]
        let problems = Self.list([0, 1]).problems(seats: 1, election: Self.election, register: Self.register, standing: standing)
        #expect(problems.map(\.rule) == [.onAnotherList])
        // A commission member may not stand.
        let member = Self.list([0, 1]).problems(seats: 1, election: Self.election, register: Self.register, standing: [:],
                                                 commissionMembers: [Self.voter(1).number])
        #expect(member.map(\.rule) == [.sitsOnACommission] && member.first?.position == 2)
        // Standing on this very list is the list being replaced, not a conflict.
        let same = [Self.voter(0).number: ListPlace(party: 1, constituency: "01")]
        #expect(Self.list([0, 1]).problems(seats: 1, election: Self.election, register: Self.register, standing: same).isEmpty)
    }

    @Test func theBallotDrawIsTheDocumentedShuffle() {
        let parties: [PartyNumber] = [3, 1, 2, 5, 4]
        let draw = BallotDraw(seed: 42, parties: parties)
        // Written out here from docs/nominations.md: SplitMix64 from the seed, then for i in 0..<n-1
        // swap i with i + next() % (n - i), over the numbers sorted.
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var expected: [PartyNumber] = [1, 2, 3, 4, 5]
        for i in 0..<4 { expected.swapAt(i, i + Int(next() % UInt64(5 - i))) }
        #expect(draw.order() == expected)
        #expect(BallotDraw(seed: 42, parties: parties.reversed()).order() == expected)
        // A ballot paper follows the draw; a party registered after it comes last.
        #expect(BallotDraw.ballotOrder(of: [6, 4, 2, 1], drawn: [4, 1, 3, 2]) == [4, 1, 2, 6])
        // Different seeds give different orders (some of 20 must differ from the first).
        #expect(Set((0..<20).map { BallotDraw(seed: $0, parties: parties).order() }).count > 1)
    }
}

/// The membership rules of a commission, by hand.
@Suite struct CommissionCheckTests {
    static let voter = Voter(number: VoterNumber(serial: 7), name: PersonName(khmer: "សុខ ចាន់", latin: "Sok Chan"), sex: .male,
                             dateOfBirth: CalendarDate(year: 1970, month: 1, day: 1)!, stationCode: "010201001")
    static func members(_ count: Int, chair: Bool = true) -> [CommissionMember] {
        (1...count).map {
            CommissionMember(commissionID: "PSC-1", seat: $0, role: $0 == 1 && chair ? .chair : .member,
                             name: PersonName(khmer: "ក", latin: "K"), sex: .female)
        }
    }
    static func appointment(_ role: CommissionRole = .member, name: String = "Sok Chan") -> Appointment {
        Appointment(commissionID: "PSC-1", role: role, voterNumber: voter.number, name: name)
    }

    @Test func everyBrokenRuleIsNamed() {
        #expect(CommissionCheck.appointing(Self.appointment(), members: Self.members(6), allowed: 5...9, voter: Self.voter,
                                           seatElsewhere: false, isCandidate: false).isEmpty)
        #expect(CommissionCheck.appointing(Self.appointment(.chair, name: "Chan Sok"), members: Self.members(9), allowed: 5...9, voter: Self.voter,
                                           seatElsewhere: true, isCandidate: true)
                == [.tooManyMembers, .secondChair, .notRegistered, .alreadyOnACommission, .candidate])
        #expect(CommissionCheck.appointing(Self.appointment(), members: [], allowed: nil, voter: nil, seatElsewhere: false, isCandidate: false)
                == [.notRegistered])
        #expect(CommissionCheck.appointing(Self.appointment(.chair), members: Self.members(3, chair: false), allowed: 5...9, voter: Self.voter,
                                           seatElsewhere: false, isCandidate: false).isEmpty)
        #expect(CommissionCheck.removing(members: Self.members(5), allowed: 5...9) == [.tooFewMembers])
        #expect(CommissionCheck.removing(members: Self.members(6), allowed: 5...9).isEmpty)
        #expect(CommissionCheck.removing(members: Self.members(1), allowed: nil).isEmpty)
    }
}
