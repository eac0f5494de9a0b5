import ElectionCore
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import SQLKit
import Testing

extension StoreBehaviourTests {
/// This election's voter list, fixed from the register on every engine: the printed lists come
/// from the fixed copy, so that a voter registered or moved afterwards is on the register but
/// not on this election's lists; fixed once, by the NEC only. On PostgreSQL the test takes its
/// voter and the fixed list out again.
@Suite struct VoterListStoreTests {
    @Test(arguments: StoreEngine.available)
    func theListIsFixedOnceAndTheRegisterGoesOnForTheNextElection(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await NominationStoreTests.nec(store)
        // A station with voters, and another one.
        let first = try #require(try await store.voters(after: nil, limit: 1).first).stationCode
        let neighbours = try await store.pollingStations(inProvince: first.province)
        let second = try #require(neighbours.first { $0.id != first }).id
        let newcomer = RegisterStoreTests.newVoter(first)
        var moved: Voter?
        do {
            #expect(try await store.voterListFixing() == nil)
            let before = try await store.voters(atStation: first)
            let provincial = try await store.addOfficial(
                name: "pec-\(UUID().uuidString.prefix(8))", role: .provincialOfficial, unitCode: "12", passwordHash: "!")
            await #expect(throws: Refusal.self) { try await store.fixVoterList(by: provincial, at: Date()) }

            // Registration closed on 8 November 2022: the list may be fixed, once.
            let fixing = try await store.fixVoterList(by: nec, at: Date())
            #expect(fixing.cutOff == CalendarDate(iso: "2022-11-08"))
            #expect(fixing.voters == (try await store.statistics(countingRegister: true).votersOnRegister))
            #expect(try await store.voterListFixing()?.voters == fixing.voters)
            let again = try await #require(throws: Refusal.self) { try await store.fixVoterList(by: nec, at: Date()) }
            #expect(again.reason == .wrongState)
            #expect(try await store.voters(atStation: first) == before)

            // Changes to the register after the cut-off are the next election's.
            _ = try await store.registerVoter(newcomer, reason: "came of age", by: nec, at: Date())
            let leaving = try #require(before.first)
            _ = try await store.moveVoter(leaving.number, to: second, reason: "moved house", by: nec, at: Date())
            moved = leaving
            #expect(try await store.voter(newcomer.number).stationCode == first)
            #expect(try await store.voters(atStation: first) == before, "the printed list is the fixed one")
            #expect(!(try await store.voters(atStation: second)).contains { $0.number == leaving.number })
        } catch {
            try await Self.cleanUp(store, newcomer, moved, back: first, nec)
            throw error
        }
        try await Self.cleanUp(store, newcomer, moved, back: first, nec)
    }

    static func cleanUp(_ store: SQLElectionStore, _ newcomer: Voter, _ moved: Voter?, back station: StationCode, _ nec: Official) async throws {
        if (try? await store.voter(newcomer.number)) != nil {
            _ = try await store.removeVoter(newcomer.number, reason: "test over", by: nec, at: Date())
        }
        if let moved { _ = try await store.moveVoter(moved.number, to: station, reason: "test over", by: nec, at: Date()) }
        try await store.engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM voter_list_fixing").run()
            try await tx.sql.raw("DELETE FROM voter_list").run()
        }
        try await store.close()
    }
}
}
