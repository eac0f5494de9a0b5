import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Stations' reports in the store: only the station's officials, once per slot, inside the day's
/// hours; tallies and alerts counted from what was stored, on SQLite and PostgreSQL. Each test uses
/// communes of its own, as the PostgreSQL database is shared.
@Suite struct ElectionDayStoreTests {
    /// Election day in the reference scenario (UTC+7) at `time`.
    static func at(_ time: String, _ store: SQLElectionStore) async throws -> Date {
        ElectionDaySchedule(try await store.election()).instant(ClockTime(time)!)
    }

    static func official(_ store: SQLElectionStore, _ role: OfficialRole, _ unit: UnitCode) async throws -> Official {
        try await store.addOfficial(name: "\(role.rawValue)-\(UUID().uuidString.prefix(8))", role: role, unitCode: unit, passwordHash: "!")
    }

    static func report(_ station: StationCode, _ kind: StationReport.Kind, _ time: String, voted: Int? = nil) -> StationReport {
        StationReport(
            id: UUID().uuidString, stationCode: station, kind: kind, time: ClockTime(time)!, staffPresent: kind == .opening ? 5 : nil,
            materialsComplete: kind == .opening ? true : nil, voted: voted, inLine: kind == .closing ? 0 : nil)
    }

    @Test(arguments: StoreEngine.available)
    func aStationReportsEachSlotOnceAndOnlyItsOwnOfficialsMay(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let stations = try await store.pollingStations(inProvince: "03").prefix(2).map(\.id)
        let (station, other) = (stations[0], stations[1])
        let psc = try await Self.official(store, .stationOfficial, .station(station))
        let cec = try await Self.official(store, .communeOfficial, .commune(station.commune))
        let opening = Self.report(station, .opening, "06:50")
        let now = try await Self.at("09:10", store)
        /// What became of one report: `stored`, `repeated`, or the refusal's rule or reason.
        @Sendable func receive(_ report: StationReport, by official: Official) async throws -> String {
            switch try await store.receive([StationReportSubmission(report, by: .official(official, channel: "api"))], at: now)[0] {
            case .success(let outcome): return outcome.rawValue
            case .failure(let refusal as Refusal): return refusal.reason.rawValue
            case .failure(let refusal as StationReportRefusal): return refusal.rule.rawValue
            case .failure(is SubmissionConflict): return "conflict"
            case .failure(let error): throw error
            }
        }
        #expect(try await receive(opening, by: psc) == "stored")
        #expect(try await receive(opening, by: psc) == "repeated", "a resend of the same report")
        var sameContent = opening
        sameContent.id = UUID().uuidString
        #expect(try await receive(sameContent, by: psc) == "repeated", "a second official sending the same opening")
        var otherFigures = sameContent
        otherFigures.staffPresent = 4
        #expect(try await receive(otherFigures, by: psc) == "slot-taken")
        var reusedID = opening
        reusedID.kind = .incident
        reusedID.category = .weather
        #expect(try await receive(reusedID, by: psc) == "conflict")
        // Not the station's own officials: the commune above it, or another station's.
        #expect(try await receive(Self.report(station, .turnout, "09:00", voted: 1), by: cec) == "role-may-not")
        #expect(try await receive(Self.report(other, .opening, "06:50"), by: psc) == "outside-unit")

        let registered = try await store.pollingStation(station).registeredVoters
        #expect(try await receive(Self.report(station, .turnout, "09:00", voted: registered + 1), by: psc) == "more-than-registered")
        #expect(try await receive(Self.report(station, .turnout, "09:00", voted: registered / 3), by: psc) == "stored")
        #expect(try await receive(Self.report(station, .turnout, "12:00", voted: registered), by: psc) == "not-yet")
        #expect(try await receive(Self.report(station, .closing, "09:05"), by: psc) == "early-closing-reason")

        let stored = try await store.stationReports(of: station)
        #expect(stored.map(\.kind) == [.opening, .turnout])
        #expect(stored.last?.voted == registered / 3)
        #expect(stored.first == opening)
        // Nothing of the refused reports was kept.
        #expect(try await store.stationReports(of: other).isEmpty)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func talliesAlertsAndPublicationsCountWhatStationsReported(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let communes = try await store.communes(inProvince: "05")
        let commune = try #require(communes.first { $0.id.rawValue.hasSuffix("01") } ?? communes.first).id
        let stations = try await store.pollingStations(inCommune: commune)
        try #require(stations.count >= 3)
        // The first station opens on time and reports 09:00; the second opens late; the others never open.
        let (a, b) = (stations[0], stations[1])
        let reports = [
            Self.report(a.id, .opening, "06:55"), Self.report(b.id, .opening, "07:45"),
            Self.report(a.id, .turnout, "09:00", voted: a.registeredVoters / 2),
        ]
        let outcomes = try await store.receive(reports.map { StationReportSubmission($0, by: .scenario) }, at: try await Self.at("09:40", store))
        #expect(outcomes.allSatisfy { (try? $0.get()) == .stored })

        let tally = try #require(try await store.electionDayTallies(within: .province(commune.province), at: .commune).first { $0.unit == .commune(commune) })
        #expect(tally.stations == stations.count)
        #expect(tally.registered == stations.reduce(0) { $0 + $1.registeredVoters })
        #expect(tally.opened == 2 && tally.openedLate == 1)
        #expect(tally.turnout(at: ClockTime("09:00")!) == .init(time: ClockTime("09:00")!, stations: 1, registered: a.registeredVoters, voted: a.registeredVoters / 2))
        #expect(tally.turnout(at: ClockTime("12:00")!).stations == 0)
        let perStation = try await store.electionDayTallies(within: .commune(commune), at: .station)
        #expect(perStation.map(\.unit) == stations.map { .station($0.id) })

        let schedule = ElectionDaySchedule(try await store.election())
        let alerts = ElectionDayAlert.counted(tally, schedule, at: schedule.moment(try await Self.at("09:40", store)))
        #expect(alerts.map(\.kind) == [.notOpened, .openedLate, .noTurnout])
        #expect(alerts.map(\.count) == [stations.count - 2, 1, 1], "the late station has no 09:00 turnout after 09:30")
        #expect(try await store.stationsNeedingAttention(.notOpened, time: nil, within: .commune(commune), limit: 50) == stations.dropFirst(2).map(\.id))
        #expect(try await store.stationsNeedingAttention(.notOpened, time: nil, within: .commune(commune), limit: 1) == [stations[2].id])
        #expect(try await store.stationsNeedingAttention(.openedLate, time: nil, within: .commune(commune), limit: 50) == [b.id])
        #expect(try await store.stationsNeedingAttention(.noTurnout, time: ClockTime("09:00")!, within: .commune(commune), limit: 50) == [b.id])
        #expect(ElectionDayAlert.counted(tally, schedule, at: schedule.moment(try await Self.at("07:20", store))).map(\.kind) == [.openedLate])
        // The counts kept by commune agree with the reports themselves.
        #expect(perStation.reduce(0) { $0 + $1.opened } == tally.opened)
        #expect(perStation.reduce(0) { $0 + $1.turnout(at: ClockTime("09:00")!).voted } == tally.turnout(at: ClockTime("09:00")!).voted)

        // Publishing: the NEC only, once the time has come; the figures are frozen as published.
        let nec = try await Self.official(store, .necAdministrator, .nation)
        let pec = try await Self.official(store, .provincialOfficial, .province(commune.province))
        await #expect(throws: Refusal.self) { try await store.publishTurnout(at: ClockTime("09:00")!, by: pec, at: try await Self.at("09:40", store)) }
        await #expect(throws: StationReportRefusal.self) { try await store.publishTurnout(at: ClockTime("12:00")!, by: nec, at: try await Self.at("09:40", store)) }
        let published = try await store.publishTurnout(at: ClockTime("09:00")!, by: nec, at: try await Self.at("09:40", store))
        let province = try #require(published.provinces.first { $0.code == commune.province })
        #expect(province.turnout.voted >= a.registeredVoters / 2)
        #expect(try await store.turnoutPublications().contains(published))
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func policeAreSetByTheProvinceOrTheNECAndCountedForCommissions(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let commune = try #require(try await store.communes(inProvince: "07").last).id
        let stations = try await store.pollingStations(inCommune: commune).map(\.id)
        let pec = try await Self.official(store, .provincialOfficial, .province("07"))
        let other = try await Self.official(store, .provincialOfficial, .province("08"))
        let cec = try await Self.official(store, .communeOfficial, .commune(commune))
        let now = Date()
        await #expect(throws: Refusal.self) { try await store.assignPolice([stations[0]: 3], by: other, at: now) }
        await #expect(throws: Refusal.self) { try await store.assignPolice([stations[0]: 3], by: cec, at: now) }
        await #expect(throws: StoreError.self) { try await store.assignPolice(["079999999": 3], by: nil, at: now) }
        try await store.assignPolice(Dictionary(uniqueKeysWithValues: stations.map { ($0, 3) }), by: pec, at: now)
        try await store.assignPolice([stations[0]: 5], by: pec, at: now)
        #expect(try await store.police(at: stations[0]) == 5)
        let tally = try #require(try await store.electionDayTallies(within: .province("07"), at: .commune).first { $0.unit == .commune(commune) })
        #expect(tally.police == 3 * stations.count + 2)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func stationsAreLoadedWithTheirAccessibilityAndTheNearestKeepToANeed(_ engine: StoreEngine) async throws {
        let store = try await engine.store()
        let expected = Dictionary(uniqueKeysWithValues: TestDatabases.scenario.reference.pollingStations.map { ($0.id, $0.accessibility) })
        let loaded = try await store.pollingStations(inProvince: "12")
        #expect(loaded.allSatisfy { expected[$0.id] == $0.accessibility })
        #expect(Set(loaded.map(\.accessibility)).count > 3, "the scenario's stations differ")
        let centre = try #require(loaded.first).position
        let stepFree = try await store.nearestPollingStations(to: centre, limit: 20, meeting: .stepFree)
        #expect(stepFree.count == 20)
        #expect(stepFree.allSatisfy { expected[$0.id]?.isStepFree == true })
        let any = try await store.nearestPollingStations(to: centre, limit: 20)
        #expect(any.contains { !$0.accessibility.isStepFree } || any.map(\.id) == stepFree.map(\.id))
        try await store.close()
    }

    /// A station added with its accessibility (on a private copy: adding a station changes every count).
    @Test func aStationsAccessibilityIsKeptAsTheNECSetsIt() async throws {
        let store = try await TestDatabases.writableSQLite()
        let nec = try await Self.official(store, .necAdministrator, .nation)
        let commune = try #require(try await store.communes(inProvince: "09").first).id
        let election = try await store.election()
        // Stations are kept before voter registration closes; the calendar's first day is before it.
        let day = try #require(try await store.calendar().entries.map(\.opens).min())
        let early = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 - election.utcOffsetMinutes * 60 + 12 * 3600))
        let station = try await store.addPollingStation(
            in: commune,
            StationDetails(nameEnglish: "Ramp school", nameKhmer: "សាលាមានជម្រាល", addressEnglish: "", addressKhmer: "",
                           position: GeoPoint(latitude: 13.9, longitude: 103.3), accessibility: StationAccessibility(ramp: true, groundFloor: nil, assistance: false)),
            reason: "test", by: nec, at: early)
        let read = try await store.pollingStation(station.id)
        #expect(read.accessibility == StationAccessibility(ramp: true, groundFloor: nil, assistance: false), "a value not recorded stays not recorded")
        let stepFree = try await store.nearestPollingStations(to: GeoPoint(latitude: 13.9, longitude: 103.3), limit: 100, meeting: .stepFree)
        #expect(stepFree.contains { $0.id == station.id })
        #expect(stepFree.allSatisfy { $0.accessibility.isStepFree })
        let assisted = try await store.nearestPollingStations(to: GeoPoint(latitude: 13.9, longitude: 103.3), limit: 100, meeting: .assistance)
        #expect(!assisted.contains { $0.id == station.id })
        #expect(assisted.allSatisfy { $0.accessibility.assistance == true })
        try await store.close()
    }
}
