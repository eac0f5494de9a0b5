import ElectionCore
@testable import ElectionScenario
import Foundation
import Testing

/// The reference scenario reaches the published figures, and the same seed builds the same election.
@Suite struct ScenarioTests {
    static let full: CambodiaScenario = {
        do { return try CambodiaScenario() } catch { fatalError("\(error)") }
    }()

    @Test func fullScenarioMatchesThePublishedFigures() throws {
        let r = Self.full.reference
        #expect(r.constituencies.count == 25)
        #expect(r.constituencies.reduce(0) { $0 + $1.seats } == 125)
        #expect(r.communes.count == 1_652)
        #expect(r.pollingStations.count == 23_789)
        #expect(r.pollingStations.reduce(0) { $0 + $1.registeredVoters } == 9_710_655)
        #expect(r.parties.count == 18)
        #expect(r.candidates.count == 3_428)
        #expect(r.candidates.filter { $0.sex == .female }.count == 1_235)
        #expect(Set(r.pollingStations.map(\.id)).count == r.pollingStations.count)
    }

    @Test func policeAddUpToTheDeployedTotalWithAtLeastTwoAtEveryStation() {
        let police = Self.full.policeAssignment()
        #expect(police.count == 23_789)
        #expect(police.values.reduce(0, +) == 100_897)
        #expect(police.values.min()! >= 2)
        // More voters, more officers: the largest station has at least as many as the smallest.
        let stations = Self.full.reference.pollingStations
        let largest = stations.max { $0.registeredVoters < $1.registeredVoters }!, smallest = stations.min { $0.registeredVoters < $1.registeredVoters }!
        #expect(police[largest.id]! >= police[smallest.id]!)
    }

    @Test func stationsHaveTheirAccessibilityRecordedOrSaidNotToBe() {
        let access = Self.full.reference.pollingStations.map(\.accessibility)
        let unrecorded = access.filter { $0 == .unrecorded }.count
        #expect((300...1_200).contains(unrecorded), "about 3% not recorded: \(unrecorded)")
        let stepFree = access.filter(\.isStepFree).count
        #expect(Double(stepFree) / Double(access.count) > 0.7)
        #expect(access.contains { $0.groundFloor == false && $0.ramp == false }, "some stations have steps and no ramp")
    }

    @Test func aGeneratedElectionDayKeepsTheDaysRulesAndItsShares() throws {
        let r = Self.full.reference
        let schedule = ElectionDaySchedule(r.election)
        let stations = r.pollingStations.map { ElectionDayGenerator.Station(code: $0.id, registered: $0.registeredVoters) }
        let generator = ElectionDayGenerator(seed: 7, schedule: schedule)
        let day = generator.reports(for: stations)
        #expect(day == generator.reports(for: stations), "the same seed, the same day")
        // Every report passes the rules in the order it is sent, as the store would check it.
        var earlier: [StationCode: [StationReport]] = [:]
        let registered = Dictionary(uniqueKeysWithValues: stations.map { ($0.code, $0.registered) })
        for report in day {
            try report.requireAllowed(schedule, now: .nextDay, registered: registered[report.stationCode]!, earlier: earlier[report.stationCode] ?? [])
            earlier[report.stationCode, default: []].append(report)
        }
        let openings = day.filter { $0.kind == .opening }
        let late = openings.filter { $0.time > schedule.lateAfter }.count
        #expect((0.985...0.998).contains(Double(openings.count) / Double(stations.count)), "about 0.5% never report")
        #expect((0.01...0.02).contains(Double(late) / Double(stations.count)), "about 1.5% open more than 30 minutes late")
        let final = day.filter { $0.kind == .turnout && $0.time == schedule.closes }.reduce(0) { $0 + ($1.voted ?? 0) }
        let reporting = Set(day.filter { $0.kind == .turnout && $0.time == schedule.closes }.map(\.stationCode))
        let base = stations.filter { reporting.contains($0.code) }.reduce(0) { $0 + $1.registered }
        #expect(abs(Double(final) / Double(base) - 0.8458) < 0.01, "turnout near 2023's 84.58%")
    }

    @Test func commissionsHaveTheirSizesAndOneChairEach() {
        let r = Self.full.reference
        var sizes: [String: Int] = [:]
        for member in r.commissionMembers { sizes[member.commissionID, default: 0] += 1 }
        for commission in r.commissions {
            let size = sizes[commission.id] ?? 0
            switch commission.level {
            case .national: #expect(size == 9)
            case .provincial: #expect((5...7).contains(size))
            case .commune: #expect(size == 5)
            case .pollingStation: #expect(size == 6)
            }
        }
        #expect(r.commissions.filter { $0.level == .pollingStation }.count == 23_789)
        let chairs = r.commissionMembers.filter { $0.role == .chair }
        #expect(chairs.count == r.commissions.count)
        #expect(r.commissionMembers.filter { $0.role == .viceChair }.count == r.commissions.count)
    }

    @Test func candidatesAreEligibleAndListsCoverTheSeats() {
        let r = Self.full.reference
        let day = r.election.electionDay
        #expect(r.candidates.allSatisfy { $0.dateOfBirth.age(on: day) >= 25 })
        for party in r.parties {
            for province in r.constituencies {
                let list = r.candidates.filter { $0.partyID == party.id && $0.constituencyCode == province.id }
                #expect(list.map(\.listPosition) == Array(1...list.count))
                #expect(list.count >= province.seats)
            }
        }
    }

    @Test func stationsLieInsideTheirProvince() throws {
        let facts = try ReferenceFacts.load()
        let outside = Self.full.reference.pollingStations.filter { station in
            facts.shapes[station.provinceCode]?.contains(station.position) != true
        }
        // A few anchors on the coast may sit just off the simplified outline; nearly all must be inside.
        #expect(outside.count * 1_000 < Self.full.reference.pollingStations.count, "\(outside.count) outside")
    }

    @Test func theSameSeedBuildsTheSameElectionAndAnotherSeedAnother() async throws {
        let a = try CambodiaScenario(seed: 5, voters: 4_000)
        let b = try CambodiaScenario(seed: 5, voters: 4_000)
        let c = try CambodiaScenario(seed: 6, voters: 4_000)
        #expect(a.reference.pollingStations == b.reference.pollingStations)
        #expect(a.reference.candidates == b.reference.candidates)
        #expect(a.reference.pollingStations != c.reference.pollingStations)
        var votersA: [Voter] = []
        var votersB: [Voter] = []
        try await a.generateRegister { votersA += $0 }
        try await b.generateRegister { votersB += $0 }
        #expect(votersA == votersB)
    }

    @Test func aSmallerRegisterIsConsistentWithItsStations() async throws {
        let scenario = try CambodiaScenario(seed: 3, voters: 50_000)
        var voters: [Voter] = []
        try await scenario.generateRegister(batchSize: 7_000) { voters += $0 }
        #expect(voters.count == 50_000)
        var perStation: [StationCode: Int] = [:]
        for voter in voters { perStation[voter.stationCode, default: 0] += 1 }
        for station in scenario.reference.pollingStations {
            #expect(perStation[station.id, default: 0] == station.registeredVoters)
        }
        #expect(Set(voters.map(\.number)).count == voters.count)
        let day = scenario.reference.election.electionDay
        #expect(voters.allSatisfy { $0.dateOfBirth.age(on: day) >= 18 })
        #expect(voters.contains { $0.dateOfBirth.age(on: day) == 18 })
        #expect(voters.allSatisfy { !$0.name.khmer.isEmpty && !NameKey.of($0.name.latin).isEmpty })
        let women = voters.filter { $0.sex == .female }.count
        #expect(abs(women * 2 - voters.count) < voters.count / 20)
    }

    @Test func registerSizeOutOfRangeIsRefused() {
        #expect(throws: CambodiaScenario.Problem.registerSize(0)) { try CambodiaScenario(voters: 0) }
        #expect(throws: CambodiaScenario.Problem.registerSize(9_710_656)) { try CambodiaScenario(voters: 9_710_656) }
    }

    @Test(arguments: [
        (100, [1, 1, 1], 0, [34, 33, 33]),
        (10, [0, 5, 5], 0, [0, 5, 5]),
        (7, [1, 1], 2, [4, 3]),
        // 2,913,196.5 and 6,797,458.5: equal remainders, so the earlier part gets the last voter.
        (9_710_655, [3, 7], 0, [2_913_197, 6_797_458]),
    ])
    func apportionmentIsExactAndProportional(total: Int, weights: [Int], minimum: Int, expected: [Int]) {
        let shares = Apportionment.largestRemainder(total, weights: weights, minimum: minimum)
        #expect(shares == expected)
        #expect(shares.reduce(0, +) == total)
    }

    @Test func csvReaderHandlesQuotes() {
        let table = CSVTable(text: "a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\n3,\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["x, y", "say \"hi\""], ["3", ""]])
    }
}

@Suite struct ScenarioNameTests {
    /// The names the register is drawn from, with their usual Latin spellings: the Latin key of the
    /// spelling is the key of the Khmer name for all but a few names whose spelling writes sounds
    /// the script does not (ម្លិះ "Malis", រស្មី "Raksmey", ឫទ្ធិសក្តិ "Rithisak").
    @Test func usualLatinSpellingsFindTheKhmerNames() {
        let names = KhmerNames.familyNames + KhmerNames.maleGivenNames + KhmerNames.femaleGivenNames
        let misses = names.filter { LatinKey.of($0.khmer) != LatinKey.of($0.latin) }.map(\.latin)
        #expect(Set(misses).isSubset(of: ["Malis", "Raksmey", "Rithisak"]), "\(misses)")
        #expect(names.count > 150)
    }
}
