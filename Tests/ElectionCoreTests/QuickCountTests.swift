import Foundation
import Testing
@testable import ElectionCore

/// The quick count from plan to check: the sample size, the draw with its substitutes, the
/// records of observers' counts, the estimates, the seat projection and the official check.
/// Expected figures are worked by hand in the comments, or are properties that must hold.
@Suite struct QuickCountTests {
    /// A station's form: ballots in the box are the valid votes plus `invalid`.
    static func counts(_ votes: [PartyNumber: Int], registered: Int = 400, invalid: Int = 10) -> ResultCounts {
        let box = votes.values.reduce(0, +) + invalid
        return ResultCounts(
            registeredVoters: registered, ballotsReceived: registered, ballotsIssued: box, ballotsInBox: box,
            spoiledBallots: 0, unusedBallots: registered - box, invalidBallots: invalid, votes: votes)
    }

    static func observed(_ code: StationCode, _ counts: ResultCounts, observer: Int = 1) -> ObservedCount {
        ObservedCount(id: "\(code)-\(observer)", missionID: "demo-2023", observer: observer, stationCode: code,
                      observedAt: ClockTime(minutes: 18 * 60), counts: counts)
    }

    static func station(_ code: StationCode, frame: Int, sample: Int, substitute: Int? = nil) -> QuickCountStation {
        QuickCountStation(code: code, stratum: code.province.unit, stratumFrame: frame, stratumSample: sample, substitute: substitute)
    }

    @Test func thePlanSizesTheSampleByTheFormula() throws {
        // n₀ = (1.959964 · 0.10 / 0.006)² = 32.6661² ≈ 1067.07; n = 1067.07 / (1 + 1067.07/23789) ≈ 1021.26 → 1022.
        #expect(try QuickCountPlan(margin: 0.006, confidence: .ninetyFive).sampleSize(frameStations: 23_789) == 1022)
        // n₀ = (1.96 · 0.01 / 0.5)² ≈ 0.0015: one station, raised to the minimum of 2.
        #expect(try QuickCountPlan(margin: 0.5, confidence: .ninetyFive, stationSpread: 0.01).sampleSize(frameStations: 100) == 2)
        // A frame of one station: the minimum of 2 is capped by the frame.
        #expect(try QuickCountPlan(margin: 0.006, confidence: .ninetyNine).sampleSize(frameStations: 1) == 1)
        #expect(throws: QuickCountPlan.Problem.marginOutOfRange) { try QuickCountPlan(margin: 0, confidence: .ninetyFive).sampleSize(frameStations: 10) }
        #expect(throws: QuickCountPlan.Problem.marginOutOfRange) { try QuickCountPlan(margin: 0.51, confidence: .ninetyFive).sampleSize(frameStations: 10) }
        #expect(throws: QuickCountPlan.Problem.spreadOutOfRange) {
            try QuickCountPlan(margin: 0.01, confidence: .ninetyFive, stationSpread: 0).sampleSize(frameStations: 10)
        }
        #expect(throws: QuickCountPlan.Problem.spreadOutOfRange) {
            try QuickCountPlan(margin: 0.01, confidence: .ninetyFive, stationSpread: 1.5).sampleSize(frameStations: 10)
        }
        #expect(throws: QuickCountPlan.Problem.emptyFrame) { try QuickCountPlan(margin: 0.01, confidence: .ninetyFive).sampleSize(frameStations: 0) }
    }

    @Test func substitutesComeFromTheirStratumOutsideTheDraw() throws {
        let frame = (1...12).map { StationCode(commune: "010101", number: $0) } + (1...4).map { StationCode(commune: "020101", number: $0) }
        // Size 4 of 16 by province: 4·12/16 = 3 and 4·4/16 = 1, so 9 and 3 stations are left.
        let draw = StationDraw(seed: 11, frame: frame, size: 4, strata: .province)
        let before = try draw.stations()
        let substitutes = try draw.substitutes(perStratum: 5)
        #expect(try draw.stations() == before)
        #expect(substitutes["01"]?.count == 5 && substitutes["02"]?.count == 3, "5 asked; province 02 has only 3 left")
        let drawn = Set(before)
        for (unit, codes) in substitutes {
            #expect(codes.allSatisfy { unit.contains($0) && !drawn.contains($0) })
            #expect(Set(codes).count == codes.count)
        }
        #expect(try StationDraw(seed: 11, frame: frame.reversed(), size: 4, strata: .province).substitutes(perStratum: 5) == substitutes)
        #expect(try draw.substitutes(perStratum: 0).values.allSatisfy { $0.isEmpty })
    }

    @Test func theFrameVersionDependsOnTheSetOfStationsOnly() {
        let frame: [StationCode] = ["010101001", "010101002", "020101001"]
        let version = StationDraw(seed: 1, frame: frame, size: 1, strata: .none).frameVersion
        #expect(version.hasPrefix("3-") && version.count == 2 + 16)
        #expect(StationDraw(seed: 9, frame: frame.reversed() + ["010101001"], size: 2, strata: .commune).frameVersion == version)
        #expect(StationDraw(seed: 1, frame: frame + ["020101002"], size: 1, strata: .none).frameVersion.hasPrefix("4-"))
        let swapped = StationDraw(seed: 1, frame: ["010101001", "010101002", "020101002"], size: 1, strata: .none).frameVersion
        #expect(swapped.hasPrefix("3-") && swapped != version, "same size, another station: the digest must differ")
    }

    @Test func aSampleRecordsEachStationsInclusionProbability() throws {
        let frame = (1...10).map { StationCode(commune: "010101", number: $0) } + (1...30).map { StationCode(commune: "020101", number: $0) }
        // Size 7 of 40: 7·10/40 = 1 rem 30, 7·30/40 = 5 rem 10; the spare seat goes to 01 (remainder 30): 2 and 5.
        let sample = try QuickCountSample.draw(
            missionID: "demo-2023", frame: frame, seed: 5, size: 7, strata: .province, substitutes: 3, plan: nil, at: Date(timeIntervalSince1970: 0))
        #expect(sample.stations.count == 7 + 2 * 3 && sample.sampled.count == 7 && sample.frameStations == 40)
        #expect(Set(sample.stations.map(\.code)).count == sample.stations.count)
        for station in sample.stations {
            let (drawn, total) = station.stratum == "01" ? (2, 10) : (5, 30)
            #expect(station.inclusionProbability == Rational(drawn, total) && station.weight == Rational(total, drawn))
        }
        #expect(sample.stations.filter { $0.stratum == "02" }.compactMap(\.substitute) == [1, 2, 3])
        let draw = StationDraw(seed: 5, frame: frame, size: 7, strata: .province)
        #expect(try draw.stations() == sample.sampled.map(\.code).sorted())
        #expect(sample.frameVersion == draw.frameVersion)
    }

    @Test func substitutesStandInRankOrderOnlyForStationsNotReported() {
        let a: StationCode = "010101001", b: StationCode = "010101002", c: StationCode = "010101003"
        let s1: StationCode = "010101004", s2: StationCode = "010101005"
        // Substitutes listed out of rank order, so that the rank, not the listing, decides.
        let sample = QuickCountSample(
            missionID: "demo-2023", seed: 1, strata: .province, size: 3, substitutesPerStratum: 2, plan: nil, frameVersion: "", frameStations: 9,
            drawnAt: Date(timeIntervalSince1970: 0), published: false,
            stations: [Self.station(a, frame: 9, sample: 3), Self.station(b, frame: 9, sample: 3), Self.station(c, frame: 9, sample: 3),
                       Self.station(s2, frame: 9, sample: 3, substitute: 2), Self.station(s1, frame: 9, sample: 3, substitute: 1)])
        let oneMissing = sample.standing(reported: [a, c, s1, s2])
        #expect(oneMissing.count == 1 && oneMissing[0].standing == [a, c, s1], "b is missing: rank 1 stands for it")
        #expect(oneMissing[0].stratum.frameStations == 9 && oneMissing[0].stratum.drawn == [a, b, c])
        #expect(sample.standing(reported: [a, b, c, s1])[0].standing == [a, b, c], "nothing missing: no substitute is used")
        #expect(sample.standing(reported: [a, s2])[0].standing == [a, s2], "two missing, only rank 2 reported")
    }

    @Test func recordsKeepTheFirstCountAndListWhereOthersDiffer() {
        let counts = Self.counts([1: 100, 2: 50])
        var other = counts
        other.votes[2] = 55
        other.invalidBallots = 12
        var third = counts
        third.registeredVoters = 401
        let records = StationCountRecord.records([
            Self.observed("010101001", counts), Self.observed("010101002", counts),
            Self.observed("010101001", counts, observer: 2), Self.observed("010101002", other, observer: 2),
            Self.observed("010101002", third, observer: 3), Self.observed("010101003", counts),
        ])
        #expect(records["010101001"]?.confirmed == true && records["010101001"]?.differences == [])
        let disputed = records["010101002"]
        #expect(disputed?.first.id == "010101002-1" && disputed?.first.counts == counts && disputed?.others.map(\.observer) == [2, 3])
        #expect(disputed?.differences == ["invalidBallots", "registeredVoters", "votes.2"] && disputed?.confirmed == false)
        #expect(records["010101003"]?.confirmed == false && records["010101003"]?.others == [])
    }

    @Test func figuresOverAWholeFrameAreTheCountItself() throws {
        let c1 = Self.counts([1: 200, 2: 150, 3: 30], registered: 500, invalid: 20)  // valid 380, box 400
        let c2 = Self.counts([1: 100, 2: 120, 3: 20], registered: 300, invalid: 10)  // valid 240, box 250
        let c3 = Self.counts([1: 40, 2: 60, 3: 40], registered: 200, invalid: 10)  // valid 140, box 150
        let figures = try #require(QuickCountFigures.estimate([(2, [c1, c2]), (1, [c3])], parties: [1, 2, 3]))
        // Totals: valid 760, party 1 340, party 2 330, party 3 90; box 800, registered 1000, invalid 40.
        for (party, votes) in [(1, 340.0), (2, 330.0), (3, 90.0)] as [(PartyNumber, Double)] {
            let share = try #require(figures.share(of: party))
            #expect(abs(share.estimate - votes / 760) < 1e-12 && share.standardError == 0)
        }
        let turnout = try #require(figures.turnout), invalid = try #require(figures.invalidShare)
        #expect(abs(turnout.estimate - 0.8) < 1e-12 && abs(invalid.estimate - 0.05) < 1e-12)
        #expect(figures.reportingStations == 3 && figures.strataWithOneReport == 1)
        #expect(QuickCountFigures.estimate([(2, [])], parties: [1]) == nil)
        #expect(QuickCountFigures.estimate([(1, [Self.counts([1: 0])])], parties: [1]) == nil, "no valid vote")
    }

    static let sampledStrata: [(frameStations: Int, counts: [ResultCounts])] = [
        (10, [counts([1: 120, 2: 60, 3: 20]), counts([1: 80, 2: 90, 3: 30]), counts([1: 150, 2: 30, 3: 70])]),
        (8, [counts([1: 50, 2: 100, 3: 10]), counts([1: 90, 2: 40, 3: 60])]),
    ]

    @Test func theCovarianceAgreesWithTheRatioEstimator() throws {
        let parties: [PartyNumber] = [1, 2, 3]
        let (mean, covariance) = try #require(SeatProjection.shares(Self.sampledStrata, parties: parties))
        for (p, party) in parties.enumerated() {
            let estimate = try #require(RatioEstimator.estimate(Self.sampledStrata.map { stratum in
                QuickCountStratum(name: "s", frameStations: stratum.frameStations,
                                  reports: stratum.counts.map { RatioObservation(numerator: $0.votes[party] ?? 0, denominator: $0.validVotes) })
            }))
            #expect(abs(mean[p] - estimate.ratio) <= 1e-12 * estimate.ratio)
            let variance = estimate.standardError * estimate.standardError
            #expect(variance > 0 && abs(covariance[p][p] - variance) <= 1e-12 * variance)
        }
        // The shares add up to one, so each row of their covariance adds up to zero; it is symmetric.
        let scale = covariance.indices.map { covariance[$0][$0] }.max()!
        for p in 0..<3 {
            #expect(abs(covariance[p].reduce(0, +)) <= 1e-9 * scale)
            for q in 0..<3 { #expect(covariance[p][q] == covariance[q][p]) }
        }
    }

    static func product(_ l: [[Double]]) -> [[Double]] {
        l.indices.map { i in l.indices.map { j in l.indices.reduce(0.0) { $0 + l[i][$1] * l[j][$1] } } }
    }

    @Test func theCholeskyFactorReproducesTheMatrixEvenWhenSingular() throws {
        // L = [[2,0,0],[1,3,0],[0.5,−1,1]] gives L·Lᵀ = [[4,2,1],[2,10,−2.5],[1,−2.5,2.25]]; the factor is unique.
        let l = SeatProjection.choleskyFactor([[4, 2, 1], [2, 10, -2.5], [1, -2.5, 2.25]])
        let expected: [[Double]] = [[2, 0, 0], [1, 3, 0], [0.5, -1, 1]]
        for i in 0..<3 { for j in 0..<3 { #expect(abs(l[i][j] - expected[i][j]) < 1e-12) } }
        // Rank 2: (1,−1,0)(1,−1,0)ᵀ + (1,1,−2)(1,1,−2)ᵀ = [[2,0,−2],[0,2,−2],[−2,−2,4]], rows adding to zero.
        let singular: [[Double]] = [[2, 0, -2], [0, 2, -2], [-2, -2, 4]]
        let (_, covariance) = try #require(SeatProjection.shares(Self.sampledStrata, parties: [1, 2, 3]))
        for matrix in [singular, covariance] {
            let root = SeatProjection.choleskyFactor(matrix)
            #expect(root.joined().allSatisfy { $0.isFinite })
            #expect(root[0][1] == 0 && root[0][2] == 0 && root[1][2] == 0, "lower triangular")
            let scale = (0..<3).map { matrix[$0][$0] }.max()!
            let back = Self.product(root)
            for i in 0..<3 { for j in 0..<3 { #expect(abs(back[i][j] - matrix[i][j]) <= 1e-10 * scale) } }
        }
    }

    @Test func aProjectionWithoutSamplingErrorIsTheMethodsAllocation() throws {
        // 01, 5 seats, votes 700/300/100. D'Hondt quotients A 700, 350, 233.3, 175, 140; B 300, 150; C 100:
        // the five highest are 700 A, 350 A, 300 B, 233.3 A, 175 A → A 4, B 1.
        // 02, 3 seats, votes 100/250/600: C 600, 300, 200; B 250, 125; A 100 → C 2, B 1.
        // Each stratum's whole frame reported, so there is no variance. Nationally A 4, B 2, C 2 of 8: no majority.
        let inputs = [
            SeatProjection.Input(code: "01", seats: 5, strata: [(2, [Self.counts([1: 400, 2: 200, 3: 60]), Self.counts([1: 300, 2: 100, 3: 40])])]),
            SeatProjection.Input(code: "02", seats: 3, strata: [(1, [Self.counts([1: 100, 2: 250, 3: 600])])]),
        ]
        let projection = try #require(SeatProjection.simulate(inputs, parties: [1, 2, 3], method: .dHondt, simulations: 40, seed: 3))
        #expect(projection.totalSeats == 8)
        #expect(projection.constituencies.map(\.outcomes) == [
            [SeatProjection.Outcome(seats: [1: 4, 2: 1], probability: 1)], [SeatProjection.Outcome(seats: [2: 1, 3: 2], probability: 1)],
        ])
        #expect(projection.parties.map(\.party) == [1, 2, 3])
        #expect(projection.parties.map { [$0.low, $0.median, $0.high] } == [[4, 4, 4], [2, 2, 2], [2, 2, 2]])
        #expect(projection.parties.allSatisfy { $0.majorityProbability == 0 }, "4 of 8 is not a majority")

        // With sampling error: the same seed draws the same projection, and each outcome fills the seats.
        let sampled = [SeatProjection.Input(code: "01", seats: 5, strata: Self.sampledStrata)]
        let first = try #require(SeatProjection.simulate(sampled, parties: [1, 2, 3], method: .dHondt, simulations: 200, seed: 8))
        #expect(SeatProjection.simulate(sampled, parties: [1, 2, 3], method: .dHondt, simulations: 200, seed: 8) == first)
        let outcomes = first.constituencies[0].outcomes
        #expect(outcomes.allSatisfy { $0.seats.values.reduce(0, +) == 5 } && outcomes.reduce(0) { $0 + $1.probability } <= 1 + 1e-12)
        #expect(zip(outcomes, outcomes.dropFirst()).allSatisfy { $0.probability >= $1.probability })
    }

    @Test func theBiasWarningFollowsItsThreeRules() {
        typealias Bias = QuickCountEstimates.Bias
        #expect(!Bias(sampled: 100, missing: 0, strataBelowHalf: [], meanRegisteredStanding: 500, meanRegisteredMissing: nil).mayBias)
        #expect(!Bias(sampled: 100, missing: 5, strataBelowHalf: [], meanRegisteredStanding: 500, meanRegisteredMissing: 540).mayBias,
                "5 of 100 is not more than 5%; 540 is within a tenth of 500")
        #expect(Bias(sampled: 100, missing: 6, strataBelowHalf: [], meanRegisteredStanding: 500, meanRegisteredMissing: 500).mayBias)
        #expect(Bias(sampled: 100, missing: 1, strataBelowHalf: ["02"], meanRegisteredStanding: 500, meanRegisteredMissing: 500).mayBias)
        #expect(Bias(sampled: 100, missing: 1, strataBelowHalf: [], meanRegisteredStanding: 500, meanRegisteredMissing: 560).mayBias, "60 > 50")
    }

    // Province 01: frame 6, sampled a b c, substitute s; province 02: frame 4, sampled a b, substitute s.
    static let sample = QuickCountSample(
        missionID: "demo-2023", seed: 4, strata: .province, size: 5, substitutesPerStratum: 1, plan: nil, frameVersion: "", frameStations: 10,
        drawnAt: Date(timeIntervalSince1970: 0), published: false,
        stations: (["010101001", "010101002", "010101003"] as [StationCode]).map { station($0, frame: 6, sample: 3) } + [station("010101004", frame: 6, sample: 3, substitute: 1)]
            + (["020101001", "020101002"] as [StationCode]).map { station($0, frame: 4, sample: 2) } + [station("020101003", frame: 4, sample: 2, substitute: 1)])
    static let forms: [StationCode: ResultCounts] = [
        "010101001": counts([1: 100, 2: 50, 3: 50]), "010101002": counts([1: 80, 2: 60, 3: 60]), "010101003": counts([1: 120, 2: 40, 3: 40]),
        "010101004": counts([1: 90, 2: 70, 3: 40]), "020101001": counts([1: 60, 2: 100, 3: 40]), "020101002": counts([1: 40, 2: 120, 3: 40]),
    ]
    static let election = QuickCountEstimates.Election(parties: [1, 2, 3], seats: ["01": 3, "02": 2], method: .dHondt)
    static let registered = Dictionary(uniqueKeysWithValues: sample.stations.map { ($0.code, 400) })
    static var everySampledCount: [ObservedCount] {
        var disputed = forms["010101001"]!
        disputed.votes[2] = 55
        disputed.invalidBallots = 12
        let codes: [StationCode] = ["010101001", "010101002", "010101003", "020101001", "020101002"]
        return codes.map { observed($0, forms[$0]!) }
            + [observed("010101001", disputed, observer: 2), observed("020101001", forms["020101001"]!, observer: 2),
               observed("030101001", counts([1: 1]))]
    }

    @Test func estimatesWhenEverySampledStationReported() throws {
        let estimates = QuickCountEstimates.make(
            sample: Self.sample, counts: Self.everySampledCount, election: Self.election, registered: Self.registered, simulations: 50)
        // Weights 6/3 = 2 and 4/2 = 2 are equal: party 1 is (100+80+120+60+40) / (5·200) = 0.4.
        let share = try #require(estimates.national?.share(of: 1))
        #expect(abs(share.estimate - 0.4) < 1e-12)
        #expect(estimates.strata.map { [$0.sampled, $0.reported, $0.substitutes, $0.missing] } == [[3, 3, 0, 0], [2, 2, 0, 0]])
        #expect(estimates.bias.missing == 0 && !estimates.bias.mayBias && estimates.bias.strataBelowHalf.isEmpty)
        #expect(estimates.discrepancies.map(\.stationCode) == ["010101001"] && estimates.discrepancies.first?.differences == ["invalidBallots", "votes.2"])
        #expect(estimates.confirmed == 1)
        // Five stations, a tenth of them rounded up is one: a moment after each.
        #expect(estimates.history.map(\.reports) == [1, 2, 3, 4, 5] && estimates.history.last?.parties == estimates.national?.parties)
        #expect(estimates.constituencies.map(\.code) == ["01", "02"] && estimates.projection?.totalSeats == 5)
    }

    @Test func estimatesWhenStationsAreMissing() throws {
        let counts = [Self.observed("010101001", Self.forms["010101001"]!), Self.observed("010101004", Self.forms["010101004"]!)]
        let estimates = QuickCountEstimates.make(sample: Self.sample, counts: counts, election: Self.election, registered: Self.registered, simulations: 50)
        // 01 rests on a and its substitute, weight 6/2 each: party 1 is (100 + 90) / 400 = 0.475.
        let national = try #require(estimates.national)
        let share = try #require(national.share(of: 1))
        #expect(abs(share.estimate - 0.475) < 1e-12 && national.reportingStations == 2)
        #expect(estimates.strata.map { [$0.sampled, $0.reported, $0.substitutes, $0.missing] } == [[3, 1, 1, 1], [2, 0, 0, 2]])
        // Missing: b and c of 01 less the one replaced, and a and b of 02: 3 of 5. 02 has none of its 2.
        #expect(estimates.bias.missing == 3 && estimates.bias.strataBelowHalf == ["02"] && estimates.bias.mayBias)
        #expect(estimates.projection == nil, "02 has seats and no count")
        #expect(estimates.constituencies.map { $0.figures == nil } == [false, true])
    }

    @Test func theOfficialResultsAreCheckedAgainstTheEstimate() throws {
        let counts = Self.everySampledCount
        let estimates = QuickCountEstimates.make(sample: Self.sample, counts: counts, election: Self.election, registered: Self.registered, simulations: 50)
        var nation = ResultCounts.zero, province = ResultCounts.zero
        for code in ["010101001", "010101002", "010101003", "020101001", "020101002"] as [StationCode] {
            nation.add(Self.forms[code]!)
            if code.province == "01" { province.add(Self.forms[code]!) }
        }
        var changed = Self.forms["010101002"]!
        changed.votes[1] = 81
        // 02's estimate of party 1 is 0.25 with se √(4²·½·200/2) / 800 ≈ 0.035; an official 360 of 400 is 0.9.
        let check = QuickCountCheck.make(
            estimates: estimates, records: StationCountRecord.records(counts),
            officialForms: ["010101001": Self.forms["010101001"]!, "010101002": changed],
            officialNation: nation, officialConstituencies: ["01": province, "02": Self.counts([1: 360, 2: 20, 3: 20], registered: 800, invalid: 20)])
        #expect(check.stationsCompared == 2 && check.stationDifferences.map(\.stationCode) == ["010101002"])
        #expect(check.stationDifferences.first?.fields == ["votes.1"])
        #expect(check.stationDifferences.first?.observed == Self.forms["010101002"] && check.stationDifferences.first?.official == changed)
        let national = try #require(check.nation)
        #expect(national.comparisons.count == 5 && national.comparisons.allSatisfy { $0.within95 && $0.within99 } && !national.flagged)
        #expect(check.constituencies.map(\.flagged) == [false, true])
        let party1 = try #require(check.constituencies.last?.comparisons.first { $0.party == 1 })
        #expect(party1.official == 0.9 && !party1.within99)

        // Estimate 0.5, se 0.01: 95% is 0.5 ± 0.0196, 99% is 0.5 ± 0.0258. 0.52 is only within the 99%; 0.9 in neither.
        let figures = QuickCountFigures(
            parties: [.init(party: 1, share: EstimatedShare(RatioEstimate(ratio: 0.5, standardError: 0.01, reportingStations: 100, strataWithOneReport: 0)))],
            turnout: nil, invalidShare: nil, reportingStations: 100, strataWithOneReport: 0)
        let close = QuickCountCheck.area(nil, Self.counts([1: 52, 2: 48]), figures)
        #expect(close.comparisons.map { [$0.within95, $0.within99] } == [[false, true]] && !close.flagged)
        #expect(QuickCountCheck.area(nil, Self.counts([1: 90, 2: 10]), figures).flagged)
    }
}
