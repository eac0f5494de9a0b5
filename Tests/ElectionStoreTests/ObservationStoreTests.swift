import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Missions in the store: the demo mission as the scenario loads it, and checklists received
/// once however often they are retried.
@Suite struct ObservationStoreTests {
    @Test(arguments: StoreEngine.available)
    func theDemoMissionIsLoadedWithItsVisitsAndChecklists(_ engine: StoreEngine) async throws {
        let store = try await engine.store()
        let mission = try await store.mission(DemoMission.id)
        #expect(mission.invitedBy.contains("the National Election Committee"))
        let members = try await store.members(ofMission: DemoMission.id)
        #expect(members.count == 8)
        #expect(members.filter(\.isHead).count == 1)
        #expect(Dictionary(grouping: members.filter { !$0.isHead }, by: \.body).mapValues(\.count) == ["Parliamentary Assembly": 3, "Secretariat": 4])
        let visits = try await store.visits(ofMission: DemoMission.id)
        #expect(visits.count == DemoMission.visits)
        #expect(Set(visits.map { $0.stationCode.province }) == ["08", "12"])
        let deployment = try await store.deployment(ofMission: DemoMission.id)
        #expect(Set(visits.map(\.stationCode)).isSubset(of: Set(deployment.keys)))
        // Exactly the generator's checklists (other tests on the shared PostgreSQL database may add their own).
        let demo = try DemoMission(reference: TestDatabases.scenario.reference, forms: try StandardChecklists.load(), seed: TestDatabases.seed)
        let expected = Set(demo.submissions.map(\.id))
        let submissions = try await store.submissions(ofMission: DemoMission.id).filter { expected.contains($0.id) }
        #expect(submissions.count == DemoMission.visits)
        #expect(Set(submissions) == Set(demo.submissions))
        let forms = try await store.checklistForms()
        #expect(forms.map(\.id).sorted() == ["closing", "counting", "opening", "voting"])
        for s in submissions {
            let form = try #require(forms.first { $0.id == s.formID && $0.version == s.formVersion })
            #expect(form.problems(in: s.answers).isEmpty, "\(s.id)")
        }
        #expect(try await store.incidents(ofMission: DemoMission.id).filter { $0.kind == .complaint }.isEmpty)
        #expect(try await store.statement(ofMission: DemoMission.id)?.conclusionsKhmer.isEmpty == false)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func aRetryIsRecognisedAndAChangedRetryOverwritesNothing(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let original = try #require(try await store.submissions(ofMission: DemoMission.id).first)
        var fresh = original
        fresh.id = UUID().uuidString
        let receiptsBefore = try await store.receiptCount(ofMission: DemoMission.id)
        let first = try await store.receive([fresh], channel: "api", at: Date())
        #expect(try first[0].get().outcome == .stored)
        let again = try await store.receive([fresh, fresh], channel: "api", at: Date())
        #expect(try again.map { try $0.get().outcome } == [.repeated, .repeated])
        var changed = fresh
        changed.answers["notes"] = ["something else"]
        let conflict = try await store.receive([changed], channel: "api", at: Date())
        #expect((try? conflict[0].get()) == nil)
        let stored = try await store.submissions(ofMission: DemoMission.id).filter { $0.id == fresh.id }
        #expect(stored == [fresh])
        #expect(try await store.receiptCount(ofMission: DemoMission.id) == receiptsBefore + 4)
        try await store.close()
    }

    /// Incidents and visits sent by a phone's outbox: stored once, whatever the number of retries;
    /// a changed report under the same identifier changes nothing. The same identifier in another
    /// mission is another report.
    @Test(arguments: StoreEngine.available)
    func phoneReportsAreStoredOnce(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let station = try #require(try await store.deployment(ofMission: DemoMission.id).keys.min())
        let id = UUID().uuidString
        let incident = Incident(
            id: 0, missionID: DemoMission.id, kind: .incident, category: .voteBuying, severity: .high, stationCode: station,
            place: "", day: try #require(CalendarDate(year: 2023, month: 7, day: 23)), time: ClockTime("09:05"),
            description: "Money handed out at the gate", status: .reported, submissionID: id, reportedBy: 2)
        let (first, firstOutcome) = try await store.addIncident(incident)
        #expect(firstOutcome == .stored && first.id > 0)
        let (again, againOutcome) = try await store.addIncident(incident)
        #expect(againOutcome == .repeated && again.id == first.id)
        var changed = incident
        changed.severity = .low
        await #expect(throws: SubmissionConflict.self) { try await store.addIncident(changed) }
        let stored = try await store.incidents(ofMission: DemoMission.id).filter { $0.submissionID == id }
        #expect(stored.map(\.severity) == [.high] && stored.map(\.reportedBy) == [2])

        let team = try #require(try await store.deployedTeam(station: station, mission: DemoMission.id))
        let visit = StationVisit(
            missionID: DemoMission.id, stationCode: station, team: team, arrival: try #require(ClockTime("09:00")),
            departure: try #require(ClockTime("09:40")), phase: .voting, submissionID: id, recordedBy: 2)
        let before = try await store.visits(ofMission: DemoMission.id).count
        #expect(try await store.addVisit(visit) == .stored)
        #expect(try await store.addVisit(visit) == .repeated)
        var later = visit
        later.departure = try #require(ClockTime("10:00"))
        await #expect(throws: SubmissionConflict.self) { try await store.addVisit(later) }
        let visits = try await store.visits(ofMission: DemoMission.id)
        #expect(visits.count == before + 1 && visits.filter { $0.submissionID == id } == [visit])
        try await store.close()
    }
}
