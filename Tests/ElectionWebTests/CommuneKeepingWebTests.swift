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

/// Communes kept through the NEC's pages and API: added under the gazetteer's code with their
/// commission, bad input named by field in the user's language, changed with the history shown,
/// refused retirement while stations remain, then retired, and their code never given again.
@Suite struct CommuneKeepingWebTests {
    @Test func theNECKeepsACommuneThroughItsPagesAndAPI() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let store = fixture.store
        let token = try await OpenAPIResponseTests.machineToken(store, "nec.admin")
        try await ResultsWebTests.run(fixture) { client in
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            #expect(try await client.get("/en/desk/geography/provinces/25", headers: [.cookie: clerk.cookie]).status == .forbidden)
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            #expect(try await client.get("/en/desk", headers: [.cookie: nec.cookie]).body.contains("id=\"keep-communes\""))
            let form = [("code", "259901"), ("nameEnglish", "New Riverside"), ("nameKhmer", "មាត់ទន្លេថ្មី"), ("districtName", "Ponhea Kraek"),
                        ("kind", "Commune"), ("latitude", ""), ("longitude", "")]
            // Communes are fixed with the stations when voter registration closes.
            let fixed = try await client.postForm("/en/desk/geography/provinces/25", [("csrf", nec.csrf)] + form, cookie: nec.cookie)
            #expect(fixed.status == .conflict)
            _ = try await client.postForm("/en/desk/calendar", [("csrf", nec.csrf), ("milestone", "voter-registration"), ("closes", "2099-12-31"),
                                                                ("reason", "a commune split by sub-decree")], cookie: nec.cookie)

            let badKind = try await client.postForm("/km/desk/geography/provinces/25",
                                                    [("csrf", nec.csrf)] + form.map { $0.0 == "kind" ? ($0.0, "Village") : $0 }, cookie: nec.cookie)
            #expect(badKind.status == .badRequest)
            #expect(badKind.body.contains("ប្រភេទ"), "the field is named in Khmer")
            #expect(badKind.body.contains("value=\"New Riverside\""), "what was typed is kept")
            let elsewhere = try await client.postForm("/en/desk/geography/provinces/25",
                                                      [("csrf", nec.csrf)] + form.map { $0.0 == "code" ? ($0.0, "019901") : $0 }, cookie: nec.cookie)
            #expect(elsewhere.status == .badRequest, "a code of another province")

            let added = try await client.postForm("/en/desk/geography/provinces/25", [("csrf", nec.csrf)] + form, cookie: nec.cookie)
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/en/desk/geography/communes/259901?done=commune-added")
            #expect(try await store.commission("CEC-259901").nameEnglish == "New Riverside Commune Election Commission")
            let again = try await client.postForm("/en/desk/geography/provinces/25", [("csrf", nec.csrf)] + form, cookie: nec.cookie)
            #expect(again.status == .conflict)

            // Changed through the API, with a place now; the public page follows.
            let body = #"{"nameEnglish": "New Riverside", "nameKhmer": "មាត់ទន្លេថ្មី", "districtName": "Ponhea Kraek", "kind": "Sangkat", "latitude": 11.9, "longitude": 105.6, "reason": "made urban"}"#
            let put = try await client.execute(uri: "/api/v1/communes/259901", method: .put,
                                               headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(put.status == .ok)
            #expect(try await store.commune("259901").kind == "Sangkat")
            #expect(try await client.get("/en/communes/259901").status == .ok)
            let page = try await client.get("/en/desk/geography/communes/259901?done=commune-edited", headers: [.cookie: nec.cookie]).body
            #expect(page.contains("The change to the commune was saved."))
            #expect(page.contains("kind: Commune; position: none") && page.contains("kind: Sangkat; position: 11.9, 105.6"))
            #expect(page.contains("<option value=\"Sangkat\" selected>"))

            // A station keeps the commune; once retired, the commune goes, and its code is not given again.
            let station = try await client.postForm("/en/desk/geography/communes/259901", [
                ("csrf", nec.csrf), ("nameEnglish", "Riverside School"), ("nameKhmer", "សាលាមាត់ទន្លេ"), ("addressEnglish", ""),
                ("addressKhmer", ""), ("latitude", "11.9"), ("longitude", "105.6"),
            ], cookie: nec.cookie)
            #expect(station.headers[.location] == "/en/desk/geography/stations/259901001?done=added")
            let inUse = try await client.postForm("/en/desk/geography/communes/259901/retirement", [("csrf", nec.csrf), ("reason", "merged")], cookie: nec.cookie)
            #expect(inUse.status == .conflict)
            #expect(inUse.body.contains("voters, polling stations or officials"))
            _ = try await client.postForm("/en/desk/geography/stations/259901001/retirement", [("csrf", nec.csrf), ("reason", "merged")], cookie: nec.cookie)
            let retired = try await client.postForm("/en/desk/geography/communes/259901/retirement", [("csrf", nec.csrf), ("reason", "merged back")], cookie: nec.cookie)
            #expect(retired.headers[.location] == "/en/desk/geography/provinces/25?done=commune-retired")
            #expect(try await client.get("/en/communes/259901").status == .notFound)
            await #expect(throws: StoreError.self) { try await store.commission("CEC-259901") }
            let history = try await client.get("/api/v1/communes/259901/changes").body
            #expect(history.contains(#""action":"added""#) && history.contains(#""action":"edited""#) && history.contains(#""action":"retired""#))
            let reused = try await client.postForm("/en/desk/geography/provinces/25", [("csrf", nec.csrf)] + form, cookie: nec.cookie)
            #expect(reused.status == .conflict)
            #expect(reused.body.contains("codes are not given again"))
        }
    }
}
