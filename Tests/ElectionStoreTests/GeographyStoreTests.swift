import ElectionCore
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import SQLKit
import Testing

extension StoreBehaviourTests {
/// Polling stations kept by the NEC, on every engine: added with the commune's next number,
/// changed and retired with their history, refused once stations are fixed and when something
/// depends on the station. On PostgreSQL the test works in province 25, which no results test
/// uses, and takes its station and records out again.
@Suite struct GeographyStoreTests {
    static let details = StationDetails(
        nameEnglish: "New School", nameKhmer: "សាលាថ្មី", addressEnglish: "Road 7", addressKhmer: "ផ្លូវ៧",
        position: GeoPoint(latitude: 11.99, longitude: 105.46))

    @Test(arguments: StoreEngine.available)
    func theNECAddsChangesAndRetiresAStationAndEveryChangeIsRecorded(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await NominationStoreTests.nec(store)
        let commune = try #require(try await store.communes(inProvince: "25").first).id
        let before = try await store.pollingStations(inCommune: commune)
        var added: StationCode?
        do {
            // Voter registration closed on 8 November 2022: the stations are fixed.
            let fixed = try await #require(throws: Refusal.self) {
                try await store.addPollingStation(in: commune, Self.details, reason: "", by: nec, at: Date())
            }
            #expect(fixed.reason == .outsideCalendar)
            try await store.overrideDeadline(.voterRegistration, closes: CalendarDate(year: 2099, month: 12, day: 31)!,
                                             reason: "stations redrawn after floods", by: nec, at: Date())
            // Only the NEC keeps stations.
            let provincial = try await store.addOfficial(
                name: "pec-\(UUID().uuidString.prefix(8))", role: .provincialOfficial, unitCode: "25", passwordHash: "!")
            await #expect(throws: Refusal.self) {
                try await store.addPollingStation(in: commune, Self.details, reason: "", by: provincial, at: Date())
            }

            // Two additions at once take two numbers.
            async let first = store.addPollingStation(in: commune, Self.details, reason: "twin", by: nec, at: Date())
            async let second = store.addPollingStation(in: commune, Self.details, reason: "twin", by: nec, at: Date())
            let twins = try await [first, second]
            #expect(twins[0].id != twins[1].id)
            for twin in twins { try await store.retirePollingStation(twin.id, reason: "twins retired", by: nec, at: Date()) }

            let station = try await store.addPollingStation(in: commune, Self.details, reason: "a new village", by: nec, at: Date())
            added = station.id
            #expect(station.id.commune == commune)
            // The next number after the twins', which are never given again.
            #expect(station.id.number == before.map(\.id.number).max()! + 3)
            #expect(station.registeredVoters == 0)
            #expect(try await store.pollingStation(station.id) == station)
            #expect(try await store.members(ofCommission: Commission.forNewStation(station.id).id).isEmpty, "its commission awaits its members")

            var moved = Self.details
            moved.nameEnglish = "New Primary School"
            moved.position = GeoPoint(latitude: 11.991, longitude: 105.461)
            let edited = try await store.editPollingStation(station.id, moved, reason: "renamed", by: nec, at: Date())
            #expect(edited.nameEnglish == "New Primary School" && edited.position == moved.position)
            let same = try await #require(throws: Refusal.self) {
                try await store.editPollingStation(station.id, moved, reason: "", by: nec, at: Date())
            }
            #expect(same.reason == .noChange)

            // A station with voters registered there stays.
            let busy = try #require(try await store.voters(after: nil, limit: 1).first).stationCode
            let refused = try await #require(throws: Refusal.self) {
                try await store.retirePollingStation(busy, reason: "merged", by: nec, at: Date())
            }
            #expect(refused.reason == .inUse)
            #expect(try await store.pollingStation(busy).id == busy)

            await #expect(throws: Refusal.self) { try await store.retirePollingStation(station.id, reason: " ", by: nec, at: Date()) }
            try await store.retirePollingStation(station.id, reason: "opened by mistake", by: nec, at: Date())
            added = nil
            await #expect(throws: StoreError.notFound("polling station", station.id.rawValue)) { _ = try await store.pollingStation(station.id) }
            await #expect(throws: StoreError.self) { _ = try await store.commission(Commission.forNewStation(station.id).id) }
            let history = try await store.geographyChanges(of: .station(station.id))
            #expect(history.map(\.action) == [.added, .edited, .retired])
            #expect(history.map(\.officialName) == [nec.name, nec.name, nec.name])
            #expect(history[0].before == nil && history[0].after == Self.details.summary)
            #expect(history[1].before == Self.details.summary && history[1].after == moved.summary)
            #expect(history[2].after == nil && history[2].reason == "opened by mistake")
        } catch {
            try await Self.cleanUp(added, commune, store)
            throw error
        }
        try await Self.cleanUp(added, commune, store)
    }

    @Test(arguments: StoreEngine.available)
    func theNECAddsChangesAndRetiresACommuneWithItsCommission(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await NominationStoreTests.nec(store)
        let code: CommuneCode = "259902"
        let details = CommuneDetails(nameEnglish: "Prek Thmei", nameKhmer: "ព្រែកថ្មី", districtName: "Ponhea Kraek", kind: "Commune",
                                     approximatePosition: nil)
        do {
            let fixed = try await #require(throws: Refusal.self) { try await store.addCommune(code, details, reason: "", by: nec, at: Date()) }
            #expect(fixed.reason == .outsideCalendar)
            try await store.overrideDeadline(.voterRegistration, closes: CalendarDate(year: 2099, month: 12, day: 31)!,
                                             reason: "a commune split", by: nec, at: Date())
            let provincial = try await store.addOfficial(
                name: "pec-\(UUID().uuidString.prefix(8))", role: .provincialOfficial, unitCode: "25", passwordHash: "!")
            await #expect(throws: Refusal.self) { try await store.addCommune(code, details, reason: "", by: provincial, at: Date()) }
            await #expect(throws: StoreError.notFound("province", "99")) { try await store.addCommune("999901", details, reason: "", by: nec, at: Date()) }

            let commune = try await store.addCommune(code, details, reason: "sub-decree 123", by: nec, at: Date())
            #expect(commune.districtCode == "2599" && commune.provinceCode == "25")
            #expect(try await store.commune(code) == commune)
            #expect(try await store.commission("CEC-259902").level == .commune)
            let twice = try await #require(throws: Refusal.self) { try await store.addCommune(code, details, reason: "", by: nec, at: Date()) }
            #expect(twice.reason == .codeTaken)

            var sangkat = details
            sangkat.kind = "Sangkat"
            sangkat.approximatePosition = GeoPoint(latitude: 11.9, longitude: 105.6)
            #expect(try await store.editCommune(code, sangkat, reason: "made urban", by: nec, at: Date()).kind == "Sangkat")
            #expect(try await store.commission("CEC-259902").nameEnglish == "Prek Thmei Sangkat Election Commission", "named after its commune")
            let same = try await #require(throws: Refusal.self) { try await store.editCommune(code, sangkat, reason: "", by: nec, at: Date()) }
            #expect(same.reason == .noChange)

            let station = try await store.addPollingStation(in: code, Self.details, reason: "its school", by: nec, at: Date())
            let busy = try await #require(throws: Refusal.self) { try await store.retireCommune(code, reason: "merged", by: nec, at: Date()) }
            #expect(busy.reason == .inUse)
            try await store.retirePollingStation(station.id, reason: "merged", by: nec, at: Date())
            try await store.retireCommune(code, reason: "merged back", by: nec, at: Date())
            await #expect(throws: StoreError.notFound("commune", code.rawValue)) { _ = try await store.commune(code) }
            await #expect(throws: StoreError.self) { _ = try await store.commission("CEC-259902") }
            let history = try await store.geographyChanges(of: .commune(code))
            #expect(history.map(\.action) == [.added, .edited, .retired])
            #expect(history[1].before == details.summary && history[1].after == sangkat.summary)
            let reused = try await #require(throws: Refusal.self) { try await store.addCommune(code, details, reason: "", by: nec, at: Date()) }
            #expect(reused.reason == .codeTaken)
        } catch {
            try await Self.cleanUp(nil, code, store)
            throw error
        }
        try await Self.cleanUp(nil, code, store)
    }

    /// Takes the test's station, its history and the moved deadline out of the shared database.
    static func cleanUp(_ station: StationCode?, _ commune: CommuneCode, _ store: SQLElectionStore) async throws {
        try await store.engine.withTransaction { tx in
            if let station {
                try await tx.sql.raw("DELETE FROM commissions WHERE id = \(bind: Commission.id(level: .pollingStation, unitCode: .station(station)))").run()
                try await tx.sql.raw("DELETE FROM polling_stations WHERE code = \(bind: station.rawValue)").run()
            }
            try await tx.sql.raw("DELETE FROM geography_changes WHERE unit_code LIKE \(bind: commune.rawValue + "%")").run()
            try await tx.sql.raw("DELETE FROM deadline_overrides").run()
        }
        try await store.close()
    }
}
}
