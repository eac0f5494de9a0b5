import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The quick count in the store, on SQLite and PostgreSQL: a mission's sample drawn once and read
/// back whole, observers' counts stored once however often they arrive, a changed resend refused,
/// a station outside the sample refused, and publication.
@Suite struct QuickCountStoreTests {
    @Test(arguments: StoreEngine.available)
    func aSampleAndItsCountsAreKeptAsReceived(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let mission = MissionID(rawValue: "qc-" + UUID().uuidString.prefix(8).lowercased())!
        try await store.addMission(
            ObserverMission(id: mission, organisation: "Watch", nameEnglish: "Watch", nameKhmer: "ឃ្លាំមើល", kind: "domestic",
                            invitationDate: nil, invitedBy: [], workingGroup: []),
            members: [1, 2].map { MissionMember(missionID: mission, seat: $0, name: "Observer \($0)", body: "NGO", title: "Observer", isHead: $0 == 1,
                                                accreditation: .accredited) })
        let frame = try await store.stationsWithVoters().map(\.id)
        let sample = try QuickCountSample.draw(
            missionID: mission, frame: frame, seed: 99, size: 60, strata: .province, substitutes: 1,
            plan: QuickCountPlan(margin: 0.02, confidence: .ninetyNine), at: Date(timeIntervalSince1970: 1_690_000_000))
        try await store.recordQuickCountSample(sample)
        #expect(try await store.quickCountSample(ofMission: mission) == sample)
        await #expect(throws: StoreError.duplicate("quick-count sample", mission.rawValue)) { try await store.recordQuickCountSample(sample) }

        let station = sample.sampled[0].code
        let counts = ResultCounts(registeredVoters: 400, ballotsReceived: 408, ballotsIssued: 330, ballotsInBox: 330, spoiledBallots: 1,
                                  unusedBallots: 77, invalidBallots: 12, votes: [1: 250, 2: 68])
        let first = ObservedCount(id: UUID().uuidString, missionID: mission, observer: 2, stationCode: station, observedAt: ClockTime("15:40")!, counts: counts)
        let arrived = Date(timeIntervalSince1970: 1_690_100_000)
        #expect(try await store.addObservedCount(first, at: arrived) == .stored)
        #expect(try await store.addObservedCount(first, at: arrived.addingTimeInterval(60)) == .repeated)
        var changed = first
        changed.counts.votes[2] = 69
        await #expect(throws: SubmissionConflict.self) { try await store.addObservedCount(changed, at: arrived) }
        var outside = first
        outside.id = UUID().uuidString
        outside.stationCode = try #require(frame.first { sample.station($0) == nil })
        await #expect(throws: StoreError.self) { try await store.addObservedCount(outside, at: arrived) }
        var second = first
        second.id = UUID().uuidString
        second.observer = 1
        #expect(try await store.addObservedCount(second, at: arrived.addingTimeInterval(120)) == .stored)

        let stored = try await store.observedCounts(ofMission: mission)
        #expect(stored.map(\.id) == [first.id, second.id], "in the order received")
        #expect(stored.first?.counts == counts && stored.first?.receivedAt == arrived)
        #expect(StationCountRecord.records(stored)[station]?.confirmed == true)

        #expect(try await store.quickCountSample(ofMission: mission)?.published == false)
        try await store.publishQuickCount(ofMission: mission, true)
        #expect(try await store.quickCountSample(ofMission: mission)?.published == true)
        await #expect(throws: StoreError.notFound("quick-count sample", "nobody")) { try await store.publishQuickCount(ofMission: "nobody", true) }
        try await store.close()
    }
}
