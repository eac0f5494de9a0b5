import ElectionCore
import ElectionScenario
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

/// Complaints over HTTP: a citizen lodges one with evidence and follows it, the commune
/// commission sees the complainant and decides, the province above does not see personal data,
/// the complainant appeals; the API and an observer mission's filing; bad input named in Khmer.
@Suite struct ComplaintWebTests {
    static let password = "correct horse battery staple"
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("a photograph of the ballot box".utf8)
    /// 23 July 2023, 13:00 in Phnom Penh.
    static let noon = Date(timeIntervalSince1970: 1_690_092_000)

    struct Fixture: Sendable {
        let station: StationCode
        let tokens: [String: String]
        let headToken: String
        /// An incident of the demo mission at the station.
        let incident: Int
    }

    /// A private database with the commune official of a station's commune, its provincial official,
    /// the NEC (each with a password and a machine token) and the demo mission's head; the clock at noon.
    static func run(_ body: @Sendable (any TestClientProtocol, Fixture) async throws -> Void) async throws {
        let store = try await TestDatabases.writableSQLite()
        let station = try #require(try await store.pollingStations(inCommune: "010201").first).id
        var tokens: [String: String] = [:]
        for (name, role, unit) in [("cec.one", OfficialRole.communeOfficial, UnitCode.commune(station.commune)),
                                   ("pec.one", .provincialOfficial, .province(station.province)), ("nec.one", .necAdministrator, .nation)] {
            let official = try await store.addOfficial(name: name, role: role, unitCode: unit, passwordHash: Passwords.hash(password, cost: 4))
            let token = Passwords.newToken()
            try await store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "test", expires: nil)
            tokens[name] = token
        }
        let headToken = Passwords.newToken()
        try await store.addObserverToken(digest: Passwords.digest(headToken), missionID: DemoMission.id, seat: 1)
        let (incident, _) = try await store.addIncident(Incident(
            id: 0, missionID: DemoMission.id, kind: .incident, category: .voteBuying, severity: .high, stationCode: station, place: "",
            day: CalendarDate(year: 2023, month: 7, day: 23)!, time: ClockTime("09:05"), description: "Money handed out at the gate.",
            status: .reported))
        let app = Application(router: try await PortalApplication.router(
            store: store, registrationChecks: nil, clock: PortalClock { noon }))
        let fixture = Fixture(station: station, tokens: tokens, headToken: headToken, incident: incident.id)
        try await app.test(.router) { client in try await body(client, fixture) }
        try await store.close()
    }

    /// The public form as a browser sends it: multipart, with the files under `evidence`.
    static func lodge(_ client: any TestClientProtocol, _ fields: [(String, String)], files: [[UInt8]]) async throws -> Reply {
        let boundary = "----sala\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (index, file) in files.enumerated() {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"photo\(index).jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            body.writeBytes(file)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: "/km/complaints/new", method: .post, headers: headers, body: body) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }

    static func signIn(_ client: any TestClientProtocol, _ name: String) async throws -> (cookie: String, csrf: String) {
        let reply = try await client.postForm("/km/signin", [("name", name), ("password", password)])
        let cookie = String(try #require(reply.headers[.setCookie]).split(separator: ";")[0])
        let desk = try await client.get("/km/desk", headers: [.cookie: cookie])
        let csrf = try #require(desk.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1
        return (cookie, String(csrf))
    }

    @Test func aCitizenLodgesWithEvidenceTheCommuneDecidesAndTheCitizenAppeals() async throws {
        try await Self.run { client, fixture in
            let fields = [("category", "polling-and-counting"), ("province", fixture.station.province.rawValue), ("area", fixture.station.rawValue),
                          ("place", "School gate"), ("description", "The ballot box was opened before closing time."), ("name", "Sok Dara"),
                          ("phone", "012 345 678")]
            // Bad input: named in Khmer, nothing stored.
            let noPhone = try await Self.lodge(client, fields.filter { $0.0 != "phone" }, files: [])
            #expect(noPhone.status == .badRequest && noPhone.body.contains("លេខទូរស័ព្ទ"))
            let page = try await Self.lodge(client, fields, files: [Array("<html><script>alert(1)</script></html>".utf8)])
            #expect(page.status == .badRequest && page.body.contains("ភស្តុតាង") && page.body.contains("JPEG"), "a web page sent as a photograph")
            let tooMany = try await Self.lodge(client, fields, files: Array(repeating: Self.jpeg, count: 4))
            #expect(tooMany.status == .badRequest)
            let otherProvince = try await Self.lodge(client, fields.map { $0.0 == "province" ? ("province", "12") : $0 }, files: [])
            #expect(otherProvince.status == .badRequest && otherProvince.body.contains("aria-invalid") && otherProvince.body.contains("\"area\""))

            let lodged = try await Self.lodge(client, fields, files: [Self.jpeg])
            #expect(lodged.status == .seeOther || lodged.status == .found)
            let location = try #require(lodged.headers[.location])
            let reference = try #require(location.firstMatch(of: /complaints\/(C[0-9]{6}-[A-Z0-9]{4})/)).1
            let follow = try await client.get(location)
            #expect(follow.status == .ok && follow.body.contains(String(reference)))
            #expect(!follow.body.contains("Sok Dara") && !follow.body.contains("012 345 678"), "the public page shows no personal data")
            #expect(follow.body.contains("បានទទួល"))

            // The commune commission sees the complainant and the evidence, served so that no browser runs it.
            let cec = try await Self.signIn(client, "cec.one")
            let list = try await client.get("/km/desk/complaints", headers: [.cookie: cec.cookie])
            let id = try #require(list.body.firstMatch(of: try Regex<(Substring, Substring)>("desk/complaints/([0-9]+)\">\(reference)"))).1
            let desk = try await client.get("/km/desk/complaints/\(id)", headers: [.cookie: cec.cookie])
            #expect(desk.body.contains("Sok Dara") && desk.body.contains("012 345 678"))
            let file = try await client.execute(uri: "/km/desk/complaints/\(id)/evidence/1", method: .get, headers: [.cookie: cec.cookie]) { $0 }
            #expect(file.status == .ok && Array(buffer: file.body) == Self.jpeg)
            #expect(file.headers[.contentType] == "image/jpeg" && file.headers[.xContentTypeOptions] == "nosniff")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment") == true && file.headers[.contentSecurityPolicy]?.contains("sandbox") == true)

            // The province above follows it, without the complainant.
            let pec = try await Self.signIn(client, "pec.one")
            let above = try await client.get("/km/desk/complaints/\(id)", headers: [.cookie: pec.cookie])
            #expect(above.status == .ok && !above.body.contains("Sok Dara") && !above.body.contains("decision-form"))
            let theirs = try await client.get("/km/desk/complaints/\(id)/evidence/1", headers: [.cookie: pec.cookie])
            #expect(theirs.status == .forbidden)

            // A decision needs its reasons.
            let silent = try await client.postForm("/km/desk/complaints/\(id)/decision", [("csrf", cec.csrf), ("outcome", "dismissed"), ("reasons", "")],
                                                   cookie: cec.cookie)
            #expect(silent.status == .badRequest && silent.body.contains("មូលហេតុ"))
            let decided = try await client.postForm("/km/desk/complaints/\(id)/decision", [
                ("csrf", cec.csrf), ("outcome", "dismissed"), ("reasons", "The box was sealed; the officials opened the slot only.")], cookie: cec.cookie)
            #expect(decided.status == .seeOther || decided.status == .found)
            let forged = try await client.postForm("/km/desk/complaints/\(id)/decision", [("outcome", "upheld"), ("reasons", "x")], cookie: cec.cookie)
            #expect(forged.status == .forbidden)

            // The complainant reads the decision and appeals with the phone number given.
            let decidedPage = try await client.get("/en/complaints/\(reference)")
            #expect(decidedPage.body.contains("The box was sealed") && decidedPage.body.contains("appeal-form"))
            let stranger = try await client.postForm("/en/complaints/\(reference)/appeal", [("phone", "099 000 000"), ("reasons", "Wrong.")])
            #expect(stranger.status == .forbidden && stranger.body.contains("Only the complainant may appeal"))
            let appealed = try await client.postForm("/en/complaints/\(reference)/appeal", [("phone", "012345678"), ("reasons", "Others saw it too.")])
            #expect(appealed.status == .seeOther || appealed.status == .found)
            let now = try await client.get("/en/complaints/\(reference)")
            #expect(now.body.contains("Appealed") && !now.body.contains("appeal-form"))
            let pecNow = try await client.get("/km/desk/complaints/\(id)", headers: [.cookie: pec.cookie])
            #expect(pecNow.body.contains("Sok Dara") && pecNow.body.contains("decision-form"), "the province handles the appeal")

            let statistics = try await client.get("/en/complaints")
            #expect(statistics.status == .ok && statistics.body.contains("complaints-by-category"))
            let badReference = try await client.get("/km/complaints?reference=12345")
            #expect(badReference.status == .badRequest && badReference.body.contains("លេខយោង"))
            #expect(try await client.get("/en/complaints/C999999-AAAA").status == .notFound)
        }
    }

    @Test func theAPILodgesFollowsAndHandlesAndAMissionFilesItsIncident() async throws {
        try await Self.run { client, fixture in
            func upheld() async throws -> Int {
                let statistics = try JSONSerialization.jsonObject(with: Data(try await client.get("/api/v1/complaints/statistics").body.utf8)) as? [String: Any]
                return (statistics?["byOutcome"] as? [String: Any])?["upheld"] as? Int ?? -1
            }
            let upheldBefore = try await upheld()
            let body = """
                {"category":"campaign","province":"\(fixture.station.province.rawValue)","description":"Money was handed out at a meeting.",
                 "name":"Chan Sophea","phone":"+855 12 000 111","evidence":["\(Data(Self.jpeg).base64EncodedString())"]}
                """
            let lodged = try await client.postJSON("/api/v1/complaints", body)
            #expect(lodged.status == .created)
            #expect(!lodged.body.contains("Chan Sophea") && !lodged.body.contains("000 111"), "the public answer has no personal data")
            let reference = try #require(lodged.body.firstMatch(of: /"reference":"(C[0-9]{6}-[A-Z0-9]{4})"/)).1
            #expect(lodged.body.contains("\"handlingUnit\":\"\(fixture.station.province.rawValue)\""), "the campaign goes to the province")
            let badType = try await client.postJSON("/api/v1/complaints", body.replacingOccurrences(of: Data(Self.jpeg).base64EncodedString(),
                                                                                                   with: Data("GIF89a".utf8).base64EncodedString()), language: "km")
            #expect(badType.status == .badRequest && badType.body.contains("\"field\":\"evidence\""))

            func machine(_ name: String, _ method: HTTPRequest.Method, _ path: String, _ json: String? = nil) async throws -> Reply {
                var headers: HTTPFields = [.authorization: "Bearer \(fixture.tokens[name]!)"]
                if json != nil { headers[.contentType] = "application/json" }
                return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) {
                    Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
                }
            }
            let file = try await machine("pec.one", .get, "/api/v1/complaints/\(reference)/file")
            #expect(file.status == .ok && file.body.contains("Chan Sophea") && file.body.contains("\"sha256\""))
            #expect(try await machine("cec.one", .get, "/api/v1/complaints/\(reference)/file").status == .forbidden)
            let evidence = try await client.execute(uri: "/api/v1/complaints/\(reference)/evidence/1", method: .get,
                                                    headers: [.authorization: "Bearer \(fixture.tokens["pec.one"]!)"]) { $0 }
            #expect(Array(buffer: evidence.body) == Self.jpeg && evidence.headers[.xContentTypeOptions] == "nosniff")
            let hearing = try await machine("pec.one", .post, "/api/v1/complaints/\(reference)/hearing",
                                            #"{"hearingDay":"2023-07-24","hearingTime":"09:00","hearingPlace":"Provincial hall"}"#)
            #expect(hearing.status == .ok && hearing.body.contains("\"status\":\"hearing-set\""))
            let badTime = try await machine("pec.one", .post, "/api/v1/complaints/\(reference)/hearing",
                                            #"{"hearingDay":"2023-07-24","hearingTime":"25:00","hearingPlace":"Provincial hall"}"#)
            #expect(badTime.status == .badRequest && badTime.body.contains("hearingTime"))
            let decided = try await machine("pec.one", .post, "/api/v1/complaints/\(reference)/decision", #"{"outcome":"upheld","reasons":"Two witnesses."}"#)
            #expect(decided.status == .ok && decided.body.contains("\"status\":\"decided\""))
            let again = try await machine("pec.one", .post, "/api/v1/complaints/\(reference)/decision", #"{"outcome":"dismissed","reasons":"No."}"#)
            #expect(again.status == .conflict)
            let followed = try await client.get("/api/v1/complaints/\(reference)")
            #expect(followed.status == .ok && followed.body.contains("Two witnesses."))
            #expect(try await upheld() == upheldBefore + 1)

            // The demo mission's head files one of its incidents; a second time is refused.
            let number = fixture.incident
            func fileIncident(_ phone: String) async throws -> Reply {
                try await client.execute(uri: "/api/v1/missions/\(DemoMission.id)/incidents/\(number)/complaint", method: .post,
                                         headers: [.authorization: "Bearer \(fixture.headToken)", .contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"phone":"\#(phone)"}"#)) { Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers) }
            }
            #expect(try await fileIncident("12").status == .badRequest)
            let filed = try await fileIncident("023 214 555")
            #expect(filed.status == .created && filed.body.contains("\"channel\":\"mission\""))
            #expect(try await fileIncident("023 214 555").status == .conflict)
        }
    }
}

/// The hotline over HTTP: the public questions and answers, found by words in either language;
/// the NEC's call-taker finds an answer, logs the enquiry with it, and lodges a complaint for a caller.
@Suite struct HotlineWebTests {
    @Test func theKnowledgeBaseIsPublicAndTheCallTakerLogsFromIt() async throws {
        try await ComplaintWebTests.run { client, _ in
            let faq = try await client.get("/km/faq")
            #expect(faq.status == .ok && faq.body.contains("id=\"faq-faq-how-to-complain\""))
            let found = try await client.get("/en/faq?q=stairs")
            #expect(found.body.contains("faq-faq-help-to-vote") && !found.body.contains("faq-faq-polling-hours"))
            #expect(try await client.get("/en/faq?q=zzzz").body.contains("faq-none"))

            let nec = try await ComplaintWebTests.signIn(client, "nec.one")
            let desk = try await client.get("/km/desk/hotline?article=faq-polling-hours", headers: [.cookie: nec.cookie])
            #expect(desk.status == .ok && desk.body.contains("value=\"faq-polling-hours\"") && desk.body.contains("០៧:០០"), "the answer is filled in")
            let noTopic = try await client.postForm("/km/desk/hotline", [
                ("csrf", nec.csrf), ("channel", "phone"), ("question", "When?"), ("answer", "07:00 to 15:00."), ("articleID", "faq-polling-hours")],
                cookie: nec.cookie)
            #expect(noTopic.status == .badRequest && noTopic.body.contains("ប្រធានបទ"))
            let logged = try await client.postForm("/km/desk/hotline", [
                ("csrf", nec.csrf), ("channel", "phone"), ("topic", "voting"), ("province", "12"), ("question", "When?"),
                ("answer", "07:00 to 15:00."), ("articleID", "faq-polling-hours")], cookie: nec.cookie)
            #expect(logged.status == .seeOther || logged.status == .found)
            let after = try await client.get("/en/desk/hotline?logged=1", headers: [.cookie: nec.cookie])
            #expect(after.body.contains("hotline-logged") && after.body.contains("When?"))

            let caller = try await client.postForm("/en/desk/hotline/complaint", [
                ("csrf", nec.csrf), ("category", "voter-register"), ("province", "12"), ("description", "My name was left off the list."),
                ("name", "Chan Sophea"), ("phone", "012 000 111")], cookie: nec.cookie)
            #expect(caller.status == .seeOther || caller.status == .found)
            let lodged = try await client.get(try #require(caller.headers[.location]), headers: [.cookie: nec.cookie])
            #expect(lodged.body.contains("The hotline"), "lodged through the hotline")

            let cec = try await ComplaintWebTests.signIn(client, "cec.one")
            #expect(try await client.get("/km/desk/hotline", headers: [.cookie: cec.cookie]).status == .forbidden, "a commune official takes no calls")
        }
    }
}

/// Guessing references: each client's look-ups of complaints by reference are counted, hits and
/// misses alike, so a script cannot try the four letters of a reference one after another.
@Suite struct ComplaintReferenceGuessingTests {
    @Test func lookUpsByReferenceAreLimitedPerClient() async throws {
        try await ComplaintWebTests.run { client, _ in
            var statuses: [HTTPResponse.Status] = []
            for letters in ["AAAA", "AAAC", "AAAD", "AAAE", "AAAF", "AAAH"] {
                for number in 1...6 { statuses.append(try await client.get("/en/complaints/C00000\(number)-\(letters)").status) }
            }
            #expect(statuses.prefix(30).allSatisfy { $0 == .notFound })
            #expect(statuses.dropFirst(30).allSatisfy { $0 == .tooManyRequests }, "past 30 a minute, every look-up waits")
            let api = try await client.get("/api/v1/complaints/C000001-AAAA")
            #expect(api.status == .tooManyRequests, "the API counts against the same share")
        }
    }
}
