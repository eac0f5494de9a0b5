import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The 2023 replay on a copy of the small test database, then the tally of what it published,
/// without the `sala` executable.
@Suite struct ResultsReplayTests {
    @Test func theReplayPublishesEveryStationAndTheTallyAddsUp() async throws {
        let store = try await TestDatabases.writableSQLite()
        let stations = try await store.statistics(countingRegister: false).pollingStations
        var reported: [Int] = []
        let summary = try await ResultsReplay(store: store, seed: 5, batchSize: 5_000).run { done, all in
            #expect(all == stations)
            reported.append(done)
        }
        #expect(reported == Array(stride(from: 5_000, to: stations, by: 5_000)) + [stations])
        #expect(summary.report.national.stationsReported == stations)
        #expect(summary.report.national.isOfficial)
        #expect(summary.publication.number == 1)
        #expect(try summary.publication.report() == summary.report)
        // The test register is far smaller than the official one: nothing to compare.
        #expect(summary.differencesFromOfficial == nil)
        await #expect(throws: OperationRefusal("the database already holds result forms; replay into a newly built scenario")) {
            try await ResultsReplay(store: store, seed: 5).run { _, _ in }
        }

        // The tally of the nation is the nation then each province, and the provinces add up to it.
        let national = try await ResultsTally.read(store, level: .national, code: nil)
        #expect(national.units.count == 1 + summary.report.constituencies.count)
        let provinces = national.units.dropFirst()
        #expect(provinces.map(\.ballotsCast).reduce(0, +) == national.units[0].ballotsCast)
        #expect(national.units[0].ballotsCast == summary.report.national.counts.ballotsInBox)
        #expect(national.units.allSatisfy { $0.status == "official" })
        #expect(national.units[0].parties.map(\.votes) == national.units[0].parties.map(\.votes).sorted(by: >))
        // A tie on the small register can leave a seat to a drawing of lots: the seats shown are the seats won.
        let seatsWon: Int = summary.report.seatsByParty.values.reduce(0, +)
        let seatsShown: Int = national.units[0].parties.compactMap(\.seats).reduce(0, +)
        let seatsTied: Int = provinces.compactMap(\.tie).map(\.seats).reduce(0, +)
        #expect(seatsShown == seatsWon)
        #expect(seatsWon + seatsTied == summary.report.election.seats)

        let phnomPenh = try await ResultsTally.read(store, level: .province, code: "12")
        let unit = try #require(phnomPenh.units.first)
        #expect(unit.elected?.count == unit.parties.compactMap(\.seats).reduce(0, +))
        #expect(phnomPenh.text.hasPrefix("12 Phnom Penh (official, "))
        #expect(phnomPenh.text.components(separatedBy: "\n  elected: ").count - 1 == unit.elected?.count)
        await #expect(throws: StoreError.self) { try await ResultsTally.read(store, level: .commune, code: "999999") }

        // The comparison with the official results bites: figures made equal to the official ones
        // agree, and one province's seats changed is named.
        var asOfficial = summary
        let official = summary.official
        asOfficial.report.national.counts.registeredVoters = official.registeredVoters
        #expect(asOfficial.differencesFromOfficial?.contains("ballots cast") == true)
        asOfficial.report.national.counts.ballotsInBox = official.ballotsCast
        asOfficial.report.national.counts.invalidBallots = official.invalidBallots
        asOfficial.report.national.counts.votes = official.votes
        for i in asOfficial.report.constituencies.indices {
            asOfficial.report.constituencies[i].seats = official.seats[asOfficial.report.constituencies[i].constituency.id] ?? [:]
        }
        #expect(asOfficial.differencesFromOfficial == [])
        let first = asOfficial.report.constituencies[0]
        asOfficial.report.constituencies[0].seats[first.seats.keys.min()!, default: 0] += 1
        #expect(asOfficial.differencesFromOfficial == ["seats in \(first.constituency.nameEnglish)"])
        try await store.close()
    }
}
