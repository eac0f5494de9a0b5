import ElectionCore
import ElectionScenario
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The store's behaviour, the same on every engine.
/// Serialized: on PostgreSQL the register tests (nested below) add voters to the shared database,
/// which must not happen while another test here counts the register.
@Suite(.serialized) struct StoreBehaviourTests {
    let scenario = TestDatabases.scenario

    @Test(arguments: StoreEngine.available)
    func migrationsAreRecordedInOrderOnce(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let applied = try await store.appliedMigrations()
        #expect(applied == applied.sorted())
        #expect(applied.count == Set(applied).count)
        #expect(applied.first == "001_election_and_geography")
        // The load drops the register's indexes while it runs; they must be back.
        #expect(try await store.secondaryIndexNames(of: "voters") == ["voters_by_birth_date", "voters_by_latin_key", "voters_by_station"])
        try await store.close()
        // Opening again applies nothing new.
        let again = try await engine.store()
        #expect(try await again.appliedMigrations() == applied)
        try await again.close()
    }

    @Test(arguments: StoreEngine.available)
    func statisticsCountWhatWasLoaded(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let stats = try await store.statistics()
        let r = scenario.reference
        #expect(stats.provinces == r.constituencies.count)
        #expect(stats.communes == r.communes.count)
        #expect(stats.pollingStations == r.pollingStations.count)
        #expect(stats.registeredVoters == r.pollingStations.reduce(0) { $0 + $1.registeredVoters })
        #expect(stats.votersOnRegister == TestDatabases.testVoters)
        #expect(stats.parties == r.parties.count)
        #expect(stats.candidates == r.candidates.count)
        #expect(stats.womenCandidates == r.candidates.filter { $0.sex == .female }.count)
        #expect(stats.seats == r.constituencies.reduce(0) { $0 + $1.seats })
        for level in CommissionLevel.allCases {
            let ids = Set(r.commissions.filter { $0.level == level }.map(\.id))
            #expect(stats.commissionMembers[level.rawValue] == r.commissionMembers.filter { ids.contains($0.commissionID) }.count)
        }
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func geographyReadsBackAsLoaded(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let r = scenario.reference
        #expect(try await store.constituencies() == r.constituencies)
        let station = r.pollingStations[r.pollingStations.count / 2]
        #expect(try await store.pollingStation(station.id) == station)
        let commune = try #require(r.communes.first { $0.id == station.communeCode })
        #expect(try await store.commune(commune.id) == commune)
        #expect(try await store.pollingStations(inCommune: commune.id) == r.pollingStations.filter { $0.communeCode == commune.id })
        #expect(try await store.communes(inProvince: "12") == r.communes.filter { $0.provinceCode == "12" })
        #expect(try await store.pollingStations(inProvince: "23").count == r.pollingStations.filter { $0.provinceCode == "23" }.count)
        #expect(try await store.constituencyOutlines().map(\.code) == r.constituencies.map(\.id.rawValue))
        #expect(try await store.election() == r.election)
        #expect(try await store.provenance()["seed"] == String(TestDatabases.seed))
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func unknownIdentifiersAreNotFound(engine: StoreEngine) async throws {
        let store = try await engine.store()
        await #expect(throws: StoreError.notFound("polling station", "999999999")) { try await store.pollingStation("999999999") }
        await #expect(throws: StoreError.notFound("province", "99")) { try await store.communes(inProvince: "99") }
        await #expect(throws: StoreError.notFound("commission", "PSC-1")) { try await store.members(ofCommission: "PSC-1") }
        await #expect(throws: StoreError.notFound("party", "99")) { try await store.candidates(party: 99, constituency: "01") }
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func commissionsAndListsComeInOrder(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let members = try await store.members(ofCommission: "NEC")
        #expect(members.count == 9)
        #expect(members.first?.role == .chair)
        #expect(members.dropFirst().first?.role == .viceChair)
        let provincial = try await store.commissions(level: .provincial, within: nil)
        #expect(provincial.map(\.unitCode) == scenario.reference.constituencies.map { .province($0.id) })
        let communeCommissions = try await store.commissions(level: .commune, within: "12")
        #expect(communeCommissions.count == scenario.reference.communes.filter { $0.provinceCode == "12" }.count)
        let list = try await store.candidates(party: 1, constituency: "12")
        #expect(list.map(\.listPosition) == Array(1...list.count))
        #expect(list.count >= 12)
        let counts = try await store.womenCandidateCounts()
        #expect(counts.reduce(0) { $0 + $1.women } == scenario.reference.candidates.filter { $0.sex == .female }.count)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func nearestStationsAgreeWithBruteForce(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let stations = scenario.reference.pollingStations
        let points = [
            stations[0].position, GeoPoint(latitude: 11.5564, longitude: 104.9282),
            GeoPoint(latitude: 14.2, longitude: 107.4), GeoPoint(latitude: 10.0, longitude: 103.0),
            // Found by probing: far from the country the search read every station (1.1 s a request).
            GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 12.5, longitude: 108.2),
        ]
        let reach = Double(PollingStation.nearestReachMetres)
        var empty = 0
        for point in points {
            let expected = stations.filter { point.distance(to: $0.position) <= reach }.sorted {
                (point.distance(to: $0.position), $0.id) < (point.distance(to: $1.position), $1.id)
            }.prefix(7).map(\.id)
            #expect(try await store.nearestPollingStations(to: point, limit: 7).map(\.id) == Array(expected))
            if expected.isEmpty { empty += 1 }
        }
        #expect(empty >= 1)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func registrationByNumberFindsOneStation(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let voters = try await TestDatabases.register()
        for voter in [voters[0], voters[voters.count / 2], voters[voters.count - 1]] {
            let answer = try await store.lookUpRegistration(.byNumber(voter.number))
            #expect(answer == .registered(try await store.pollingStation(voter.stationCode)))
        }
        let unused = VoterNumber(serial: 999_999_999)
        #expect(try await store.lookUpRegistration(.byNumber(unused)) == .notFound)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func registrationByNameFollowsTheNameRule(engine: StoreEngine) async throws {
        let store = try await engine.store()
        let voters = try await TestDatabases.register()
        // A voter whose name and date of birth no one else shares.
        let voter = try #require(voters.first { v in
            voters.filter { $0.dateOfBirth == v.dateOfBirth && NameKey.of($0.name.khmer) == NameKey.of(v.name.khmer) }.count == 1
        })
        let station = try await store.pollingStation(voter.stationCode)
        let born = voter.dateOfBirth
        #expect(try await store.lookUpRegistration(.byName(voter.name.khmer, dateOfBirth: born)) == .registered(station))
        let withZeroWidthSpaces = voter.name.khmer.unicodeScalars.map { String($0) }.joined(separator: "\u{200B}")
        #expect(try await store.lookUpRegistration(.byName(withZeroWidthSpaces, dateOfBirth: born)) == .registered(station))
        #expect(try await store.lookUpRegistration(.byName(voter.name.latin.uppercased(), dateOfBirth: born)) == .registered(station))
        let familyNameOnly = String(voter.name.khmer.split(separator: " ")[0])
        #expect(try await store.lookUpRegistration(.byName(familyNameOnly, dateOfBirth: born)) == .notFound)
        let otherDay = CalendarDate(daysSinceEpoch: born.daysSinceEpoch + 1)
        #expect(try await store.lookUpRegistration(.byName(voter.name.khmer, dateOfBirth: otherDay)) == .notFound)
        try await store.close()
    }

    @Test func failedPostgresLoadLeftNothing() async throws {
        guard TestDatabases.postgresURL != nil else { return }
        _ = try await TestDatabases.postgres()
        let attempts = await SharedBuild.shared.postgresAfterFailedLoads
        #expect(attempts.count == 2)
        for attempt in attempts {
            #expect(attempt.failed)
            #expect(attempt.communes == 0)
            #expect(attempt.voters == 0)
        }
    }
}
