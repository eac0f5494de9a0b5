import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The register at the desk and on the API: officials of a commune search, register, move and
/// remove voters of their commune only; bad input names the field; the public check follows.
@Suite struct RegisterWebTests {
    /// The results fixture (commune officials of 010201, the NEC) with a machine token for clerk.one.
    static func fixture() async throws -> (ResultsWebTests.Fixture, String) {
        let fixture = try await ResultsWebTests.fixture()
        let official = try #require(try await fixture.store.officialAccount(named: "clerk.one")).official
        let token = Passwords.newToken()
        try await fixture.store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "test", expires: nil)
        return (fixture, token)
    }

    static func voterJSON(number: VoterNumber, born: String = "1990-05-17", station: String, name: String = "សុខ ដារ៉ា") -> String {
        """
        {"voterNumber": "\(number)", "nameKhmer": "\(name)", "nameLatin": "Sok Dara", "sex": "F",
         "dateOfBirth": "\(born)", "station": "\(station)", "reason": "came of age"}
        """
    }

    @Test func anOfficialRegistersMovesAndRemovesAVoterAndThePublicCheckFollows() async throws {
        let (fixture, token) = try await Self.fixture()
        let stations = try await fixture.store.pollingStations(inCommune: "010201")
        let farAway = try await fixture.store.pollingStations(inProvince: "12")[0].id
        let number = VoterNumber(serial: 987_654_321)
        try await ResultsWebTests.run(fixture) { client in
            let added = try await client.postJSON("/api/v1/register/voters", Self.voterJSON(number: number, station: stations[0].id.rawValue), bearer: token)
            #expect(added.status == .created, "\(added.body)")
            let check = try await client.postJSON("/api/v1/registration", "{\"voterNumber\": \"\(number)\"}")
            #expect(check.body.contains(stations[0].id.rawValue))

            let moved = try await client.postJSON(
                "/api/v1/register/voters/\(number)/move", "{\"station\": \"\(stations[1].id)\", \"reason\": \"moved house\"}", bearer: token)
            #expect(moved.status == .ok, "\(moved.body)")
            #expect(try await client.postJSON("/api/v1/registration", "{\"voterNumber\": \"\(number)\"}").body.contains(stations[1].id.rawValue))

            // Outside the commune: refused, and nothing changes.
            let far = try await client.postJSON(
                "/api/v1/register/voters/\(number)/move", "{\"station\": \"\(farAway)\", \"reason\": \"moved\"}", bearer: token)
            #expect(far.status == .forbidden)
            let nowhere = try await client.postJSON(
                "/api/v1/register/voters/\(number)/move", "{\"station\": \"010201999\", \"reason\": \"moved\"}", bearer: token)
            #expect(nowhere.status == .badRequest)
            #expect(nowhere.body.contains("\"field\":\"station\""))

            let removed = try await client.postJSON("/api/v1/register/voters/\(number)/removal", "{\"reason\": \"deceased\"}", bearer: token)
            #expect(removed.status == .ok)
            #expect(try await client.postJSON("/api/v1/registration", "{\"voterNumber\": \"\(number)\"}").body.contains("not-found"))
            #expect(try await fixture.store.registerChanges(voter: number).map(\.kind) == [.registered, .moved, .removed])
        }
    }

    @Test func badRegistrationsAreRefusedNamingTheFieldInTheUsersLanguage() async throws {
        let (fixture, token) = try await Self.fixture()
        let station = try await fixture.store.pollingStations(inCommune: "010201")[0].id.rawValue
        try await ResultsWebTests.run(fixture) { client in
            let young = try await client.postJSON(
                "/api/v1/register/voters", Self.voterJSON(number: VoterNumber(serial: 987_000_001), born: "2010-01-01", station: station), bearer: token)
            #expect(young.status == .badRequest)
            #expect(young.body.contains("\"field\":\"dateOfBirth\"") || young.body.contains("\"field\" : \"dateOfBirth\""))
            #expect(young.body.contains("too young"))
            let badNumber = try await client.postJSON(
                "/api/v1/register/voters", Self.voterJSON(number: VoterNumber(serial: 1), station: station).replacingOccurrences(of: "0000000018", with: "0000000019"), bearer: token)
            #expect(badNumber.status == .badRequest)
            #expect(badNumber.body.contains("voterNumber"))
            let unknown = try await client.postJSON(
                "/api/v1/register/voters", Self.voterJSON(number: VoterNumber(serial: 987_000_002), station: "010201999"), bearer: token)
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.contains("station"))
            let anonymous = try await client.postJSON("/api/v1/register/voters", Self.voterJSON(number: VoterNumber(serial: 987_000_003), station: station))
            #expect(anonymous.status == .unauthorized)
            for serial in [987_000_001, 987_000_002, 987_000_003] {
                await #expect(throws: StoreError.self) { try await fixture.store.voter(VoterNumber(serial: serial)) }
            }
        }
    }

    @Test func theDeskSearchRanksCandidatesAndShowsOnlyTheOfficialsUnit() async throws {
        let (fixture, _) = try await Self.fixture()
        let voters = try await TestDatabases.register()
        let inCommune = try #require(voters.first { $0.stationCode.commune == "010201" })
        let elsewhere = try #require(voters.first { $0.stationCode.commune != "010201" })
        try await ResultsWebTests.run(fixture) { client in
            let one = try await ResultsWebTests.signIn(client, "clerk.one")
            func search(_ voter: Voter) async throws -> Reply {
                // As a browser sends a form by GET: spaces as "+".
                let name = voter.name.latin.split(separator: " ").map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
                    .joined(separator: "+")
                return try await client.get("/en/desk/register?name=\(name)&born=\(voter.dateOfBirth.iso)", headers: [.cookie: one.cookie])
            }
            let found = try await search(inCommune)
            #expect(found.status == .ok)
            #expect(found.body.contains(inCommune.number.description))
            #expect(found.body.contains("same name"))
            let hidden = try await search(elsewhere)
            #expect(!hidden.body.contains(elsewhere.number.description))
            #expect(hidden.body.contains("id=\"no-match\""))

            let page = try await client.get("/km/desk/register/voters/\(inCommune.number)", headers: [.cookie: one.cookie])
            #expect(page.status == .ok)
            #expect(page.body.contains(inCommune.name.khmer))
            #expect(try await client.get("/en/desk/register/voters/\(elsewhere.number)", headers: [.cookie: one.cookie]).status == .forbidden)

            // A move without a reason is refused on the page, naming the field.
            let move = try await client.postForm(
                "/en/desk/register/voters/\(inCommune.number)/move", [("csrf", one.csrf), ("station", inCommune.stationCode.rawValue), ("reason", "")],
                cookie: one.cookie)
            #expect(move.status == .badRequest)
            #expect(move.body.contains("Reason is required."))
            #expect(try await client.get("/en/desk/register", headers: [:]).status == .seeOther)
        }
    }

    @Test func theDuplicateQueueTakesDecisions() async throws {
        let (fixture, token) = try await Self.fixture()
        let stations = try await fixture.store.pollingStations(inCommune: "010201")
        let born = "1933-04-0\(Int.random(in: 1...9))"
        try await ResultsWebTests.run(fixture) { client in
            for (serial, station) in [(987_100_000, stations[0].id.rawValue), (987_100_001, stations[1].id.rawValue)] {
                let added = try await client.postJSON(
                    "/api/v1/register/voters", Self.voterJSON(number: VoterNumber(serial: serial), born: born, station: station, name: "ហេង សុភ័ក្ត្រ"), bearer: token)
                #expect(added.status == .created, "\(added.body)")
            }
            let scan = try await fixture.store.findDuplicates(DuplicateRule())
            #expect(scan.newCases >= 1)
            let cases = try await fixture.store.duplicateCases(undecidedOnly: true, within: "010201", limit: 1_000)
            let ours = try #require(cases.first { $0.voters.contains { $0.number == VoterNumber(serial: 987_100_000) } })

            let one = try await ResultsWebTests.signIn(client, "clerk.one")
            let queue = try await client.get("/en/desk/duplicates", headers: [.cookie: one.cookie])
            #expect(queue.body.contains("id=\"case-\(ours.id)\""))
            let noVerdict = try await client.postForm("/en/desk/duplicates/\(ours.id)", [("csrf", one.csrf), ("note", "")], cookie: one.cookie)
            #expect(noVerdict.status == .badRequest)
            let unsureWithoutNote = try await client.postJSON(
                "/api/v1/register/duplicates/\(ours.id)/decision", "{\"verdict\": \"unsure\"}", bearer: token)
            #expect(unsureWithoutNote.status == .badRequest)
            #expect(unsureWithoutNote.body.contains("note"))
            let decided = try await client.postForm(
                "/en/desk/duplicates/\(ours.id)", [("csrf", one.csrf), ("verdict", "same-person"), ("note", "one person")], cookie: one.cookie)
            #expect(decided.status == .seeOther)
            #expect(try await fixture.store.duplicateCase(ours.id).decision?.verdict == .samePerson)
            let after = try await client.get("/en/desk/duplicates", headers: [.cookie: one.cookie])
            #expect(!after.body.contains("id=\"case-\(ours.id)\""))
        }
    }
}
