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

/// Polling stations kept through the NEC's pages: refused while fixed, bad input named by field in
/// the user's language and kept in the form, then added, changed and retired with the history shown.
@Suite struct StationKeepingWebTests {
    @Test func theNECKeepsAStationThroughItsPages() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let commune = try #require(try await fixture.store.communes(inProvince: "25").first).id
        try await ResultsWebTests.run(fixture) { client in
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            #expect(try await client.get("/en/desk/geography/communes/\(commune)", headers: [.cookie: clerk.cookie]).status == .forbidden)
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            #expect(try await client.get("/en/desk", headers: [.cookie: nec.cookie]).body.contains("keep-stations"))
            let form = [("nameEnglish", "River School"), ("nameKhmer", "សាលាទន្លេ"), ("addressEnglish", "Road 1"), ("addressKhmer", "ផ្លូវ១"),
                        ("latitude", "12.01"), ("longitude", "105.5")]
            let fixed = try await client.postForm("/km/desk/geography/communes/\(commune)", [("csrf", nec.csrf)] + form, cookie: nec.cookie)
            #expect(fixed.status == .conflict)
            #expect(fixed.body.contains("ការចុះឈ្មោះបោះឆ្នោត"), "the refusal names the milestone in Khmer")
            _ = try await client.postForm("/en/desk/calendar", [("csrf", nec.csrf), ("milestone", "voter-registration"), ("closes", "2099-12-31"),
                                                                ("reason", "new villages")], cookie: nec.cookie)

            let badPlace = try await client.postForm("/km/desk/geography/communes/\(commune)",
                                                     [("csrf", nec.csrf)] + form.map { $0.0 == "latitude" ? ($0.0, "200") : $0 }, cookie: nec.cookie)
            #expect(badPlace.status == .badRequest)
            #expect(badPlace.body.contains("រយៈទទឹង"), "the field is named in Khmer")
            #expect(badPlace.body.contains("value=\"River School\""), "what was typed is kept")

            let added = try await client.postForm("/en/desk/geography/communes/\(commune)", [("csrf", nec.csrf)] + form, cookie: nec.cookie)
            #expect(added.status == .seeOther)
            let location = try #require(added.headers[.location])
            let code = String(try #require(location.firstMatch(of: /stations\/([0-9]{9})/)).1)
            #expect(try await fixture.store.pollingStation(StationCode(rawValue: code)!).nameEnglish == "River School")

            let edited = try await client.postForm("/en/desk/geography/stations/\(code)",
                                                   [("csrf", nec.csrf), ("reason", "the school's name")] + form.map { $0.0 == "nameEnglish" ? ($0.0, "River Primary School") : $0 },
                                                   cookie: nec.cookie)
            #expect(edited.status == .seeOther)
            let page = try await client.get("/en/desk/geography/stations/\(code)?done=edited", headers: [.cookie: nec.cookie])
            #expect(page.body.contains("The change was saved."))
            #expect(page.body.contains("name_en: River School;") && page.body.contains("name_en: River Primary School;"))
            let publicPage = try await client.get("/en/stations/\(code)")
            #expect(publicPage.body.contains("River Primary School"), "the public page follows: \(publicPage.status) \(publicPage.body.prefix(3000))")

            let retired = try await client.postForm("/en/desk/geography/stations/\(code)/retirement", [("csrf", nec.csrf), ("reason", "merged")],
                                                    cookie: nec.cookie)
            #expect(retired.status == .seeOther)
            #expect(try await client.get("/en/stations/\(code)").status == .notFound)
            #expect(try await fixture.store.geographyChanges(of: .station(StationCode(rawValue: code)!)).map(\.action) == [.added, .edited, .retired])
        }
    }
}
