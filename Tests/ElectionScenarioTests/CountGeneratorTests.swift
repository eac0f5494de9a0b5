import ElectionCore
@testable import ElectionScenario
import Foundation
import Testing

/// The generated count forms reach the published 2023 results: national totals exactly, and each
/// province's seats by Cambodia's method. The expected figures come from the bundled CSV files,
/// read here independently of the generator.
@Suite struct CountGeneratorTests {
    static let official: OfficialResults = {
        do { return try OfficialResults.cambodia2023() } catch { fatalError("\(error)") }
    }()

    static func stations(_ scenario: CambodiaScenario) -> [CountGenerator.Station] {
        scenario.reference.pollingStations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) }
    }

    @Test func officialFiguresAreReadFromTheBundledFiles() {
        let o = Self.official
        #expect(o.registeredVoters == 9_710_655)
        #expect(o.ballotsCast == 8_214_430)
        #expect(o.validVotes == 7_774_276)
        #expect(o.invalidBallots == 440_154)
        #expect(o.votes.count == 18)
        #expect(o.votes.values.reduce(0, +) == o.validVotes)
        #expect(o.seats.values.reduce(0) { $0 + $1.values.reduce(0, +) } == 125)
        #expect(o.seats.filter { $0.value[2] == 1 }.keys.sorted() == ["03", "06", "08", "12", "14"])
    }

    @Test func fullScaleFormsAddUpToTheOfficialResultsAndSeats() throws {
        let scenario = ScenarioTests.full
        let stations = Self.stations(scenario)
        let forms = CountGenerator(official: Self.official).counts(for: stations)
        var national = ResultCounts.zero
        var byProvince: [ProvinceCode: ResultCounts] = [:]
        let ballot = scenario.reference.parties.map(\.id)
        for (station, form) in zip(stations, forms) {
            national.add(form)
            byProvince[station.code.province, default: .zero].add(form)
            let context = FormContext(ballot: ballot, registeredOnList: station.registeredVoters)
            #expect(FormCheck.findings(for: form, in: context).filter { $0.severity == .error }.isEmpty, "\(station.code)")
        }
        #expect(national.ballotsInBox == 8_214_430)
        #expect(national.invalidBallots == 440_154)
        #expect(national.validVotes == 7_774_276)
        #expect(national.votes == Self.official.votes)
        for constituency in scenario.reference.constituencies {
            let votes = byProvince[constituency.id]?.votes ?? [:]
            let outcome = try SeatAllocation(
                method: .cambodia, seats: constituency.seats,
                contestants: votes.keys.sorted().map { .init(name: $0.description, votes: votes[$0] ?? 0) }).allocate()
            #expect(outcome.tie == nil)
            let won = outcome.seats.compactMapValues { $0 > 0 ? $0 : nil }
            let expected = Dictionary(uniqueKeysWithValues: (Self.official.seats[constituency.id] ?? [:]).map { ($0.key.description, $0.value) })
            #expect(won == expected, "province \(constituency.id)")
        }
    }

    @Test func smallerRegistersScaleTheTotalsAndKeepFormsConsistent() throws {
        let scenario = try CambodiaScenario(seed: 7, voters: 3_000)
        let stations = Self.stations(scenario)
        let forms = CountGenerator(official: Self.official, seed: 7).counts(for: stations)
        let cast = forms.reduce(0) { $0 + $1.ballotsInBox }
        #expect(cast == 8_214_430 * 3_000 / 9_710_655)
        for (station, form) in zip(stations, forms) {
            #expect(form.ballotsIssued <= station.registeredVoters)
            #expect(form.validVotes + form.invalidBallots == form.ballotsInBox)
        }
        #expect(CountGenerator(official: Self.official, seed: 7).counts(for: stations) == forms)
    }
}

/// The standard checklists ship complete in both languages, and their skip logic points at
/// questions that exist earlier in the same form.
@Suite struct StandardChecklistTests {
    @Test func theFourStandardFormsAreCompleteAndConsistent() throws {
        let forms = try StandardChecklists.load()
        #expect(forms.map(\.id) == ["opening", "voting", "closing", "counting"])
        for form in forms {
            var seen = Set<String>()
            for q in form.questions {
                #expect(!q.english.isEmpty && q.khmer.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) }, "\(form.id).\(q.id)")
                #expect(seen.insert(q.id).inserted, "\(form.id).\(q.id) twice")
                if let condition = q.askIf { #expect(seen.contains(condition.question), "\(form.id).\(q.id) depends on a later question") }
                if [.singleChoice, .multipleChoice].contains(q.kind) { #expect(!q.options.isEmpty) }
            }
        }
        let opening = try #require(forms.first)
        #expect(opening.question("box-shown-empty") != nil)
        #expect(forms[3].question("form-posted") != nil)
    }
}
