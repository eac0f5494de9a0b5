import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Observers' checklists over the API, and the mission's report page.
@Suite struct ObservationWebTests {
    struct Fixture {
        let store: SQLElectionStore
        let token: String
        let station: String
        let outsider: String
    }

    /// A private database with a token for the demo mission's member in seat 2, a station of its
    /// deployment, and a token for a member of another mission.
    static func fixture() async throws -> Fixture {
        let store = try await TestDatabases.writableSQLite()
        let token = Passwords.newToken()
        try await store.addObserverToken(digest: Passwords.digest(token), missionID: DemoMission.id, seat: 2)
        try await store.addMission(
            ObserverMission(id: "other", organisation: "Other", nameEnglish: "Other", nameKhmer: "ផ្សេង", kind: "domestic",
                            invitationDate: nil, invitedBy: [], workingGroup: []),
            members: [MissionMember(missionID: "other", seat: 1, name: "Observer", body: "NGO", title: "Observer", isHead: true, accreditation: .accredited)])
        let outsider = Passwords.newToken()
        try await store.addObserverToken(digest: Passwords.digest(outsider), missionID: "other", seat: 1)
        let station = try #require(try await store.deployment(ofMission: DemoMission.id).keys.sorted().first)
        return Fixture(store: store, token: token, station: station.rawValue, outsider: outsider)
    }

    static func run(_ fixture: Fixture, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try await PortalApplication.router(store: fixture.store, registrationChecks: nil))
        try await app.test(.router, body)
        try await fixture.store.close()
    }

    /// A voting checklist as JSON, with `replacing` fields (raw JSON values) and answers changed.
    static func body(id: String, station: String, replacing: [String: String] = [:], answers: [String: String] = [:]) -> String {
        var fields = [
            "id": "\"\(id)\"", "station": "\"\(station)\"", "form": "\"voting\"", "formVersion": "1",
            "observedOn": "\"2023-07-23\"", "observedAt": "\"09:40\"",
        ]
        for (k, v) in replacing { fields[k] = v }
        var given = [
            "voters-checked": "\"yes\"", "ink-applied": "\"yes\"", "ink-checked": "\"yes\"", "secrecy": "\"yes\"", "accessible": "\"yes\"",
            "assistance-proper": "\"yes\"", "queue": "12", "turned-away": "\"no\"", "unauthorised-present": "\"no\"",
            "observers-free": "\"yes\"", "overall": "\"good\"", "present": "[\"party-agents\", \"media\"]",
        ]
        for (k, v) in answers { given[k] = v }
        let answerText = given.filter { !$0.value.isEmpty }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        return "{" + fields.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + ", \"answers\": {\(answerText)}}"
    }

    @Test func aChecklistIsStoredOnceAndARetryGetsTheSameAnswer() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let url = "/api/v1/missions/\(DemoMission.id)/checklists"
            let id = UUID().uuidString
            let first = try await client.postJSON(url, Self.body(id: id, station: fixture.station), bearer: fixture.token)
            #expect(first.status == .created, "\(first.body)")
            #expect(first.body.contains("\"outcome\":\"stored\""))
            let retry = try await client.postJSON(url, Self.body(id: id, station: fixture.station), bearer: fixture.token)
            #expect(retry.status == .ok)
            #expect(retry.body.contains("\"outcome\":\"repeated\""))
            let changed = try await client.postJSON(url, Self.body(id: id, station: fixture.station, answers: ["queue": "40"]), bearer: fixture.token)
            #expect(changed.status == .conflict)
            let stored = try await fixture.store.submissions(ofMission: DemoMission.id).filter { $0.id == id }
            #expect(stored.count == 1)
            #expect(stored.first?.answers["queue"] == ["12"])
            #expect(stored.first?.observer == 2)
        }
    }

    @Test func badChecklistsAreRefusedNamingTheFieldAndNothingIsStored() async throws {
        let fixture = try await Self.fixture()
        let outsideDeployment = try #require(try await fixture.store.pollingStations(inProvince: "17").first?.id.rawValue)
        try await Self.run(fixture) { client in
            let url = "/api/v1/missions/\(DemoMission.id)/checklists"
            let before = try await fixture.store.submissions(ofMission: DemoMission.id).count
            func refused(_ body: String, bearer: String? = nil) async throws -> Reply {
                try await client.postJSON(url, body, bearer: bearer ?? fixture.token)
            }
            let cases: [(String, HTTPResponse.Status, String)] = [
                (Self.body(id: "not-a-uuid", station: fixture.station), .badRequest, "\"field\":\"id\""),
                (Self.body(id: UUID().uuidString, station: outsideDeployment), .badRequest, "\"field\":\"station\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, replacing: ["form": "\"banking\""]), .badRequest, "\"field\":\"form\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, replacing: ["observedOn": "\"2023-07-24\""]), .badRequest, "\"field\":\"observedOn\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, replacing: ["observedAt": "\"25:10\""]), .badRequest, "\"field\":\"observedAt\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, answers: ["colour": "\"red\""]), .badRequest, "\"field\":\"answers.colour\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, answers: ["queue": "\"many\""]), .badRequest, "\"field\":\"answers.queue\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, answers: ["secrecy": ""]), .badRequest, "\"field\":\"answers.secrecy\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, answers: ["turned-away-why": "\"other\""]), .badRequest, "\"field\":\"answers.turned-away-why\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, answers: ["queue": "1.5"]), .badRequest, "\"field\":\"answers.queue\""),
                (Self.body(id: UUID().uuidString, station: fixture.station, answers: ["queue": "{}"]), .badRequest, "\"field\":\"answers.queue\""),
            ]
            for (body, status, field) in cases {
                let reply = try await refused(body)
                #expect(reply.status == status, "\(body)")
                #expect(reply.body.contains(field), "\(reply.body)")
                // The message names the answer in words and says what the checklist wants, not a result form's count.
                #expect(!reply.body.contains("field.") && !reply.body.contains("1,000,000"), "\(reply.body)")
            }
            let stranger = try await refused(Self.body(id: UUID().uuidString, station: fixture.station), bearer: fixture.outsider)
            #expect(stranger.status == .forbidden)
            let anonymous = try await client.postJSON(url, Self.body(id: UUID().uuidString, station: fixture.station))
            #expect(anonymous.status == .unauthorized)
            #expect(try await fixture.store.submissions(ofMission: DemoMission.id).count == before)
        }
    }

    @Test func complaintsAreCountedNotTypedAndRejectedOnesLeftOut() async throws {
        let fixture = try await Self.fixture()
        let headToken = Passwords.newToken()
        try await fixture.store.addObserverToken(digest: Passwords.digest(headToken), missionID: DemoMission.id, seat: 1)
        try await Self.run(fixture) { client in
            let url = "/api/v1/missions/\(DemoMission.id)/incidents"
            func complaint(_ description: String) -> String {
                """
                {"kind": "complaint", "category": "intimidation", "severity": "medium", "station": "\(fixture.station)",
                 "day": "2023-07-23", "time": "10:15", "description": "\(description)"}
                """
            }
            let first = try await client.postJSON(url, complaint("A party agent was asked to leave."), bearer: fixture.token)
            #expect(first.status == .created)
            let second = try await client.postJSON(url, complaint("Voters were told how to vote."), bearer: fixture.token)
            #expect(second.status == .created)
            let bad = try await client.postJSON(url, complaint("x").replacingOccurrences(of: "intimidation", with: "rumour"), bearer: fixture.token)
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("\"field\":\"category\""))
            #expect(try await client.get("/en/missions/\(DemoMission.id)").body.contains("The mission received 2 complaints."))
            let id = try #require(try await fixture.store.incidents(ofMission: DemoMission.id).first?.id)
            let byMember = try await client.postJSON("\(url)/\(id)/status", "{\"status\": \"rejected\"}", bearer: fixture.token)
            #expect(byMember.status == .forbidden)
            let byHead = try await client.postJSON("\(url)/\(id)/status", "{\"status\": \"rejected\"}", bearer: headToken)
            #expect(byHead.status == .ok)
            #expect(try await client.get("/en/missions/\(DemoMission.id)").body.contains("The mission received one complaint."))
            #expect(try await client.get(url).body.components(separatedBy: "\"kind\":\"complaint\"").count - 1 == 1)
            #expect(try await client.get(url + "?rejected=include").body.components(separatedBy: "\"kind\":\"complaint\"").count - 1 == 2)
        }
    }

    /// An incident reported from the phone: stored, or refused on the field with what was typed
    /// kept; sent again by the phone's outbox, stored once; listed with its state on the phone.
    @Test func anObserverReportsAnIncidentFromThePhone() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let signedIn = try await client.postForm("/en/observe", [("code", fixture.token)])
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let form = try await client.get("/en/observe/incident", headers: [.cookie: cookie])
            #expect(form.status == .ok)
            #expect(form.body.contains("<option value=\"\(fixture.station)\""))
            let csrf = String(try #require(form.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            let id = String(try #require(form.body.firstMatch(of: /name="id" value="([0-9A-F-]{36})"/)).1)
            #expect(form.body.contains("data-observe-queue"), "the outbox script keeps the report when the network is down")
            let before = try await fixture.store.incidents(ofMission: DemoMission.id).count
            var fields = [("csrf", csrf), ("id", id), ("kind", "incident"), ("category", "intimidation"), ("severity", "high"),
                          ("station", ""), ("place", ""), ("day", "2023-07-23"), ("time", "09:40"), ("description", "Men photographing voters at the gate")]
            // No station and no place: refused on the place, nothing stored, the description kept.
            let refused = try await client.postForm("/en/observe/incident", fields, cookie: cookie)
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("id=\"incident-error\"") && refused.body.contains("data-field=\"place\""))
            #expect(refused.body.contains("Men photographing voters at the gate"))
            #expect(try await fixture.store.incidents(ofMission: DemoMission.id).count == before)
            fields = fields.map { $0.0 == "station" ? ("station", fixture.station) : $0 }
            let stored = try await client.postForm("/en/observe/incident", fields, cookie: cookie)
            #expect(stored.status == .created)
            let incidents = try await fixture.store.incidents(ofMission: DemoMission.id)
            #expect(incidents.count == before + 1)
            #expect(incidents.contains { $0.stationCode?.rawValue == fixture.station && $0.category == .intimidation && $0.severity == .high })
            // The outbox sends it again (the answer was lost): stored once, and said so.
            let again = try await client.postForm("/en/observe/incident", fields, cookie: cookie)
            #expect(again.status == .ok)
            #expect(again.body.contains("This had already arrived; nothing was changed."))
            #expect(try await fixture.store.incidents(ofMission: DemoMission.id).count == before + 1)
            // The same id with something else: refused, nothing changed.
            let other = try await client.postForm(
                "/en/observe/incident", fields.map { $0.0 == "severity" ? ("severity", "low") : $0 }, cookie: cookie)
            #expect(other.status == .conflict)
            #expect(other.body.contains("data-field=\"id\""))
            #expect(try await fixture.store.incidents(ofMission: DemoMission.id).filter { $0.submissionID == id }.map(\.severity) == [.high])
            // The observer's page lists it with what the mission made of it; the public list does not say who reported it.
            let home = try await client.get("/en/observe", headers: [.cookie: cookie])
            #expect(home.body.contains("Intimidation") && home.body.contains("<span class=\"detail\">reported</span>"))
            let published = try await client.get("/api/v1/missions/\(DemoMission.id)/incidents")
            #expect(published.body.contains("Men photographing voters") && !published.body.contains(id) && !published.body.contains("reportedBy"))
            let forged = try await client.postForm("/en/observe/incident", fields.map { $0.0 == "csrf" ? ("csrf", "x") : $0 }, cookie: cookie)
            #expect(forged.status == .forbidden)
        }
    }

    /// A member whose accreditation the NEC refused or revoked may not record what they observe
    /// at stations (checklists, visits, incidents, quick-count counts), and nothing is stored; the
    /// same mission's accredited head still may.
    @Test func aMemberWhoseAccreditationIsRefusedMayNotObserve() async throws {
        let fixture = try await Self.fixture()
        let mission: MissionID = "refused-watch"
        try await fixture.store.addMission(
            ObserverMission(id: mission, organisation: "Watch", nameEnglish: "Watch", nameKhmer: "ឃ្លាំមើល", kind: "domestic",
                            invitationDate: nil, invitedBy: [], workingGroup: []),
            members: [
                MissionMember(missionID: mission, seat: 1, name: "Head", body: "NGO", title: "Head", isHead: true, accreditation: .accredited),
                MissionMember(missionID: mission, seat: 2, name: "Refused", body: "NGO", title: "Observer", isHead: false, accreditation: .refused),
                MissionMember(missionID: mission, seat: 3, name: "Revoked", body: "NGO", title: "Observer", isHead: false, accreditation: .revoked),
            ])
        let tokens = Dictionary(uniqueKeysWithValues: [1, 2, 3].map { ($0, Passwords.newToken()) })
        for (seat, token) in tokens {
            try await fixture.store.addObserverToken(digest: Passwords.digest(token), missionID: mission, seat: seat)
        }
        try await Self.run(fixture) { client in
            for seat in [2, 3] {
                let checklist = try await client.postJSON(
                    "/api/v1/missions/\(mission)/checklists", Self.body(id: UUID().uuidString, station: fixture.station), bearer: tokens[seat]!)
                #expect(checklist.status == .forbidden, "\(checklist.body)")
                let visit = try await client.postJSON(
                    "/api/v1/missions/\(mission)/visits", "{\"station\": \"\(fixture.station)\", \"arrival\": \"09:00\", \"departure\": \"09:30\", \"phase\": \"voting\"}",
                    bearer: tokens[seat]!)
                #expect(visit.status == .forbidden)
                let count = try await client.postJSON("/api/v1/missions/\(mission)/quick-count/counts", "{}", bearer: tokens[seat]!)
                #expect(count.status == .forbidden)
            }
            // The head is accredited: refused for the station (not deployed), not for who they are.
            let head = try await client.postJSON(
                "/api/v1/missions/\(mission)/visits", "{\"station\": \"\(fixture.station)\", \"arrival\": \"09:00\", \"departure\": \"09:30\", \"phase\": \"voting\"}",
                bearer: tokens[1]!)
            #expect(head.status == .badRequest)
            #expect(try await fixture.store.submissions(ofMission: mission).isEmpty)
            #expect(try await fixture.store.visits(ofMission: mission).isEmpty)
        }
    }

    /// A team's visit recorded from the phone: at a deployed station, departure after arrival.
    @Test func anObserverRecordsAVisitFromThePhone() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let signedIn = try await client.postForm("/en/observe", [("code", fixture.token)])
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let form = try await client.get("/en/observe/visit", headers: [.cookie: cookie])
            #expect(form.status == .ok)
            let csrf = String(try #require(form.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            let id = String(try #require(form.body.firstMatch(of: /name="id" value="([0-9A-F-]{36})"/)).1)
            let before = try await fixture.store.visits(ofMission: DemoMission.id).count
            let backwards = try await client.postForm("/en/observe/visit", [
                ("csrf", csrf), ("id", id), ("station", fixture.station), ("phase", "voting"), ("arrival", "10:30"), ("departure", "09:50"),
            ], cookie: cookie)
            #expect(backwards.status == .badRequest)
            #expect(backwards.body.contains("data-field=\"departure\"") && backwards.body.contains("value=\"10:30\""))
            let fields = [("csrf", csrf), ("id", id), ("station", fixture.station), ("phase", "voting"), ("arrival", "09:50"), ("departure", "10:30")]
            let stored = try await client.postForm("/en/observe/visit", fields, cookie: cookie)
            #expect(stored.status == .created)
            #expect(try await fixture.store.visits(ofMission: DemoMission.id).count == before + 1)
            let again = try await client.postForm("/en/observe/visit", fields, cookie: cookie)
            #expect(again.status == .ok)
            let later = try await client.postForm("/en/observe/visit", fields.map { $0.0 == "departure" ? ("departure", "11:00") : $0 }, cookie: cookie)
            #expect(later.status == .conflict)
            #expect(try await fixture.store.visits(ofMission: DemoMission.id).count == before + 1)
            let home = try await client.get("/en/observe", headers: [.cookie: cookie])
            #expect(home.body.contains("09:50–10:30 · visit · \(fixture.station)"))
        }
    }

    /// A media monitor records coverage on the phone: refused by field with what was typed kept,
    /// stored once however often the phone sends it, listed among what they sent, and counted in the report.
    @Test func aMonitorRecordsCoverageFromThePhone() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let signedIn = try await client.postForm("/en/observe", [("code", fixture.token)])
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            #expect(try await client.get("/en/observe", headers: [.cookie: cookie]).body.contains("href=\"/en/observe/coverage\""))
            let form = try await client.get("/km/observe/coverage", headers: [.cookie: cookie])
            #expect(form.status == .ok && form.body.contains("គណបក្សប្រជាជនកម្ពុជា"))
            let csrf = String(try #require(form.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            let id = String(try #require(form.body.firstMatch(of: /name="id" value="([0-9A-F-]{36})"/)).1)
            let fields = [("csrf", csrf), ("id", id), ("outlet", "Bayon TV"), ("day", "2023-07-12"), ("party", "1"), ("seconds", "150"),
                          ("columnSpace", ""), ("tone", "positive")]
            let nothing = try await client.postForm("/en/observe/coverage", fields.map { $0.0 == "seconds" ? ("seconds", "") : $0 }, cookie: cookie)
            #expect(nothing.status == .badRequest)
            #expect(nothing.body.contains("data-field=\"seconds\"") && nothing.body.contains("value=\"Bayon TV\""))
            let stored = try await client.postForm("/en/observe/coverage", fields, cookie: cookie)
            #expect(stored.status == .created)
            #expect(try await client.postForm("/en/observe/coverage", fields, cookie: cookie).status == .ok, "a retry is stored once")
            let changed = try await client.postForm("/en/observe/coverage", fields.map { $0.0 == "seconds" ? ("seconds", "151") : $0 }, cookie: cookie)
            #expect(changed.status == .conflict)
            let recorded = try await fixture.store.coverage(ofMission: DemoMission.id)
            #expect(recorded.count == 1 && recorded[0].seconds == 150 && recorded[0].recordedBy == 2)
            let home = try await client.get("/en/observe", headers: [.cookie: cookie])
            #expect(home.body.contains("12 July 2023 · Bayon TV · Cambodian People&#39;s Party <span class=\"detail\">Positive</span>"))
            // The next record offers the outlet already recorded.
            #expect(try await client.get("/en/observe/coverage", headers: [.cookie: cookie]).body.contains("<option value=\"Bayon TV\">"))
            #expect(try await client.get("/en/missions/\(DemoMission.id)").body.contains("<tr><td>Bayon TV</td><td>Cambodian People&#39;s Party</td><td>2.5</td>"))
            // The API does not publish who recorded it.
            #expect(!(try await client.get("/api/v1/missions/\(DemoMission.id)/coverage").body.contains("recordedBy")))
        }
    }

    /// The code on an observer's badge is short, and is taken however it is typed.
    @Test func anObserverSignsInWithTheShortCodeFromTheirBadge() async throws {
        let fixture = try await Self.fixture()
        let code = Passwords.newObserverCode()
        #expect(code.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil)
        try await fixture.store.addObserverToken(digest: Passwords.digest(Passwords.observerCode(code)), missionID: DemoMission.id, seat: 2)
        // Typed in small letters with spaces, and an O for a zero where the code has one.
        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "0", with: "o")
        #expect(Passwords.observerCode(typed) == code.replacingOccurrences(of: "-", with: ""))
        try await Self.run(fixture) { client in
            #expect(try await client.postForm("/en/observe", [("code", typed)]).status == .seeOther)
            var wrong = Array(code)
            wrong[0] = wrong[0] == "7" ? "8" : "7"
            #expect(try await client.postForm("/en/observe", [("code", String(wrong))]).status == .unauthorized)
            // The API takes the same code as its bearer token: a visit recorded with it (a write only an observer may make).
            let visit = "{\"station\": \"\(fixture.station)\", \"arrival\": \"09:00\", \"departure\": \"09:30\", \"phase\": \"voting\"}"
            let recorded = try await client.postJSON("/api/v1/missions/\(DemoMission.id)/visits", visit, bearer: code)
            #expect(recorded.status == .created)
            let refused = try await client.postJSON("/api/v1/missions/\(DemoMission.id)/visits", visit, bearer: String(wrong))
            #expect(refused.status == .unauthorized)
        }
    }

    @Test func anObserverFillsInAChecklistOnThePhoneWithoutJavaScript() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let wrong = try await client.postForm("/en/observe", [("code", String(repeating: "0", count: 64))])
            #expect(wrong.status == .unauthorized)
            let signedIn = try await client.postForm("/en/observe", [("code", fixture.token)])
            #expect(signedIn.status == .seeOther)
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let home = try await client.get("/en/observe", headers: [.cookie: cookie])
            #expect(home.body.contains("value=\"\(fixture.station)\""))
            let page = try await client.get("/en/observe/checklist?station=\(fixture.station)&form=voting", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            let id = String(try #require(page.body.firstMatch(of: /name="id" value="([0-9A-F-]{36})"/)).1)
            let csrf = String(try #require(page.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            var fields: [(String, String)] = [
                ("csrf", csrf), ("id", id), ("station", fixture.station), ("form", "voting"), ("formVersion", "1"),
                ("observedOn", "2023-07-23"), ("observedAt", "10:05"),
            ]
            for q in ["voters-checked", "ink-applied", "ink-checked", "accessible", "assistance-proper", "observers-free"] {
                fields.append(("answers.\(q)", "yes"))
            }
            fields += [("answers.queue", "8"), ("answers.turned-away", "no"), ("answers.unauthorised-present", "no"),
                       ("answers.overall", "good"), ("answers.present", "party-agents"), ("answers.present", "media")]
            // Secrecy left unanswered: refused on that question, and what was typed comes back.
            let missing = try await client.postForm("/en/observe/checklist", fields, cookie: cookie)
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("id=\"q-secrecy\" aria-invalid=\"true\""))
            #expect(missing.body.contains("value=\"8\""))
            #expect(missing.body.contains("value=\"\(id)\""))
            fields.append(("answers.secrecy", "yes"))
            let stored = try await client.postForm("/en/observe/checklist", fields, cookie: cookie)
            #expect(stored.status == .created)
            let again = try await client.postForm("/en/observe/checklist", fields, cookie: cookie)
            #expect(again.status == .ok)
            #expect(again.body.contains("had already arrived"))
            let saved = try #require(try await fixture.store.submissions(ofMission: DemoMission.id).first { $0.id == id })
            #expect(saved.answers["present"] == ["party-agents", "media"])
            let forged = try await client.postForm("/en/observe/checklist", fields.map { $0.0 == "csrf" ? ("csrf", "x") : $0 }, cookie: cookie)
            #expect(forged.status == .forbidden)
            // The observer's page lists what they sent, once, as stored.
            let sent = try await client.get("/en/observe", headers: [.cookie: cookie]).body
            let list = try #require(sent.firstMatch(of: /<ul id="observe-sent">(.*?)<\/ul>/.dotMatchesNewlines())).1
            #expect(list.components(separatedBy: "<li>").count - 1 == (try await fixture.store.submissions(ofMission: DemoMission.id)).filter { $0.observer == 2 }.count)
            #expect(list.contains("\(fixture.station)") && list.contains("stored"))
        }
    }

    @Test func visitsAreRecordedOnlyAtDeployedStationsWithSensibleTimes() async throws {
        let fixture = try await Self.fixture()
        let outside = try #require(try await fixture.store.pollingStations(inProvince: "17").first?.id.rawValue)
        try await Self.run(fixture) { client in
            let url = "/api/v1/missions/\(DemoMission.id)/visits"
            func visit(_ station: String, _ arrival: String, _ departure: String, _ phase: String) -> String {
                "{\"station\": \"\(station)\", \"arrival\": \"\(arrival)\", \"departure\": \"\(departure)\", \"phase\": \"\(phase)\"}"
            }
            let before = try await fixture.store.visits(ofMission: DemoMission.id).count
            for (body, field) in [
                (visit(outside, "09:00", "09:30", "voting"), "station"), (visit(fixture.station, "9h", "09:30", "voting"), "arrival"),
                (visit(fixture.station, "09:00", "08:30", "voting"), "departure"), (visit(fixture.station, "09:00", "09:30", "lunch"), "phase"),
            ] {
                let reply = try await client.postJSON(url, body, bearer: fixture.token)
                #expect(reply.status == .badRequest)
                #expect(reply.body.contains("\"field\":\"\(field)\""), "\(reply.body)")
            }
            #expect(try await fixture.store.visits(ofMission: DemoMission.id).count == before)
            let ok = try await client.postJSON(url, visit(fixture.station, "09:00", "09:30", "voting"), bearer: fixture.token)
            #expect(ok.status == .created)
            #expect(try await fixture.store.visits(ofMission: DemoMission.id).count == before + 1)
            // A device's identifier makes a retry harmless, and is checked.
            let id = UUID().uuidString
            let identified = visit(fixture.station, "11:00", "11:20", "voting").replacingOccurrences(of: "{", with: "{\"id\": \"\(id)\", ")
            #expect(try await client.postJSON(url, identified, bearer: fixture.token).status == .created)
            #expect(try await client.postJSON(url, identified, bearer: fixture.token).status == .ok)
            let conflicting = try await client.postJSON(url, identified.replacingOccurrences(of: "11:20", with: "11:40"), bearer: fixture.token)
            #expect(conflicting.status == .conflict)
            let malformed = try await client.postJSON(url, identified.replacingOccurrences(of: id, with: "retry-1"), bearer: fixture.token)
            #expect(malformed.status == .badRequest && malformed.body.contains("\"field\":\"id\""))
            #expect(try await fixture.store.visits(ofMission: DemoMission.id).count == before + 2)
        }
    }

    @Test func theMissionLogsActivitiesAndOnlyItsHeadWritesTheConclusions() async throws {
        let fixture = try await Self.fixture()
        let headToken = Passwords.newToken()
        try await fixture.store.addObserverToken(digest: Passwords.digest(headToken), missionID: DemoMission.id, seat: 1)
        try await Self.run(fixture) { client in
            let base = "/api/v1/missions/\(DemoMission.id)"
            let meeting = try await client.postJSON(
                base + "/activities", "{\"kind\": \"meeting\", \"day\": \"2023-07-22\", \"with\": \"Ministry of Interior\", \"notes\": \"Security.\"}",
                bearer: fixture.token)
            #expect(meeting.status == .created)
            let badKind = try await client.postJSON(base + "/activities", "{\"kind\": \"dinner\", \"day\": \"2023-07-22\", \"with\": \"x\"}", bearer: fixture.token)
            #expect(badKind.body.contains("\"field\":\"kind\""))
            let statement = """
                {"assessmentEnglish": "Calm.", "assessmentKhmer": "ស្ងប់ស្ងាត់។", "conclusionsEnglish": "Well run.", "conclusionsKhmer": ""}
                """
            #expect(try await client.postJSON(base + "/statement", statement, bearer: fixture.token).status == .forbidden)
            let missing = try await client.postJSON(base + "/statement", statement, bearer: headToken)
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("\"field\":\"conclusionsKhmer\""))
            let set = try await client.postJSON(base + "/statement", statement.replacingOccurrences(of: "\"\"}", with: "\"គ្រប់គ្រងបានល្អ។\"}"), bearer: headToken)
            #expect(set.status == .ok)
            let page = try await client.get("/en/missions/\(DemoMission.id)")
            #expect(page.body.contains("Well run."))
            #expect(page.body.contains("Ministry of Interior"))
            #expect(page.body.contains("held 6 meetings"))
        }
    }

    @Test func theReportPageComputesItsFigures() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let english = try await client.get("/en/missions/\(DemoMission.id)")
            #expect(english.status == .ok)
            #expect(english.body.contains("The mission visited \(DemoMission.visits) polling stations in Kandal and Phnom Penh"))
            #expect(english.body.contains("The mission received no complaints."))
            #expect(english.body.contains("1,235"))
            #expect(english.body.contains("<td>Amara Wijesinghe</td>"))
            #expect(english.body.contains("Team A (Amara Wijesinghe, Farid Rahman) in Phnom Penh"))
            #expect(english.body.contains("<li>20 July 2023 · Meeting · National Election Committee"))
            let khmer = try await client.get("/km/missions/\(DemoMission.id)")
            #expect(khmer.status == .ok)
            #expect(khmer.body.contains("បេសកកម្មមិនបានទទួលពាក្យបណ្តឹងណាមួយទេ។"))
            // The mission's own texts in Khmer where it gave them; the provinces' Khmer names; Khmer dates and digits.
            #expect(khmer.body.contains("<li>២០ កក្កដា ២០២៣ · ") && khmer.body.contains("គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត"))
            #expect(khmer.body.contains("<td>ទីប្រឹក្សាច្បាប់</td>") && !khmer.body.contains("Legal Adviser"))
            #expect(khmer.body.contains("ភ្នំពេញ") && !khmer.body.contains("Phnom Penh") && !khmer.body.contains("07:00"))
            #expect(try await client.get("/en/missions/nobody").status == .notFound)
            let findings = try await client.get("/api/v1/missions/\(DemoMission.id)/findings")
            #expect(findings.body.contains("\"stationsVisited\":\(DemoMission.visits)"))
        }
    }

    /// Media monitors' records, refused by field when wrong, added up by party in the report.
    @Test func mediaMonitoringIsRecordedAndSummedInTheReport() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let url = "/api/v1/missions/\(DemoMission.id)/coverage"
            func item(_ outlet: String, _ party: Int, seconds: Int = 0, space: Int = 0, tone: String) -> String {
                "{\"outlet\": \"\(outlet)\", \"day\": \"2023-07-10\", \"party\": \(party), \"seconds\": \(seconds), \"columnSpace\": \(space), \"tone\": \"\(tone)\"}"
            }
            for (body, field) in [(item("TVK", 1, tone: "neutral"), "seconds"), (item("TVK", 99, seconds: 60, tone: "neutral"), "party"),
                                  (item("", 1, seconds: 60, tone: "neutral"), "outlet"), (item("TVK", 1, seconds: 60, tone: "angry"), "tone")] {
                let refused = try await client.postJSON(url, body, bearer: fixture.token)
                #expect(refused.status == .badRequest && refused.body.contains("\"field\":\"\(field)\""), "\(body)")
            }
            #expect(try await client.postJSON(url, item("TVK", 1, seconds: 90, tone: "neutral"), bearer: fixture.token).status == .created)
            #expect(try await client.postJSON(url, item("National Radio", 1, seconds: 30, tone: "positive"), bearer: fixture.token).status == .created)
            #expect(try await client.postJSON(url, item("Angkor Daily", 2, space: 240, tone: "negative"), bearer: fixture.token).status == .created)
            let report = try await client.get("/en/missions/\(DemoMission.id)").body
            #expect(report.contains("The mission&#39;s monitors recorded 3 items of coverage from 3 outlets."))
            // CPP: 120 seconds = 2.0 minutes, one positive and one neutral item.
            let cpp = try #require(report.firstMatch(of: /<tr><td>Cambodian People&#39;s Party<\/td>(.*?)<\/tr>/)).1
            #expect(cpp == "<td>2.0</td><td>0</td><td>1</td><td>1</td><td>0</td>")
            // By outlet: outlets in name order, each with its own figures.
            let outlets = report.matches(of: /<tr><td>([A-Za-z ]+)<\/td><td>[^<0-9][^<]*<\/td><td>([0-9.]+)<\/td>/).map { "\($0.1) \($0.2)" }
            #expect(outlets == ["Angkor Daily 0.0", "National Radio 0.5", "TVK 1.5"])
            #expect(try await client.get(url).body.contains("Angkor Daily"))
        }
    }

    /// The head says which NEC badge each member holds; the member then stands where the NEC decided.
    @Test func theHeadLinksMembersToTheirBadges() async throws {
        let fixture = try await Self.fixture()
        let headToken = Passwords.newToken()
        try await fixture.store.addObserverToken(digest: Passwords.digest(headToken), missionID: DemoMission.id, seat: 1)
        let members = try await fixture.store.members(ofMission: DemoMission.id)
        #expect(members.allSatisfy { $0.badge != nil && $0.accreditation == .accredited }, "the scenario links the demo mission's members")
        let badge = try #require(members[1].badge)
        let nec = Official(id: 1, name: "NEC", role: .necAdministrator, unitCode: .nation)
        _ = try await fixture.store.revokeAccreditation(badge, reason: "left the country", by: nec, at: Date())
        let national = try #require(try await fixture.store.accreditationApplications(
            organisation: "obs-001", status: .accepted, after: 0, limit: 1).first)
        try await Self.run(fixture) { client in
            let url = "/api/v1/missions/\(DemoMission.id)/members/2/badge"
            #expect(try await client.get("/en/missions/\(DemoMission.id)").body.contains(
                "<td>revoked · \(AccreditationApplication.badgeNumber(badge))</td>"))
            #expect(try await client.sendJSON(.put, url, "{\"badge\": null}", bearer: fixture.token).status == .forbidden, "only the head")
            let malformed = try await client.sendJSON(.put, url, "{\"badge\": \"123\"}", bearer: headToken)
            #expect(malformed.status == .badRequest && malformed.body.contains("\"field\":\"badge\""))
            let foreign = try await client.sendJSON(.put, url, "{\"badge\": \"\(national.badgeNumber)\"}", bearer: headToken)
            #expect(foreign.status == .forbidden && foreign.body.contains("\"field\":\"badge\""))
            let taken = try await client.sendJSON(
                .put, url, "{\"badge\": \"\(AccreditationApplication.badgeNumber(try #require(members[0].badge)))\"}", bearer: headToken)
            #expect(taken.status == .conflict)
            let none = try await client.sendJSON(.put, url, "{\"badge\": null}", bearer: headToken)
            #expect(none.status == .ok && none.body.contains("\"accreditation\":\"\(members[1].accreditation.rawValue)\""))
            #expect(!none.body.contains("\"badge\""))
        }
    }
}
