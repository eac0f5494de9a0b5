import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Loading is all or nothing, and the schema refuses what the domain does not allow.
@Suite struct LoadingTests {
    struct Interrupted: Error {}

    private func freshSQLite() async throws -> SQLElectionStore {
        let path = try TestDatabases.temporaryDirectory().appendingPathComponent("fresh.sqlite").path
        return try await SQLElectionStore.openSQLite(path: path)
    }

    @Test func aLoadThatFailsHalfWayLeavesNothing() async throws {
        let store = try await freshSQLite()
        let scenario = TestDatabases.scenario
        await #expect(throws: Interrupted.self) {
            try await store.loadElection(scenario.reference) { storeBatch in
                try await scenario.generateRegister(batchSize: 500) { batch in
                    try await storeBatch(batch)
                    throw Interrupted()
                }
            }
        }
        let stats = try await store.statistics()
        #expect(stats.communes == 0)
        #expect(stats.votersOnRegister == 0)
        await #expect(throws: StoreError.empty) { try await store.election() }
        try await store.close()
    }

    @Test func aSecondElectionIsRefusedAndTheFirstKept() async throws {
        let store = try await freshSQLite()
        let scenario = TestDatabases.scenario
        try await TestDatabases.load(scenario, into: store)
        await #expect(throws: StoreError.alreadyLoaded) {
            try await TestDatabases.load(scenario, into: store)
        }
        #expect(try await store.statistics().votersOnRegister == TestDatabases.testVoters)
        try await store.close()
    }

    @Test func aVoterAtAnUnknownStationIsRefusedWithTheWholeLoad() async throws {
        let store = try await freshSQLite()
        let scenario = TestDatabases.scenario
        let stray = Voter(
            number: VoterNumber(serial: 1), name: PersonName(khmer: "សុខ ដារ៉ា", latin: "Sok Dara"), sex: .male,
            dateOfBirth: CalendarDate(year: 1990, month: 1, day: 1)!, stationCode: "999999999")
        await #expect(throws: (any Error).self) {
            try await store.loadElection(scenario.reference) { storeBatch in try await storeBatch([stray]) }
        }
        #expect(try await store.statistics().pollingStations == 0)
        try await store.close()
    }

    @Test func twoVotersWithTheSameNameAndBirthAreAmbiguous() async throws {
        let store = try await freshSQLite()
        let scenario = TestDatabases.scenario
        let stations = scenario.reference.pollingStations
        let born = CalendarDate(year: 1980, month: 5, day: 17)!
        // The same name typed with subscript DA and with subscript TA: one name to a reader.
        let withTA = "កែវ សុខ\u{17D2}\u{178F}ា"
        let withDA = "កែវ សុខ\u{17D2}\u{178A}ា"
        let twins = [
            Voter(number: VoterNumber(serial: 10), name: PersonName(khmer: withTA, latin: "Keo Sokta"), sex: .female,
                  dateOfBirth: born, stationCode: stations[0].id),
            Voter(number: VoterNumber(serial: 11), name: PersonName(khmer: withDA, latin: "Keo Sokta"), sex: .female,
                  dateOfBirth: born, stationCode: stations[1].id),
        ]
        try await store.loadElection(scenario.reference) { storeBatch in try await storeBatch(twins) }
        #expect(try await store.lookUpRegistration(.byName(withTA, dateOfBirth: born)) == .ambiguous)
        #expect(try await store.lookUpRegistration(.byNumber(twins[1].number)) == .registered(stations[1]))
        try await store.close()
    }
}
