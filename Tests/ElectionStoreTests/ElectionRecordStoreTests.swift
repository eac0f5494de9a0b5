import ElectionCore
import ElectionScenario
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import SQLKit
import Testing

extension StoreBehaviourTests {
/// Records of past elections, on every engine: kept whole beside the current election, listed
/// with it newest first, refused twice under one id unless replacing, and never under the
/// current election's id. On PostgreSQL the test's record is taken out again.
@Suite struct ElectionRecordStoreTests {
    @Test(arguments: StoreEngine.available)
    func recordsAreKeptBesideTheCurrentElection(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        var record = try #require(try PastElections.records().first)
        let id = "test-\(UUID().uuidString.prefix(8).lowercased())"
        record.election.id = id
        record.election.electionDay = CalendarDate(iso: "2013-07-28")!
        do {
            // The scenario's database keeps the bundled 2018 record.
            let kept = try await store.electionRecord("cambodia-2018")
            #expect(kept.national.totals.validVotes == 6_362_241)

            try await store.keepElectionRecord(record, replacing: false, at: Date())
            #expect(try await store.electionRecord(id) == record)
            let listed = try await store.elections()
            #expect(listed.first?.id == "cambodia-2023" && listed.first?.current == true)
            #expect(listed.map(\.id).firstIndex(of: "cambodia-2018")! < listed.map(\.id).firstIndex(of: id)!, "newest first")
            #expect(listed.first { $0.id == id }?.status == .official)

            await #expect(throws: StoreError.duplicate("election record", id)) {
                try await store.keepElectionRecord(record, replacing: false, at: Date())
            }
            var corrected = record
            corrected.status = .provisional
            try await store.keepElectionRecord(corrected, replacing: true, at: Date())
            #expect(try await store.electionRecord(id).status == .provisional)

            var current = record
            current.election.id = "cambodia-2023"
            await #expect(throws: StoreError.self) { try await store.keepElectionRecord(current, replacing: true, at: Date()) }
            await #expect(throws: StoreError.notFound("election", "no-such-election")) { try await store.electionRecord("no-such-election") }

            // The current election in a record's shape: nothing counted yet on the shared database.
            let now = ElectionRecord(report: try await store.resultsReport())
            #expect(now.election.kind == "national-assembly")
            #expect(now.parties.count == 18)
        } catch {
            try await Self.cleanUp(id, store)
            try await store.close()
            throw error
        }
        try await Self.cleanUp(id, store)
        try await store.close()
    }

    static func cleanUp(_ id: String, _ store: SQLElectionStore) async throws {
        try await store.engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM election_records WHERE id = \(bind: id)").run()
        }
    }
}
}
