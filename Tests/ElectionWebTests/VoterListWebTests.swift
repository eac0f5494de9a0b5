import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// This election's voter list fixed at the NEC's register desk and through the API: the state
/// shown in the user's language, the button for the NEC only, once.
@Suite struct VoterListWebTests {
    @Test func theNECFixesTheVoterListOnce() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let token = try await OpenAPIResponseTests.machineToken(fixture.store, "nec.admin")
        try await ResultsWebTests.run(fixture) { client in
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            let clerkPage = try await client.get("/en/desk/register", headers: [.cookie: clerk.cookie]).body
            #expect(clerkPage.contains("Not fixed yet") && !clerkPage.contains("id=\"fix-voter-list\""))
            let refused = try await client.postForm("/en/desk/register/voter-list", [("csrf", clerk.csrf)], cookie: clerk.cookie)
            #expect(refused.status == .forbidden)

            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            let khmer = try await client.get("/km/desk/register", headers: [.cookie: nec.cookie]).body
            #expect(khmer.contains("id=\"fix-voter-list\"") && khmer.contains("មិនទាន់កំណត់ជាស្ថាពរ"))
            let fixed = try await client.postForm("/en/desk/register/voter-list", [("csrf", nec.csrf)], cookie: nec.cookie)
            #expect(fixed.headers[.location] == "/en/desk/register?done=fixed")
            let page = try await client.get("/en/desk/register?done=fixed", headers: [.cookie: nec.cookie]).body
            #expect(page.contains("This election&#39;s voter list is fixed.") || page.contains("This election's voter list is fixed."))
            #expect(page.contains("by nec.admin: \(grouped(TestDatabases.testVoters)) voters"))
            #expect(!page.contains("id=\"fix-voter-list\""))

            let state = try await client.execute(uri: "/api/v1/register/voter-list", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(String(buffer: state.body).contains(#""fixed":true"#))
            let again = try await client.execute(uri: "/api/v1/register/voter-list", method: .post, headers: [.authorization: "Bearer \(token)"])
            #expect(again.status == .conflict)

            // The public check answers for this election: a voter moved since votes where the list
            // says; one registered since votes from the next election.
            let store = fixture.store
            let official = try #require(try await store.officialAccount(named: "nec.admin")).official
            let mover = try #require(try await store.voters(after: nil, limit: 1).first)
            let elsewhere = try #require(try await store.pollingStations(inProvince: "12").first { $0.id != mover.stationCode })
            _ = try await store.moveVoter(mover.number, to: elsewhere.id, reason: "moved house", by: official, at: Date())
            let listed = try await store.pollingStation(mover.stationCode)
            let moved = try await client.postForm("/en/registration", [("voter_number", mover.number.description)])
            #expect(moved.body.contains(listed.nameEnglish) && !moved.body.contains(elsewhere.nameEnglish))
            let newcomer = Voter(number: VoterNumber(serial: 987_654_321), name: PersonName(khmer: "ចាន់ ស្រីពៅ", latin: "Chan Sreypov"),
                                 sex: .female, dateOfBirth: CalendarDate(year: 2005, month: 1, day: 2)!, stationCode: elsewhere.id)
            _ = try await store.registerVoter(newcomer, reason: "came of age", by: official, at: Date())
            let late = try await client.postForm("/km/registration", [("voter_number", newcomer.number.description)])
            #expect(late.body.contains("id=\"registration-next-election\""))
            #expect(late.body.contains("ការបោះឆ្នោតលើកក្រោយ"))
            let json = try await client.execute(uri: "/api/v1/registration", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: #"{"voterNumber": "\#(newcomer.number)"}"#))
            #expect(String(buffer: json.body).contains(#""status":"next-election""#))
        }
    }
}
