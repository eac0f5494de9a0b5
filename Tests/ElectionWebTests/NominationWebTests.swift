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

/// Parties and lists through the pages: the NEC registers a party, its agent signs in with the code
/// and submits a list, refused first naming the candidate and the rule in the user's language; the
/// calendar locks and the NEC's moved deadline reopens; the public pages show the outcome.
@Suite struct NominationWebTests {
    static let pollingDay = CalendarDate(year: 2023, month: 7, day: 23)!

    @Test func theNECRegistersAPartyAndItsAgentSubmitsAListThatThePublicSees() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let voters = try await fixture.store.voters(after: nil, limit: 3_000)
        let adults = voters.filter { $0.dateOfBirth.age(on: Self.pollingDay) >= 25 }
        let young = try #require(voters.first { $0.dateOfBirth.age(on: Self.pollingDay) < 25 })
        let province = try #require(try await fixture.store.constituencies().first { $0.seats == 1 })
        try await ResultsWebTests.run(fixture) { client in
            // Only the NEC keeps parties.
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            #expect(try await client.get("/en/desk/parties", headers: [.cookie: clerk.cookie]).status == .forbidden)

            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            #expect(try await client.get("/en/desk", headers: [.cookie: nec.cookie]).body.contains("/en/desk/parties"))
            let application = [("nameEnglish", "Rice Farmers Party"), ("nameKhmer", "គណបក្សកសិករ"), ("abbreviation", "RFP"),
                               ("leader", "Chan Sophal"), ("contact", "012 345 678")]
            let missing = try await client.postForm(
                "/en/desk/parties/applications", [("csrf", nec.csrf)] + application.filter { $0.0 != "leader" }, cookie: nec.cookie)
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("Leader is required."))
            #expect(missing.body.contains("value=\"Rice Farmers Party\""), "what was typed is kept")
            let filed = try await client.postForm("/en/desk/parties/applications", [("csrf", nec.csrf)] + application, cookie: nec.cookie)
            #expect(filed.status == .seeOther)
            let desk = try await client.get("/en/desk/parties?done=filed", headers: [.cookie: nec.cookie])
            #expect(desk.body.contains("The application was recorded."))
            let id = try #require(desk.body.firstMatch(of: /desk\/parties\/applications\/([0-9]+)"/)).1
            let registered = try await client.postForm(
                "/en/desk/parties/applications/\(id)", [("csrf", nec.csrf), ("decision", "register"), ("agent", "Keo Dara"), ("reason", "")],
                cookie: nec.cookie)
            #expect(registered.status == .created)
            let code = String(try #require(registered.body.firstMatch(of: /id="agent-code">([0-9a-f]{64})</)).1)
            let number = try #require(try await fixture.store.partyApplications().first?.party)

            // The agent signs in with the code; a wrong code is refused.
            #expect(try await client.postForm("/en/party", [("code", String(repeating: "0", count: 64))]).status == .unauthorized)
            let signedIn = try await client.postForm("/en/party", [("code", code)])
            #expect(signedIn.status == .seeOther)
            let agentCookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let home = try await client.get("/en/party", headers: [.cookie: agentCookie])
            #expect(home.body.contains("Rice Farmers Party") && home.body.contains("Keo Dara"))
            let listPage = try await client.get("/en/party/lists/\(province.id)", headers: [.cookie: agentCookie])
            let csrf = String(try #require(listPage.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            func list(_ people: [Voter]) -> [(String, String)] {
                [("csrf", csrf)] + people.enumerated().flatMap { index, voter in
                    [("voter.\(index)", voter.number.description), ("name.\(index)", voter.name.khmer), ("national.\(index)", "yes")]
                }
            }

            // Nominations for 2023 closed on 8 May 2023.
            let closed = try await client.postForm("/km/party/lists/\(province.id)", list([adults[0]]), cookie: agentCookie)
            #expect(closed.status == .conflict)
            #expect(closed.body.contains("ប្រតិទិនការបោះឆ្នោតមិនអនុញ្ញាត"))

            // The NEC moves the deadline, with a reason that the public calendar shows.
            let noReason = try await client.postForm(
                "/en/desk/calendar", [("csrf", nec.csrf), ("milestone", "nominations"), ("closes", "2099-12-31"), ("reason", "")], cookie: nec.cookie)
            #expect(noReason.status == .badRequest)
            let moved = try await client.postForm(
                "/en/desk/calendar", [("csrf", nec.csrf), ("milestone", "nominations"), ("closes", "2099-12-31"),
                                      ("reason", "Reopened for the new party")], cookie: nec.cookie)
            #expect(moved.status == .seeOther)
            let calendar = try await client.get("/en/calendar")
            #expect(calendar.body.contains("Reopened for the new party") && calendar.body.contains("31 December 2099"))

            // A list with an under-age candidate: refused naming the candidate and the rule, in each language.
            let refused = try await client.postForm("/en/party/lists/\(province.id)", list([adults[0], young]), cookie: agentCookie)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Candidate 2 \(young.name.khmer): is younger than the minimum age for candidates on polling day."))
            #expect(refused.body.contains("value=\"\(young.number)\""), "what was typed is kept")
            let refusedKhmer = try await client.postForm("/km/party/lists/\(province.id)", list([adults[0], young]), cookie: agentCookie)
            #expect(refusedKhmer.body.contains("បេក្ខជនទី ២ \(young.name.khmer)៖ មានអាយុតិចជាងអាយុអប្បបរមា"))
            #expect(try await fixture.store.candidates(party: number, constituency: province.id).isEmpty)
            let badNumber = try await client.postForm(
                "/en/party/lists/\(province.id)", [("csrf", csrf), ("voter.0", "123"), ("name.0", "x")], cookie: agentCookie)
            #expect(badNumber.status == .badRequest)
            #expect(badNumber.body.contains("Candidate 1: Voter number must be 10 digits"))

            let accepted = try await client.postForm("/en/party/lists/\(province.id)", list([adults[0], adults[1]]), cookie: agentCookie)
            #expect(accepted.status == .seeOther)
            let publicList = try await client.get("/en/parties/\(number)/\(province.id)")
            #expect(publicList.body.contains(adults[0].name.latin) && publicList.body.contains(adults[1].name.latin))
            #expect(publicList.body.contains("Submitted by Keo Dara"))
            #expect(!publicList.body.contains(adults[0].number.description), "voter numbers are not public")
            #expect(try await client.get("/en/parties").body.contains("Rice Farmers Party"))

            // A lost code: the NEC issues a new one, and the old one no longer signs in.
            let reissued = try await client.postForm(
                "/en/desk/parties/agent", [("csrf", nec.csrf), ("party", "\(number)"), ("agent", "Sok Vanna")], cookie: nec.cookie)
            #expect(reissued.status == .created)
            let newCode = String(try #require(reissued.body.firstMatch(of: /id="agent-code">([0-9a-f]{64})</)).1)
            #expect(try await client.postForm("/en/party", [("code", code)]).status == .unauthorized)
            #expect(try await client.get("/en/party", headers: [.cookie: agentCookie]).body.contains("id=\"party-signin\""))
            #expect(try await client.postForm("/en/party", [("code", newCode)]).status == .seeOther)

            // The ballot draw: the parties page follows it, and a ballot paper too.
            let drawn = try await client.postForm("/en/desk/parties/ballot-draw", [("csrf", nec.csrf), ("seed", "42")], cookie: nec.cookie)
            #expect(drawn.status == .seeOther)
            let expected = BallotDraw(seed: 42, parties: try await fixture.store.parties().map(\.id)).order()
            let listed = try await client.get("/en/parties").body.matches(of: /class="party-link" href="\/en\/parties\/([0-9]+)"/)
                .compactMap { PartyNumber(rawValue: Int($0.1)!) }
            #expect(listed == expected)
            // Every party, the new one included, has a list in that constituency.
            #expect(try await fixture.store.ballot(constituency: province.id) == expected)
        }
    }
}
