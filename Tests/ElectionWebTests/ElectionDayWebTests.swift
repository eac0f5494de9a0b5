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

/// Election day over HTTP: a station official's phone page and the API, refusals that name the
/// field in the user's language, the commissions' dashboard and the NEC's publication of turnout,
/// with the portal's clock set to election day.
@Suite struct ElectionDayWebTests {
    static let password = "correct horse battery staple"

    /// A private database with the station official of a station of commune 010201, its commune
    /// official and the NEC, each with a password and a machine token; the portal's clock at `time`
    /// on election day.
    static func run(at time: String, _ body: @Sendable (any TestClientProtocol, StationCode, [String: String]) async throws -> Void) async throws {
        let store = try await TestDatabases.writableSQLite()
        let station = try #require(try await store.pollingStations(inCommune: "010201").max { $0.registeredVoters < $1.registeredVoters }).id
        var tokens: [String: String] = [:]
        for (name, role, unit) in [("psc.one", OfficialRole.stationOfficial, UnitCode.station(station)),
                                   ("cec.one", .communeOfficial, .commune(station.commune)), ("nec.one", .necAdministrator, .nation)] {
            let official = try await store.addOfficial(name: name, role: role, unitCode: unit, passwordHash: Passwords.hash(password, cost: 4))
            let token = Passwords.newToken()
            try await store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "test", expires: nil)
            tokens[name] = token
        }
        let instant = ElectionDaySchedule(try await store.election()).instant(ClockTime(time)!)
        let app = Application(router: try await PortalApplication.router(
            store: store, registrationChecks: nil, clock: PortalClock { instant }))
        let issued = tokens
        try await app.test(.router) { client in try await body(client, station, issued) }
        try await store.close()
    }

    static func signIn(_ client: any TestClientProtocol, _ name: String) async throws -> (cookie: String, csrf: String) {
        let reply = try await client.postForm("/km/signin", [("name", name), ("password", password)])
        let cookie = String(try #require(reply.headers[.setCookie]).split(separator: ";")[0])
        let desk = try await client.get("/km/desk", headers: [.cookie: cookie])
        let csrf = try #require(desk.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1
        return (cookie, String(csrf))
    }

    @Test func aStationOfficialReportsFromThePhonePageAndMistakesAreNamedInKhmer() async throws {
        try await Self.run(at: "09:20") { client, station, _ in
            let psc = try await Self.signIn(client, "psc.one")
            let home = try await client.get("/km/desk/election-day", headers: [.cookie: psc.cookie])
            #expect(home.status == .ok)
            #expect(home.body.contains(station.rawValue))
            #expect(home.body.contains("/km/desk/election-day/report?kind=opening"))
            let form = try await client.get("/km/desk/election-day/report?kind=opening", headers: [.cookie: psc.cookie])
            #expect(form.body.contains("data-observe-queue"), "the form goes through the phone's offline outbox")
            let id = try #require(form.body.firstMatch(of: /name="id" value="([0-9A-F-]{36})"/)).1

            // Turnout before the opening is refused, by the rule, in Khmer.
            let early = try await client.postForm("/km/desk/election-day/report", [
                ("csrf", psc.csrf), ("id", UUID().uuidString), ("kind", "turnout"), ("time", "09:00"), ("voted", "0")], cookie: psc.cookie)
            #expect(early.status == .conflict)
            #expect(early.body.contains("សូមរាយការណ៍ការបើកការិយាល័យជាមុនសិន"))

            let opening: [(String, String)] = [("csrf", psc.csrf), ("id", String(id)), ("kind", "opening"), ("time", "06:52"),
                                               ("staffPresent", "5"), ("materialsComplete", "yes"), ("note", "")]
            let missing = try await client.postForm("/km/desk/election-day/report", opening.filter { $0.0 != "staffPresent" }, cookie: psc.cookie)
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("សមាជិកគណៈកម្មការមានវត្តមាន"), "the field is named")
            #expect(missing.body.contains("value=\"\(id)\""), "the same id, so a resend is still one report")
            let sent = try await client.postForm("/km/desk/election-day/report", opening, cookie: psc.cookie)
            #expect(sent.status == .created)
            let again = try await client.postForm("/km/desk/election-day/report", opening, cookie: psc.cookie)
            #expect(again.status == .ok, "the outbox sending it again")
            let forged = try await client.postForm("/km/desk/election-day/report", opening.filter { $0.0 != "csrf" }, cookie: psc.cookie)
            #expect(forged.status == .forbidden)

            let turnout = try await client.postForm("/km/desk/election-day/report", [
                ("csrf", psc.csrf), ("id", UUID().uuidString), ("kind", "turnout"), ("time", "09:00"), ("voted", "1000000")], cookie: psc.cookie)
            #expect(turnout.status == .badRequest, "past any station's size: refused as a field")
            let now = try await client.get("/km/desk/election-day", headers: [.cookie: psc.cookie])
            #expect(now.body.contains("០៦:៥២"), "the opening, in Khmer digits")
            #expect(!now.body.contains("report?kind=opening"), "sent: no form any more")
        }
    }

    @Test func theAPITakesReportsOncePerSlotAndOnlyFromTheStationsOfficials() async throws {
        try await Self.run(at: "12:10") { client, station, tokens in
            let path = "/api/v1/election-day/stations/\(station)/reports"
            let opening = #"{"id":"0b6e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c01","kind":"opening","time":"06:58","staffPresent":5,"materialsComplete":true}"#
            #expect(try await client.postJSON(path, opening, bearer: tokens["cec.one"]!).status == .forbidden)
            #expect(try await client.postJSON(path, opening, bearer: tokens["psc.one"]!).status == .created)
            #expect(try await client.postJSON(path, opening, bearer: tokens["psc.one"]!).status == .ok)
            let changed = opening.replacingOccurrences(of: "\"staffPresent\":5", with: "\"staffPresent\":3")
            let conflict = try await client.postJSON(path, changed, bearer: tokens["psc.one"]!)
            #expect(conflict.status == .conflict)
            let otherID = changed.replacingOccurrences(of: "1c01", with: "1c02")
            let slot = try await client.postJSON(path, otherID, bearer: tokens["psc.one"]!)
            #expect(slot.status == .conflict)
            #expect(slot.body.contains("\"field\":\"time\""))
            let future = try await client.postJSON(
                path, #"{"id":"0b6e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c03","kind":"turnout","time":"15:00","voted":1}"#, bearer: tokens["psc.one"]!)
            #expect(future.status == .conflict)
            let wrongType = try await client.postJSON(
                path, #"{"id":"0b6e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c04","kind":"turnout","time":"12:00","voted":[1]}"#, bearer: tokens["psc.one"]!)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.body.contains("\"field\":\"voted\""))
            let noon = try await client.postJSON(
                path, #"{"id":"0b6e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c05","kind":"turnout","time":"12:00","voted":0}"#, bearer: tokens["psc.one"]!)
            #expect(noon.status == .created)

            let read = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(tokens["cec.one"]!)"]) { String(buffer: $0.body) }
            #expect(read.contains("0b6e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c05"))
            let overview = try await client.execute(
                uri: "/api/v1/election-day/overview?unit=\(station.commune)", method: .get,
                headers: [.authorization: "Bearer \(tokens["cec.one"]!)"]) { $0 }
            #expect(overview.status == .ok)
            let denied = try await client.execute(
                uri: "/api/v1/election-day/overview?unit=02", method: .get, headers: [.authorization: "Bearer \(tokens["cec.one"]!)"]) { $0.status }
            #expect(denied == .forbidden)

            // The NEC publishes 12:00; the public sees it with how many stations reported.
            #expect(try await client.postJSON("/api/v1/election-day/turnout-publications", #"{"time":"12:00"}"#, bearer: tokens["cec.one"]!).status == .forbidden)
            #expect(try await client.postJSON("/api/v1/election-day/turnout-publications", #"{"time":"15:00"}"#, bearer: tokens["nec.one"]!).status == .conflict)
            #expect(try await client.postJSON("/api/v1/election-day/turnout-publications", #"{"time":"12:00"}"#, bearer: tokens["nec.one"]!).status == .created)
            let page = try await client.get("/en/turnout")
            #expect(page.body.contains("Turnout at 12:00"))
            #expect(page.body.contains("at the 1 of 23,789 stations that reported"))
        }
    }

    @Test func theDashboardShowsPartialFiguresAsPartialAndRaisesAlerts() async throws {
        try await Self.run(at: "09:45") { client, station, tokens in
            let path = "/api/v1/election-day/stations/\(station)/reports"
            _ = try await client.postJSON(
                path, #"{"id":"1b6e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c01","kind":"opening","time":"07:40","staffPresent":4,"materialsComplete":false}"#,
                bearer: tokens["psc.one"]!)
            let cec = try await Self.signIn(client, "cec.one")
            let page = try await client.get("/en/desk/election-day", headers: [.cookie: cec.cookie])
            #expect(page.status == .ok)
            #expect(page.body.contains("Opened more than 30 minutes late"))
            #expect(page.body.contains("Open, but no turnout for 09:00"))
            #expect(page.body.contains("no station has reported yet"), "no 09:00 figure is made up")
            #expect(page.body.contains("/en/desk/election-day?unit=\(station)"), "drill-down to the station")
            let stationPage = try await client.get("/en/desk/election-day?unit=\(station)", headers: [.cookie: cec.cookie])
            #expect(stationPage.body.contains("opened at 07:40"))
            #expect(!stationPage.body.contains("report?kind="), "a commune official does not report for the station")
            let other = try await client.get("/en/desk/election-day?unit=02", headers: [.cookie: cec.cookie])
            #expect(other.status == .forbidden)
            let nec = try await Self.signIn(client, "nec.one")
            let nation = try await client.get("/en/desk/election-day", headers: [.cookie: nec.cookie])
            #expect(nation.body.contains("Publish turnout at 09:00"))
        }
    }

    @Test func policeAreForCommissionsAndAccessibilityForEveryone() async throws {
        try await Self.run(at: "08:00") { client, station, tokens in
            let set = try await client.sendJSON(.put, "/api/v1/election-day/stations/\(station)/police", #"{"officers": 6}"#, bearer: tokens["nec.one"]!)
            #expect(set.status == .ok)
            #expect(try await client.sendJSON(.put, "/api/v1/election-day/stations/\(station)/police", #"{"officers": 6}"#, bearer: tokens["cec.one"]!).status == .forbidden)
            let psc = try await Self.signIn(client, "psc.one")
            let desk = try await client.get("/km/desk/election-day", headers: [.cookie: psc.cookie])
            #expect(desk.body.contains("នគរបាលប្រចាំការនៅការិយាល័យ៖ ៦ នាក់"))
            let publicPage = try await client.get("/en/stations/\(station)")
            #expect(publicPage.status == .ok)
            #expect(!publicPage.body.contains("Police"), "the public does not see the police")
            #expect(publicPage.body.contains("Access for voters with disabilities"))
            #expect(publicPage.body.contains("Ramp to the voting room"))

            // The finder's filter keeps only stations recorded as meeting the need.
            let all = try await client.get("/api/v1/stations?name=school&limit=500")
            let stepFree = try await client.get("/api/v1/stations?name=school&limit=500&access=step-free")
            let total = Int(all.headers[HTTPField.Name("X-Total-Count")!] ?? "") ?? 0
            let filtered = Int(stepFree.headers[HTTPField.Name("X-Total-Count")!] ?? "") ?? 0
            #expect(total > 0 && filtered > 0 && filtered < total)
            let found = try #require(try JSONSerialization.jsonObject(with: Data(stepFree.body.utf8)) as? [[String: Any]])
            for station in found {
                let access = station["accessibility"] as? [String: Bool] ?? [:]
                #expect(access["ramp"] == true || access["groundFloor"] == true)
            }
            let refused = try await client.get("/km/stations/search?q=school&access=stairs")
            #expect(refused.status == .badRequest)
            let page = try await client.get("/en/stations/search?q=school&access=assistance")
            #expect(page.body.contains("<option value=\"assistance\" selected>"))
        }
    }

    @Test func theLibraryShowsTheVersionInForceItsHistoryAndEarlierVersions() async throws {
        try await Self.run(at: "08:00") { client, _, _ in
            let list = try await client.get("/km/library")
            #expect(list.status == .ok)
            #expect(list.body.contains("/km/library/polling-station-manual"))
            #expect(list.body.contains("/km/accreditation/codes/"), "the codes of conduct are listed with the library")
            let manual = try await client.get("/en/library/polling-station-manual")
            #expect(manual.body.contains("Voters in line at 15:00 may still vote"))
            #expect(manual.body.contains("2 of 2"))
            let first = try await client.get("/en/library/polling-station-manual?version=1")
            #expect(!first.body.contains("Voters in line at 15:00 may still vote"))
            #expect(first.body.contains("id=\"older-version\""))
            #expect(try await client.get("/en/library/polling-station-manual?version=9").status == .badRequest)
            #expect(try await client.get("/en/library/no-such-document").status == .notFound)
            let khmer = try await client.get("/km/library/polling-station-manual")
            #expect(khmer.body.contains("អ្នកដែលនៅតម្រង់ជួរនៅម៉ោង ១៥:០០"))

            // The NEC publishes at the desk; a refused field is named, and nothing changes.
            let nec = try await Self.signIn(client, "nec.one")
            let fields: [(String, String)] = [("csrf", nec.csrf), ("id", "desk-notice"), ("kind", "notice"), ("titleEnglish", "Desk notice"),
                                              ("titleKhmer", "សេចក្តីជូនដំណឹង"), ("textEnglish", "Line one.\n\nLine two."), ("textKhmer", "បន្ទាត់មួយ។"),
                                              ("dated", "2023-07-12"), ("note", "")]
            let bad = try await client.postForm("/km/desk/library", fields.map { $0.0 == "dated" ? ($0.0, "12 July") : $0 }, cookie: nec.cookie)
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("កាលបរិច្ឆេទនៃអត្ថបទ"))
            #expect(try await client.get("/en/library/desk-notice").status == .notFound)
            let sent = try await client.postForm("/km/desk/library", fields, cookie: nec.cookie)
            #expect(sent.status == .seeOther)
            let page = try await client.get("/en/library/desk-notice")
            #expect(page.body.contains("<p>Line one.</p><p>Line two.</p>"))
            let again = try await client.postForm("/km/desk/library", fields, cookie: nec.cookie)
            #expect(again.status == .conflict, "a version that changes nothing")
            let psc = try await Self.signIn(client, "psc.one")
            #expect(try await client.get("/km/desk/library", headers: [.cookie: psc.cookie]).status == .forbidden)
        }
    }
}
