import ElectionCore
import Testing

/// A province's seats from its votes, and the members who fill them.
@Suite struct ConstituencySeatsTests {
    static func list(_ party: PartyNumber, _ length: Int) -> [Candidate] {
        // Given out of order: seats must follow list position, not the order stored.
        (1...length).reversed().map { position in
            Candidate(
                partyID: party, constituencyCode: "12", listPosition: position,
                name: PersonName(khmer: "សុខ \(position)", latin: "Sok \(party)-\(position)"), sex: .female,
                dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!)
        }
    }

    @Test func seatsGoToTheListsInOrderAndFollowTheLawsMethod() throws {
        // 12 seats; D'Hondt by hand: 900/1..9 = 900, 450, 300, 225, 180, 150, 128.6, 112.5, 100;
        // 120/1 = 120 takes the 8th seat ahead of 112.5, and 20 never reaches 75 (900/12).
        let votes: [PartyNumber: Int] = [1: 900, 2: 120, 3: 20]
        let seats = try ConstituencySeats(
            constituencyCode: "12", seats: 12, method: try #require(SeatMethod(name: "highest-average")), votes: votes,
            lists: [1: Self.list(1, 15), 2: Self.list(2, 15), 3: Self.list(3, 15)])
        #expect(seats.seatsByParty == [1: 11, 2: 1, 3: 0])
        #expect(seats.tie == nil)
        #expect(seats.elected.map(\.listPosition) == Array(1...11) + [1])
        #expect(seats.elected.last?.partyID == 2)
    }

    @Test func aListThatRunsOutOfCandidatesLeavesItsSeatsToOthers() throws {
        let seats = try ConstituencySeats(
            constituencyCode: "12", seats: 5, method: .dHondt, votes: [1: 1_000, 2: 10],
            lists: [1: Self.list(1, 3), 2: Self.list(2, 5)])
        #expect(seats.seatsByParty == [1: 3, 2: 2])
        #expect(seats.elected.count == 5)
    }

    @Test func equalVotesForTheLastSeatAreATieNotADecision() throws {
        let seats = try ConstituencySeats(
            constituencyCode: "12", seats: 1, method: .dHondt, votes: [1: 500, 2: 500],
            lists: [1: Self.list(1, 2), 2: Self.list(2, 2)])
        #expect(seats.tie == SeatTie(parties: [1, 2], seats: 1))
        #expect(seats.elected.isEmpty)
    }

    @Test func methodNamesAreTheCommandsNames() {
        #expect(SeatMethod(name: "cambodia") == .cambodia)
        #expect(SeatMethod(name: "droop") == .largestRemainder(.droop))
        #expect(SeatMethod(name: "modified-sainte-lague") == nil)
        #expect(SeatMethod(name: "modified-sainte-lague", firstDivisor: Rational(7, 5)) == .modifiedSainteLague(firstDivisor: Rational(7, 5)))
        #expect(SeatMethod(name: "plurality") == nil)
    }
}
