import ElectionCore
import Foundation
import Testing

/// An election's seat rules as data: a threshold measured in each constituency or nationally, and
/// the tie rule, each checked against D'Hondt worked by hand.
@Suite struct SeatRulesTests {
    static let lists: [PartyNumber: [Candidate]] = [
        1: ConstituencySeatsTests.list(1, 5), 2: ConstituencySeatsTests.list(2, 5), 3: ConstituencySeatsTests.list(3, 5),
    ]

    static func seats(_ rules: SeatRules, seats: Int, votes: [PartyNumber: Int], national: [PartyNumber: Int] = [:],
                      ballot: [PartyNumber] = [1, 2, 3]) throws -> ConstituencySeats {
        try ConstituencySeats(constituencyCode: "12", seats: seats, method: .dHondt, rules: rules, votes: votes, nationalVotes: national,
                              lists: lists, ballot: ballot)
    }

    @Test func aThresholdIsAPercentageOfTheValidVotes() {
        #expect(SeatRules(thresholdPercent: "5", thresholdScope: .national, ties: .report).threshold == Rational(1, 20))
        #expect(SeatRules(thresholdPercent: "3.5", thresholdScope: .national, ties: .report).threshold == Rational(7, 200))
        #expect(SeatRules.none.threshold == nil && SeatRules.none.problem == nil)
        for bad in ["150", "-1", "five", ""] {
            #expect(SeatRules(thresholdPercent: bad, thresholdScope: .constituency, ties: .report).problem != nil, "\(bad)")
        }
    }

    @Test func aConstituencyThresholdSetsAsideTheListsBelowIt() throws {
        // 4 seats, 500 / 300 / 200. Without a threshold: 500, 300, 250, 200 → 2, 1, 1.
        // At 25%, party 3's 20% is set aside: 500, 300, 250, 166⅔ → 3, 1, 0.
        let votes: [PartyNumber: Int] = [1: 500, 2: 300, 3: 200]
        #expect(try Self.seats(.none, seats: 4, votes: votes).seatsByParty == [1: 2, 2: 1, 3: 1])
        let rules = SeatRules(thresholdPercent: "25", thresholdScope: .constituency, ties: .report)
        #expect(try Self.seats(rules, seats: 4, votes: votes).seatsByParty == [1: 3, 2: 1, 3: 0])
    }

    @Test func aNationalThresholdLeavesAPartyOutEverywhere() throws {
        // Nationally party 3 has 400 of 19,400 (2.06%), below 5%; here it has the most votes.
        // Without the threshold: 300, 150, 100, 100 → party 3 takes both seats; with it: 100, 100 → 1 and 1.
        let votes: [PartyNumber: Int] = [1: 100, 2: 100, 3: 300]
        let national: [PartyNumber: Int] = [1: 10_000, 2: 9_000, 3: 400]
        let rules = SeatRules(thresholdPercent: "5", thresholdScope: .national, ties: .report)
        #expect(rules.excludedNationally(national) == [3])
        #expect(try Self.seats(.none, seats: 2, votes: votes, national: national).seatsByParty[3] == 2)
        #expect(try Self.seats(rules, seats: 2, votes: votes, national: national).seatsByParty == [1: 1, 2: 1])
    }

    @Test func aTieIsReportedUnlessTheRulesBreakIt() throws {
        // 2 seats, 600 / 300: 600, then party 1's 300 and party 2's 300 for the last seat.
        let votes: [PartyNumber: Int] = [1: 600, 2: 300]
        let reported = try Self.seats(.none, seats: 2, votes: votes)
        #expect(reported.tie?.parties == [1, 2])
        let most = try Self.seats(SeatRules(thresholdPercent: nil, thresholdScope: .constituency, ties: .mostVotes), seats: 2, votes: votes)
        #expect(most.tie == nil && most.seatsByParty[1] == 2)
        // On this ballot paper party 2 is printed first.
        let byBallot = try Self.seats(SeatRules(thresholdPercent: nil, thresholdScope: .constituency, ties: .ballotOrder), seats: 2,
                                      votes: votes, ballot: [2, 1, 3])
        #expect(byBallot.tie == nil && byBallot.seatsByParty == [1: 1, 2: 1])
    }

    @Test func theRulesTravelInTheBundleAndABadThresholdIsNamed() throws {
        let election = Election(
            id: "rules", nameEnglish: "Rules", nameKhmer: "ច្បាប់", electionDay: CalendarDate(iso: "2030-01-06")!, pollsOpen: "07:00",
            pollsClose: "15:00", seats: 3, seatAllocationMethod: "dhondt", minimumVotingAge: 18, minimumCandidateAge: 25, citizenship: "KHM",
            utcOffsetMinutes: 420, reserveCandidates: 0...0,
            seatRules: SeatRules(thresholdPercent: "5", thresholdScope: .national, ties: .ballotOrder))
        let decoded = try JSONDecoder().decode(Election.self, from: try JSONEncoder().encode(election))
        #expect(decoded.seatRules == election.seatRules)
        // A manifest written before seat rules reads as none.
        var old = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(election)) as? [String: Any])
        old["seatRules"] = nil
        #expect(try JSONDecoder().decode(Election.self, from: try JSONSerialization.data(withJSONObject: old)).seatRules == .none)
    }
}
