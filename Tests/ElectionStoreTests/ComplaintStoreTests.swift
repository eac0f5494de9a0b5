import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Complaints in the store, on SQLite and PostgreSQL: lodged with a reference and routed, their
/// evidence kept byte for byte for the handling commission only, decided once per tier with
/// reasons, appealed by the complainant up to the NEC, and an observer mission's incident filed once.
@Suite struct ComplaintStoreTests {
    /// 23 July 2023, 13:00 in Phnom Penh.
    static let noon = Date(timeIntervalSince1970: 1_690_092_000)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("evidence photograph".utf8)

    static func draft(_ category: ComplaintCategory, area: UnitCode, phone: String = "012 345 678") -> ComplaintDraft {
        ComplaintDraft(category: category, channel: .web, area: area, place: "At the school gate", description: "Ballots were taken away.",
                       complainant: Complainant(name: "Sok Dara", phone: phone))
    }

    @Test(arguments: StoreEngine.available)
    func aComplaintIsRoutedDecidedAndAppealedUpTheTiers(_ engine: StoreEngine) async throws {
        // Its own copy on SQLite: the shared file is read by many tests at once.
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let station = try #require(try await store.pollingStations(inProvince: "12").first).id
        let tag = UUID().uuidString.prefix(8).lowercased()
        let commune = try await store.addOfficial(name: "cec-\(tag)", role: .communeOfficial, unitCode: .commune(station.commune), passwordHash: "!")
        let province = try await store.addOfficial(name: "pec-\(tag)", role: .provincialOfficial, unitCode: "12", passwordHash: "!")
        let nec = try await store.addOfficial(name: "nec-\(tag)", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let before = try await store.complaintStatistics(on: CalendarDate(year: 2023, month: 7, day: 23)!)

        let lodged = try await store.lodgeComplaint(Self.draft(.pollingAndCounting, area: .station(station)), evidence: [Self.jpeg], by: nil, at: Self.noon)
        #expect(ComplaintReference.normalized(lodged.reference) == lodged.reference && lodged.reference.hasPrefix("C"))
        #expect(lodged.handlingUnit == .commune(station.commune), "voting complaints go to the commune commission")
        #expect(lodged.decideBy == CalendarDate(year: 2023, month: 7, day: 26))
        #expect(try await store.complaint(reference: lodged.reference) == lodged)
        #expect(lodged.complainant.phone == "012 345 678")

        // Evidence: byte for byte, to the handling commission only.
        let evidence = try await store.evidence(ofComplaint: lodged.id)
        #expect(evidence.map(\.type) == [.jpeg] && evidence.first?.byteCount == Self.jpeg.count)
        let (file, bytes) = try await store.evidenceFile(ofComplaint: lodged.id, number: 1, by: commune)
        #expect(bytes == Self.jpeg && file.sha256.count == 64)
        let above = await #expect(throws: Refusal.self) { try await store.evidenceFile(ofComplaint: lodged.id, number: 1, by: province) }
        #expect(above?.reason == .outsideUnit)
        await #expect(throws: Refusal.self) {
            try await store.lodgeComplaint(Self.draft(.other, area: "12"), evidence: [Array("<html>".utf8)], by: nil, at: Self.noon)
        }

        // The commune commission hears and decides, once; the province may not.
        await #expect(throws: Refusal.self) { try await store.decideComplaint(lodged.id, .upheld, reasons: "Seen.", by: province, at: Self.noon) }
        let heard = try await store.setHearing(ofComplaint: lodged.id, at: Self.noon.addingTimeInterval(86_400), place: "Commune hall", by: commune,
                                               now: Self.noon.addingTimeInterval(600))
        #expect(heard.steps.map(\.kind) == [.received, .hearing] && heard.steps.last?.hearingPlace == "Commune hall")
        let decided = try await store.decideComplaint(lodged.id, .dismissed, reasons: "The box stayed sealed.", by: commune,
                                                      at: Self.noon.addingTimeInterval(2 * 86_400))
        #expect(decided.decision?.outcome == .dismissed && decided.decision?.reasons == "The box stayed sealed.")
        let twice = await #expect(throws: Refusal.self) {
            try await store.decideComplaint(lodged.id, .upheld, reasons: "Changed our mind.", by: commune, at: Self.noon.addingTimeInterval(2 * 86_400))
        }
        #expect(twice?.reason == .wrongState)

        // The complainant appeals, with their phone, within three days; then up to the NEC.
        let stranger = await #expect(throws: Refusal.self) {
            try await store.appealComplaint(reference: lodged.reference, phone: "099 000 000", reasons: "Wrong.", at: Self.noon.addingTimeInterval(3 * 86_400))
        }
        #expect(stranger?.field == "phone")
        let late = await #expect(throws: Refusal.self) {
            try await store.appealComplaint(reference: lodged.reference, phone: "012345678", reasons: "Wrong.", at: Self.noon.addingTimeInterval(6 * 86_400))
        }
        #expect(late?.reason == .outsideCalendar)
        let appealed = try await store.appealComplaint(reference: lodged.reference, phone: "012345678", reasons: "Others saw it.",
                                                       at: Self.noon.addingTimeInterval(3 * 86_400))
        #expect(appealed.handlingUnit == "12" && appealed.status(on: CalendarDate(year: 2023, month: 7, day: 26)!) == .appealed)
        await #expect(throws: Refusal.self) { try await store.evidenceFile(ofComplaint: lodged.id, number: 1, by: commune) }
        #expect(try await store.evidenceFile(ofComplaint: lodged.id, number: 1, by: province).1 == Self.jpeg, "the evidence follows the appeal")
        _ = try await store.decideComplaint(lodged.id, .dismissed, reasons: "Agreed with the commune.", by: province, at: Self.noon.addingTimeInterval(4 * 86_400))
        _ = try await store.appealComplaint(reference: lodged.reference, phone: "012 345 678", reasons: "Still wrong.", at: Self.noon.addingTimeInterval(5 * 86_400))
        let final = try await store.decideComplaint(lodged.id, .partlyUpheld, reasons: "A recount of one box.", by: nec, at: Self.noon.addingTimeInterval(6 * 86_400))
        #expect(final.steps.map(\.kind) == [.received, .hearing, .decision, .appeal, .decision, .appeal, .decision])
        #expect(final.status(on: CalendarDate(year: 2023, month: 7, day: 29)!) == .final)
        let noMore = await #expect(throws: Refusal.self) {
            try await store.appealComplaint(reference: lodged.reference, phone: "012345678", reasons: "Again.", at: Self.noon.addingTimeInterval(6 * 86_400))
        }
        #expect(noMore?.reason == .wrongState)

        let after = try await store.complaintStatistics(on: CalendarDate(year: 2023, month: 7, day: 23)!)
        #expect(after.total == before.total + 1)
        #expect(after.byOutcome[.partlyUpheld, default: 0] == before.byOutcome[.partlyUpheld, default: 0] + 1)
        #expect(after.byLevel[.national, default: 0] == before.byLevel[.national, default: 0] + 1)
        #expect(after.appeals == before.appeals + 2)
        #expect(try await store.complaints(within: "12").contains { $0.id == lodged.id } == false, "handled by the NEC now")
        #expect(try await store.complaints(within: .nation).contains { $0.id == lodged.id })
        await #expect(throws: StoreError.self) { try await store.complaint(reference: "C999999-AAAA") }
        try await store.close()
    }

    /// An observer mission's incident is filed once, and the incident shows it was followed up.
    @Test func aMissionsIncidentIsFiledOnce() async throws {
        let store = try await TestDatabases.writableSQLite()
        let station = try #require(try await store.deployment(ofMission: DemoMission.id).keys.min())
        let (incident, _) = try await store.addIncident(Incident(
            id: 0, missionID: DemoMission.id, kind: .complaint, category: .intimidation, severity: .high, stationCode: station, place: "",
            day: CalendarDate(year: 2023, month: 7, day: 23)!, time: ClockTime("10:15"), description: "A voter was told how to vote.",
            status: .reported))
        var draft = Self.draft(.init(incident.category), area: .station(try #require(incident.stationCode)))
        (draft.channel, draft.missionID, draft.incidentID) = (.mission, DemoMission.id, incident.id)
        let filed = try await store.lodgeComplaint(draft, evidence: [], by: nil, at: Self.noon)
        #expect(filed.missionID == DemoMission.id && filed.incidentID == incident.id && filed.channel == .mission)
        await #expect(throws: StoreError.self) { try await store.lodgeComplaint(draft, evidence: [], by: nil, at: Self.noon) }
        #expect(try await store.incidents(ofMission: DemoMission.id).first { $0.id == incident.id }?.status == .followedUp)
        #expect(try await store.complaints(within: .nation).count { $0.incidentID == incident.id } == 1)
        try await store.close()
    }
}

/// The scenario's complaints, stored through the store's own calls as its plan drew them.
@Suite struct ScenarioComplaintTests {
    @Test func theScenariosComplaintsAreStoredAsPlanned() async throws {
        let store = try await TestDatabases.sqlite()
        let plan = TestDatabases.scenario.complaintPlan()
        let stored = try await store.complaints(within: .nation).filter { complaint in plan.contains { $0.draft.referenceLetters == String(complaint.reference.suffix(4)) } }
        #expect(stored.count == plan.count && plan.count >= 100)
        #expect(stored.allSatisfy { ComplaintReference.normalized($0.reference) == $0.reference })
        let decided = plan.filter { $0.decision != nil }.count
        #expect(stored.filter { $0.steps.contains { $0.kind == .decision } }.count == decided)
        #expect(stored.reduce(0) { $0 + $1.steps.count { $0.kind == .appeal } } == plan.filter { $0.appeal != nil }.count)
        #expect(stored.filter { $0.steps.contains { $0.kind == .appeal } }.allSatisfy {
            $0.handlingUnit == Complaint.appealUnit(above: Complaint.route($0.category, area: $0.area))
        }, "each appeal went to the commission above the first")
        #expect(Set(stored.map(\.category)).count == ComplaintCategory.allCases.count, "every category appears")
        try await store.close()
    }
}
