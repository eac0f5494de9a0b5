import ElectionCore
import Testing

@Suite struct SeatAllocationTests {
    func seats(_ method: SeatMethod, _ total: Int, _ votes: KeyValuePairs<String, Int>, threshold: Rational = Rational(0)) throws -> [String: Int] {
        let outcome = try SeatAllocation(
            method: method, seats: total, contestants: votes.map { .init(name: $0.key, votes: $0.value) },
            threshold: threshold
        ).allocate()
        #expect(outcome.tie == nil)
        return outcome.seats
    }

    // Worked examples from the methods' textbook descriptions (Wikipedia's articles on each).
    @Test func dHondtAndSainteLagueOnTheTextbookExample() throws {
        let votes: KeyValuePairs = ["A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000]
        #expect(try seats(.dHondt, 8, votes) == ["A": 4, "B": 3, "C": 1, "D": 0])
        #expect(try seats(.sainteLague, 8, votes) == ["A": 3, "B": 3, "C": 1, "D": 1])
    }

    @Test func largestRemainderQuotasOnTheTextbookExample() throws {
        let votes: KeyValuePairs = ["Y": 47_000, "W": 16_000, "R": 15_800, "G": 12_000, "B": 6_100, "P": 3_100]
        #expect(try seats(.largestRemainder(.hare), 10, votes) == ["Y": 5, "W": 2, "R": 1, "G": 1, "B": 1, "P": 0])
        #expect(try seats(.largestRemainder(.droop), 10, votes) == ["Y": 5, "W": 2, "R": 2, "G": 1, "B": 0, "P": 0])
    }

    @Test func modifiedSainteLagueFirstDivisorHoldsBackSmallLists() throws {
        let votes: KeyValuePairs = ["A": 53_000, "B": 24_000, "C": 23_000]
        // Divisors 1.4, 3, 5: A 37857, 17667, 10600; B 17143, 8000; C 16429 → A A B A C? order: A, A(17667), B(17143), C(16429), A(10600)
        #expect(try seats(.modifiedSainteLague(firstDivisor: Rational(7, 5)), 5, votes) == ["A": 3, "B": 1, "C": 1])
        #expect(try seats(.modifiedSainteLague(firstDivisor: Rational(7, 5)), 3, votes) == ["A": 2, "B": 1, "C": 0])
    }

    @Test func aTieForTheLastSeatIsReportedNotBroken() throws {
        let allocation = SeatAllocation(method: .dHondt, seats: 3, contestants: [
            .init(name: "A", votes: 300), .init(name: "B", votes: 150), .init(name: "C", votes: 150),
        ])
        let outcome = try allocation.allocate()
        // A 300, 150, 100; B 150; C 150: seat 1 to A, then A, B and C all at 150 for two seats.
        #expect(outcome.seats == ["A": 1, "B": 0, "C": 0])
        #expect(outcome.tie == .init(contestants: ["A", "B", "C"], seats: 2))
        var byOrder = allocation
        byOrder.tieBreak = .order(["C", "A", "B"])
        let decided = try byOrder.allocate()
        #expect(decided.tie == nil)
        #expect(decided.seats == ["A": 2, "B": 0, "C": 1])
        var byVotes = allocation
        byVotes.tieBreak = .mostVotes
        let partly = try byVotes.allocate()
        // Most votes puts A first; B and C stay equal for the last seat.
        #expect(partly.seats == ["A": 2, "B": 0, "C": 0])
        #expect(partly.tie == .init(contestants: ["B", "C"], seats: 1))
    }

    @Test func thresholdAndCapAreApplied() throws {
        #expect(try seats(.dHondt, 4, ["A": 600, "B": 380, "C": 20], threshold: Rational(5, 100)) == ["A": 3, "B": 1, "C": 0])
        let capped = try SeatAllocation(method: .dHondt, seats: 4, contestants: [
            .init(name: "A", votes: 900, cap: 2), .init(name: "B", votes: 100),
        ]).allocate()
        #expect(capped.seats == ["A": 2, "B": 2])
        #expect(capped.steps.contains { $0.kind == "cap" || $0.contestant == "B" })
    }

    @Test func badInputIsRefused() {
        #expect(throws: SeatAllocation.Problem.noSeats) {
            try SeatAllocation(method: .dHondt, seats: 0, contestants: [.init(name: "A", votes: 1)]).allocate()
        }
        #expect(throws: SeatAllocation.Problem.negativeVotes("A")) {
            try SeatAllocation(method: .dHondt, seats: 1, contestants: [.init(name: "A", votes: -1)]).allocate()
        }
        #expect(throws: SeatAllocation.Problem.noContestants) {
            try SeatAllocation(method: .dHondt, seats: 1, contestants: []).allocate()
        }
    }

    /// The law's two-step wording (full quotas, then highest averages) gives D'Hondt's seats
    /// whenever neither leaves a tie, on thousands of random elections.
    @Test func cambodiasHighestAverageEqualsDHondtExceptInTies() throws {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var compared = 0
        for _ in 0..<3_000 {
            let lists = (0..<(2 + next(12))).map { SeatAllocation.Contestant(name: "P\($0)", votes: next(5) == 0 ? next(50) : next(200_000)) }
            let seatCount = 1 + next(15)
            let dHondt = try SeatAllocation(method: .dHondt, seats: seatCount, contestants: lists).allocate()
            let cambodia = try SeatAllocation(method: .cambodia, seats: seatCount, contestants: lists).allocate()
            guard dHondt.tie == nil, cambodia.tie == nil else { continue }
            #expect(dHondt.seats == cambodia.seats, "\(lists) \(seatCount)")
            compared += 1
        }
        #expect(compared > 2_500)
    }

    @Test func rationalsCompareExactly() {
        #expect(Rational(1, 3) < Rational(334, 1_000))
        #expect(Rational(2, 4) == Rational(1, 2))
        #expect(Rational("1.4") == Rational(7, 5))
        #expect(Rational("7/5") == Rational(7, 5))
        #expect(Rational("1.") == nil)
        #expect(Rational("-1") == nil)
        #expect(Rational(Int.max, 3) > Rational(Int.max - 1, 3))
        #expect(Rational(7, 2).floor == 3)
    }
}

/// Apportioning a house among constituencies by population, with a minimum each.
@Suite struct ApportionmentTests {
    // A textbook case where the four methods disagree (Balinski and Young's style of example);
    // the expected seats were worked out independently with Python's fractions.
    let populations: KeyValuePairs = ["A": 5_117, "B": 4_400, "C": 162, "D": 161, "E": 160]

    func apportion(_ method: SeatMethod, minimum: Int = 0, seats: Int = 100, _ populations: KeyValuePairs<String, Int>) throws -> [String: Int] {
        let outcome = try SeatAllocation(
            method: method, seats: seats, contestants: populations.map { .init(name: $0.key, votes: $0.value) },
            minimum: minimum
        ).allocate()
        #expect(outcome.tie == nil)
        #expect(outcome.seats.values.reduce(0, +) == seats)
        return outcome.seats
    }

    @Test func theFourMethodsOnOneHouse() throws {
        #expect(try apportion(.largestRemainder(.hare), populations) == ["A": 51, "B": 44, "C": 2, "D": 2, "E": 1])
        #expect(try apportion(.dHondt, populations) == ["A": 52, "B": 45, "C": 1, "D": 1, "E": 1])
        #expect(try apportion(.sainteLague, populations) == ["A": 51, "B": 43, "C": 2, "D": 2, "E": 2])
        #expect(try apportion(.huntingtonHill, minimum: 1, populations) == ["A": 51, "B": 43, "C": 2, "D": 2, "E": 2])
    }

    @Test func hamiltonHoldsSmallConstituenciesAtTheMinimum() throws {
        let small: KeyValuePairs = ["A": 9_000, "B": 900, "C": 100]
        #expect(try apportion(.largestRemainder(.hare), seats: 10, small) == ["A": 9, "B": 1, "C": 0])
        // C (0.1 of a quota) is held at 1; then B (0.82 of the new quota) too; A takes the rest.
        #expect(try apportion(.largestRemainder(.hare), minimum: 1, seats: 10, small) == ["A": 8, "B": 1, "C": 1])
        #expect(try apportion(.dHondt, minimum: 2, seats: 10, small) == ["A": 6, "B": 2, "C": 2])
    }

    @Test func impossibleMinimumsAreRefused() {
        #expect(throws: SeatAllocation.Problem.minimumTooLarge) {
            try SeatAllocation(method: .dHondt, seats: 2, contestants: [.init(name: "A", votes: 1), .init(name: "B", votes: 1), .init(name: "C", votes: 1)], minimum: 1).allocate()
        }
        #expect(throws: SeatAllocation.Problem.huntingtonHillNeedsAMinimum) {
            try SeatAllocation(method: .huntingtonHill, seats: 2, contestants: [.init(name: "A", votes: 1)]).allocate()
        }
    }
}
