import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Training in the store, on SQLite and PostgreSQL: the scenario's sessions and attendance as its
/// plan drew them, coverage against the members seated, sessions kept by the NEC and by a province
/// within its own, attendance only for members the session trains, and recorded once.
@Suite struct TrainingStoreTests {
    @Test func theScenariosTrainingIsStoredAsPlanned() async throws {
        let store = try await TestDatabases.sqlite()
        let plan = TestDatabases.scenario.trainingPlan()
        let sessions = try await store.trainingSessions(province: nil)
        #expect(sessions.count == plan.count)
        #expect(Set(sessions.map(\.place)) == Set(plan.map(\.session.place)))
        let coverage = try await store.trainingCoverage()
        let byTier = Dictionary(uniqueKeysWithValues: TrainingCoverage.byTier(coverage).map { ($0.tier, $0) })
        let members = try await store.statistics(countingRegister: false).commissionMembers.values.reduce(0, +)
        #expect(byTier.values.reduce(0) { $0 + $1.members } == members, "every member seated counts once")
        #expect(byTier.values.reduce(0) { $0 + $1.trained } == plan.reduce(0) { $0 + $1.attended.count }, "each attendee trained once")
        #expect(byTier[.national]?.trained == byTier[.national]?.members, "the NEC's members all attended")
        let stations = try #require(byTier[.pollingStation])
        #expect(stations.trained < stations.members && stations.trained * 100 > stations.members * 93, "most station members, not all")
        #expect(coverage.filter { $0.tier == .pollingStation }.count == 25, "one row per province")
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func provincesKeepTheirOwnTrainingAndOnlyItsMembersAttend(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let pec = try await store.addOfficial(name: "pec-training-\(tag)", role: .provincialOfficial, unitCode: "01", passwordHash: "!")
        let cec = try await store.addOfficial(name: "cec-training-\(tag)", role: .communeOfficial, unitCode: "010201", passwordHash: "!")
        func session(_ tier: CommissionLevel, _ province: ProvinceCode?, ends: String = "12:00", trainers: [String] = ["Chan Dara"]) -> TrainingSession {
            TrainingSession(id: 0, tier: tier, province: province, title: "Test \(tag)", day: CalendarDate(year: 2023, month: 7, day: 3)!,
                            starts: ClockTime("08:00")!, ends: ClockTime(ends)!, place: "Hall", trainers: trainers)
        }
        let elsewhere = await #expect(throws: Refusal.self) { try await store.scheduleTraining([session(.pollingStation, "02")], by: pec) }
        #expect(elsewhere?.reason == .outsideUnit)
        await #expect(throws: Refusal.self) { try await store.scheduleTraining([session(.provincial, nil)], by: pec) }
        let commune = await #expect(throws: Refusal.self) { try await store.scheduleTraining([session(.pollingStation, "01")], by: cec) }
        #expect(commune?.reason == .roleMayNot)
        let backwards = await #expect(throws: Refusal.self) { try await store.scheduleTraining([session(.pollingStation, "01", ends: "07:00")], by: pec) }
        #expect(backwards?.field == "ends")
        await #expect(throws: Refusal.self) { try await store.scheduleTraining([session(.pollingStation, "01", trainers: [])], by: pec) }
        await #expect(throws: Refusal.self) { try await store.scheduleTraining([session(.commune, nil)], by: nil) }
        let scheduled = try #require(try await store.scheduleTraining([session(.pollingStation, "01")], by: pec).first)
        #expect(try await store.trainingSession(scheduled.id) == scheduled)
        #expect(try await store.trainingSessions(province: "01").contains(scheduled))
        #expect(try await store.trainingSessions(province: "02").contains(scheduled) == false)

        let station = try #require(try await store.pollingStations(inCommune: "010201").first).id
        let seat = try #require(try await store.members(ofCommission: "PSC-\(station)").first).seat
        let member = MemberSeat(commission: "PSC-\(station)", seat: seat)
        let otherTier = await #expect(throws: Refusal.self) {
            try await store.recordAttendance(session: scheduled.id, members: [member, MemberSeat(commission: "CEC-010201", seat: 1)], by: pec)
        }
        #expect(otherTier?.field == "members" && otherTier?.message.contains("CEC-010201") == true)
        let otherProvince = try #require(try await store.pollingStations(inCommune: "020101").first).id
        await #expect(throws: Refusal.self) {
            try await store.recordAttendance(session: scheduled.id, members: [MemberSeat(commission: "PSC-\(otherProvince)", seat: 1)], by: pec)
        }
        await #expect(throws: Refusal.self) { try await store.recordAttendance(session: scheduled.id, members: [MemberSeat(commission: "PSC-\(station)", seat: 99)], by: pec) }
        #expect(try await store.attendance(session: scheduled.id).isEmpty, "a refused list records no one")
        #expect(try await store.recordAttendance(session: scheduled.id, members: [member], by: pec) == 1)
        #expect(try await store.recordAttendance(session: scheduled.id, members: [member, member], by: pec) == 0, "recorded once")
        #expect(try await store.attendance(session: scheduled.id) == [member])
        try await store.close()
    }
}
