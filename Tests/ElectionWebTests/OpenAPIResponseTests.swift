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

/// Every operation of the OpenAPI document, called through the app with good and bad input: each
/// answer's status must be one the document declares for the operation, and its body must be valid
/// against the schema the document declares for that status (JSON Schema 2020-12, checked by
/// python3's `jsonschema` with `Tests/OpenAPI/validate_responses.py`). An operation of the document
/// that no call here answers with success fails the test, so a new operation needs a call here.
///
/// The document is the description of the server, not its source: when they disagree about what
/// the server answers, the document is corrected.
@Suite struct OpenAPIResponseTests {
    /// One call and its answer, as the validator reads it.
    struct Exchange: Codable, Sendable {
        /// The document's path template, e.g. `/stations/{code}`.
        let path: String
        let method: String
        /// The URI called, under `/api/v1`.
        let uri: String
        let status: Int
        let body: String
        /// A body made wrong on purpose, which the validator must refuse.
        var expectInvalid: Bool?
    }

    actor Recorder {
        var exchanges: [Exchange] = []
        func add(_ exchange: Exchange) { exchanges.append(exchange) }
    }

    /// Calls the API and records the answer under the operation's path template.
    struct Caller: Sendable {
        let client: any TestClientProtocol
        let recorder: Recorder

        @discardableResult
        func get(_ path: String, _ uri: String? = nil, bearer: String? = nil) async throws -> Reply {
            try await call(.get, path, uri ?? path, body: nil, bearer: bearer)
        }

        @discardableResult
        func post(_ path: String, _ uri: String? = nil, _ body: String, bearer: String? = nil) async throws -> Reply {
            try await call(.post, path, uri ?? path, body: body, bearer: bearer)
        }

        @discardableResult
        func put(_ path: String, _ uri: String, _ body: String, bearer: String? = nil) async throws -> Reply {
            try await call(.put, path, uri, body: body, bearer: bearer)
        }

        func call(_ method: HTTPRequest.Method, _ path: String, _ uri: String, body: String?, bearer: String?) async throws -> Reply {
            var headers = HTTPFields()
            if let bearer { headers[.authorization] = "Bearer \(bearer)" }
            if body != nil { headers[.contentType] = "application/json" }
            let reply = try await client.execute(
                uri: "/api/v1" + uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
            ) { Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers) }
            await recorder.add(Exchange(
                path: path, method: method.rawValue.lowercased(), uri: uri, status: Int(reply.status.code), body: reply.body))
            return reply
        }
    }

    /// The head of mission lodges an incident as a complaint, once; a member, no token, a bad phone
    /// and an unknown incident are refused.
    static func callMissionComplaint(_ api: Caller, incident uri: String, head: String, observer: String) async throws {
        let path: String = "/missions/{id}/incidents/{number}/complaint"
        let body: String = "{\"phone\": \"023 214 555\", \"province\": \"01\"}"
        try await api.post(path, uri, body, bearer: observer)
        try await api.post(path, uri, body)
        try await api.post(path, uri, "{\"phone\": \"1\"}", bearer: head)
        try await api.post(path, "/missions/" + DemoMission.id.rawValue + "/incidents/999999/complaint", body, bearer: head)
        try await api.post(path, uri, body, bearer: head)
        try await api.post(path, uri, body, bearer: head)
    }

    /// The quick count: the other mission's head draws a sample (refused twice first), reads it
    /// before and after publishing; the demo mission's observer sends a count to a sampled station
    /// not reported yet (stored, resent, changed, refused); the demo's published estimates, sample
    /// and CSV for anyone.
    static func callQuickCount(_ api: Caller, store: SQLElectionStore, tokens: Tokens) async throws {
        let sample: String = "/missions/{id}/quick-count/sample"
        let estimates: String = "/missions/{id}/quick-count"
        let publication: String = "/missions/{id}/quick-count/publication"
        try await api.put(publication, "/missions/other/quick-count/publication", "{\"published\": true}", bearer: tokens.outsider)
        try await api.post(sample, "/missions/other/quick-count/sample", "{\"size\": 60}")
        try await api.post(sample, "/missions/other/quick-count/sample", "{\"size\": 60}", bearer: tokens.observer)
        try await api.post(sample, "/missions/other/quick-count/sample", "{\"margin\": 0}", bearer: tokens.outsider)
        try await api.post(sample, "/missions/other/quick-count/sample", "{\"margin\": 3, \"confidence\": 95, \"seed\": \"7\"}", bearer: tokens.outsider)
        try await api.post(sample, "/missions/other/quick-count/sample", "{\"size\": 60}", bearer: tokens.outsider)
        try await api.get(estimates, "/missions/other/quick-count")
        try await api.get(estimates, "/missions/other/quick-count", bearer: tokens.outsider)
        try await api.get(sample, "/missions/other/quick-count/sample", bearer: tokens.observer)
        try await api.put(publication, "/missions/other/quick-count/publication", "{\"published\": true}")
        try await api.put(publication, "/missions/other/quick-count/publication", "{}", bearer: tokens.outsider)
        try await api.put(publication, "/missions/other/quick-count/publication", "{\"published\": true}", bearer: tokens.observer)
        try await api.put(publication, "/missions/other/quick-count/publication", "{\"published\": true}", bearer: tokens.outsider)
        try await api.get(estimates, "/missions/other/quick-count")
        try await api.get(estimates, "/missions/nobody/quick-count")
        try await api.get(sample, "/missions/nobody/quick-count/sample")
        try await api.get(sample, "/missions/demo-2023/quick-count/sample")
        try await api.get("/missions/{id}/quick-count/sample.csv", "/missions/demo-2023/quick-count/sample.csv")
        try await api.get("/missions/{id}/quick-count/sample.csv", "/missions/other/quick-count/sample.csv")

        let demo = try #require(try await store.quickCountSample(ofMission: DemoMission.id))
        let reported = Set(try await store.observedCounts(ofMission: DemoMission.id).map(\.stationCode))
        let station = try #require(demo.sampled.first { !reported.contains($0.code) }?.code, "every sampled station has reported")
        let ballot = try await store.parties().map(\.id).sorted()
        let posted = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 5)
            .counts(for: [.init(code: station, registeredVoters: 400)])[0]
        let figures: String = Self.form(posted, ballot: ballot).replacingOccurrences(of: "\"version\": 1, ", with: "")
        let id: String = UUID().uuidString
        let body: String = "{\"id\": \"\(id)\", \"station\": \"\(station)\", \"observedAt\": \"15:40\", " + figures.dropFirst()
        let counts: String = "/missions/{id}/quick-count/counts"
        let uri: String = "/missions/demo-2023/quick-count/counts"
        try await api.post(counts, uri, body)
        try await api.post(counts, uri, body, bearer: tokens.outsider)
        try await api.post(counts, uri, body.replacingOccurrences(of: "\(station)", with: "999999999"), bearer: tokens.observer)
        try await api.post(counts, uri, body, bearer: tokens.observer)
        try await api.post(counts, uri, body, bearer: tokens.observer)
        try await api.post(counts, uri, body.replacingOccurrences(of: "15:40", with: "15:45"), bearer: tokens.observer)
        try await api.get(estimates, "/missions/demo-2023/quick-count")
    }

    /// The id of the organisation an application answer holds.
    static func appliedOrganisation(_ body: String) throws -> String {
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let organisation = try #require(answer["organisation"] as? [String: Any])
        return try #require(organisation["id"] as? String)
    }

    /// The badge number of the head of the mission a mission's answer describes.
    static func headBadge(_ body: String) throws -> String {
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let members = try #require(answer["members"] as? [[String: Any]])
        let badge: Int = try #require(members.first?["badge"] as? Int)
        return AccreditationApplication.badgeNumber(badge)
    }

    static var jsonschemaAvailable: Bool {
        (try? Python3.run(["-c", "import jsonschema, referencing; jsonschema.Draft202012Validator"]).status) == 0
    }

    /// The validator script, beside the test targets.
    static let validatorScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OpenAPI/validate_responses.py")

    // MARK: The fixture

    struct Tokens {
        /// Officials of the test's commune (the third only settles and corrects, never enters).
        let one: String, two: String, three: String
        let nec: String
        /// Members of the demo mission: seat 2, and seat 1 (its head); a member of another mission.
        let observer: String, head: String, outsider: String
    }

    static func machineToken(_ store: SQLElectionStore, _ name: String) async throws -> String {
        let official = try #require(try await store.officialAccount(named: name)).official
        let token = Passwords.newToken()
        try await store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "openapi", expires: nil)
        return token
    }

    static func observerToken(_ store: SQLElectionStore, mission: MissionID, seat: Int) async throws -> String {
        let token = Passwords.newToken()
        try await store.addObserverToken(digest: Passwords.digest(token), missionID: mission, seat: seat)
        return token
    }

    /// Every form of Kep (23) entered twice (and its warnings acknowledged), so the province can be confirmed.
    static func completeKep(_ store: SQLElectionStore) async throws {
        let stations = try await store.pollingStations(inProvince: "23")
        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 9)
            .counts(for: stations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        var officials: [Official] = []
        for name in ["kep.a", "kep.b"] {
            officials.append(try await store.addOfficial(name: name, role: .provincialOfficial, unitCode: "23", passwordHash: "!"))
        }
        let nec = try #require(try await store.officialAccount(named: "nec.admin")).official
        try await store.acceptForms(zip(stations, counts).map { ($0.0.id, $0.1) }, enteredBy: officials, acknowledgedBy: nec)
    }

    /// A results form as the API takes it.
    static func form(_ counts: ResultCounts, ballot: [PartyNumber], version: Int = 1, replacing: [String: String] = [:]) -> String {
        var fields = ["\"version\": \(version)"]
        for name in ResultCounts.fieldNames {
            fields.append("\"\(name)\": \(replacing[name] ?? String(counts.value(of: name) ?? 0))")
        }
        fields.append("\"votes\": {" + ballot.map { "\"\($0)\": \(counts.votes[$0] ?? 0)" }.joined(separator: ", ") + "}")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    // MARK: The test

    @Test(.enabled(
        if: jsonschemaAvailable || ProcessInfo.processInfo.environment["SALA_REQUIRE_JSONSCHEMA"] == "1",
        "python3 with jsonschema (4.18 or later) not installed: pip install jsonschema"))
    func everyOperationAnswersAsTheDocumentSays() async throws {
        try #require(Self.jsonschemaAvailable, "SALA_REQUIRE_JSONSCHEMA=1 but python3 cannot import jsonschema 4.18+: pip install jsonschema")
        let fixture = try await ResultsWebTests.fixture()
        let recorder = Recorder()
        let served = Recorder()
        do {
            try await Self.callEveryOperation(fixture, recorder: recorder, served: served)
        } catch {
            try? await fixture.store.close()
            throw error
        }

        // Too many registration checks: the limiter answers 429.
        try await PortalTestApp.run(registrationChecks: LookupShares(perClient: 1)) { client in
            let api = Caller(client: client, recorder: recorder)
            for _ in 0..<2 {
                try await api.post("/registration", "/registration", "{\"voterNumber\": \"\(VoterNumber(serial: 987_399_999))\"}")
            }
        }

        let exchanges = await recorder.exchanges
        let documentBody = try #require(await served.exchanges.first?.body)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(documentBody.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])

        // Every operation answered with success at least once.
        let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            for method in item.keys.filter(methods.contains).sorted() {
                let succeeded = exchanges.contains {
                    $0.path == path && $0.method == method && (200..<400).contains($0.status) && $0.expectInvalid != true
                }
                #expect(succeeded, "\(method.uppercased()) \(path) is never called with success: add a call to this test")
            }
        }
        // Every answer's status is declared for its operation.
        for exchange in exchanges where exchange.expectInvalid != true {
            let operation = (paths[exchange.path]?[exchange.method] as? [String: Any])
            #expect(operation != nil, "\(exchange.method.uppercased()) \(exchange.path) is not in the document")
            let declared = (operation?["responses"] as? [String: Any]).map { Set($0.keys) } ?? []
            #expect(declared.contains(String(exchange.status)) || declared.contains("default"),
                    "\(exchange.method.uppercased()) \(exchange.uri) answered \(exchange.status), which the document does not declare (\(declared.sorted())): \(exchange.body.prefix(300))")
        }

        // Every body against its schema, in one run of the validator.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sala-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentFile = directory.appendingPathComponent("openapi.json")
        let casesFile = directory.appendingPathComponent("cases.json")
        try Data(documentBody.utf8).write(to: documentFile)
        try JSONEncoder().encode(exchanges).write(to: casesFile)
        let (exit, output) = try Python3.run([Self.validatorScript.path, documentFile.path, casesFile.path])
        try #require(exit == 0, "the validator failed: \(output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        let failures = report["failures"] as? [String] ?? ["no failures list: \(output)"]
        for failure in failures { Issue.record("\(failure)") }
        #expect((report["checked"] as? Int ?? 0) > 100)
    }

    /// Election day: a station's reports (stored, resent, refused), a commune's overview, the NEC's
    /// publication of turnout and the public turnout, after polls closed.
    static func callElectionDay(_ api: Caller, station: StationCode, stationToken: String, communeToken: String, nec: String) async throws {
        let reports = "/election-day/stations/{code}/reports", uri = "/election-day/stations/\(station)/reports"
        let opening = #"{"id": "6f0e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c01", "kind": "opening", "time": "06:55", "staffPresent": 5, "materialsComplete": true}"#
        try await api.post(reports, uri, opening, bearer: stationToken)
        try await api.post(reports, uri, opening, bearer: stationToken)
        try await api.post(reports, uri, opening.replacingOccurrences(of: "\"staffPresent\": 5", with: "\"staffPresent\": 4"), bearer: stationToken)
        try await api.post(reports, uri, opening.replacingOccurrences(of: "\"staffPresent\": 5", with: "\"staffPresent\": \"many\""), bearer: stationToken)
        try await api.post(reports, uri, opening)
        try await api.post(reports, uri, opening, bearer: communeToken)
        try await api.post(reports, uri, #"{"id": "6f0e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c02", "kind": "closing", "time": "14:00", "inLine": 0}"#, bearer: stationToken)
        try await api.post(reports, uri, #"{"id": "6f0e3c1a-5d2f-4c8e-9a41-2f6b8d7e1c03", "kind": "turnout", "time": "15:00", "voted": 0}"#, bearer: stationToken)
        try await api.get(reports, uri, bearer: communeToken)
        try await api.get(reports, uri)
        try await api.get(reports, "/election-day/stations/020101001/reports", bearer: communeToken)
        try await api.get(reports, "/election-day/stations/999999999/reports", bearer: nec)
        try await api.get(reports, "/election-day/stations/12/reports", bearer: nec)
        try await api.get("/election-day/overview", bearer: nec)
        try await api.get("/election-day/overview", "/election-day/overview?unit=\(station.commune)", bearer: communeToken)
        try await api.get("/election-day/overview", "/election-day/overview?unit=", bearer: communeToken)
        try await api.get("/election-day/overview", "/election-day/overview?unit=1x", bearer: nec)
        try await api.get("/election-day/overview")
        let publications = "/election-day/turnout-publications"
        try await api.post(publications, publications, #"{"time": "15:00"}"#, bearer: nec)
        try await api.post(publications, publications, #"{"time": "10:00"}"#, bearer: nec)
        try await api.post(publications, publications, #"{"time": "3pm"}"#, bearer: nec)
        try await api.post(publications, publications, #"{"time": "15:00"}"#, bearer: communeToken)
        try await api.post(publications, publications, #"{"time": "15:00"}"#)
        try await api.get("/turnout")
        try await Self.callPoliceAndAccess(api, station: station, communeToken: communeToken, nec: nec)
        try await Self.callLibrary(api, communeToken: communeToken, nec: nec)
        let reference = try await Self.callLodging(api, station: station)
        try await Self.callComplaintHandling(api, reference: reference, stationToken: stationToken, communeToken: communeToken, nec: nec)
        try await Self.callAppeal(api, reference: reference)
        try await Self.callHotline(api, communeToken: communeToken, nec: nec)
        let session = try await Self.callTrainingSessions(api, communeToken: communeToken, nec: nec)
        try await Self.callTrainingAttendance(api, session: session, station: station, communeToken: communeToken, nec: nec)
    }

    /// Training sessions: scheduled by the NEC, refused when they end before they start, for the
    /// wrong place, without a trainer, to a commune official and without a token; listed.
    static func callTrainingSessions(_ api: Caller, communeToken: String, nec: String) async throws -> Int {
        let path: String = "/training/sessions"
        let session: String = "{\"tier\": \"polling-station\", \"province\": \"01\", \"title\": \"Counting\", \"day\": \"2023-07-10\", "
            + "\"starts\": \"08:00\", \"ends\": \"12:00\", \"place\": \"Commune hall\", \"trainers\": \"Chan Dara\"}"
        let created = try await api.post(path, path, session, bearer: nec)
        try await api.post(path, path, session.replacingOccurrences(of: "\"12:00\"", with: "\"07:00\""), bearer: nec)
        try await api.post(path, path, session.replacingOccurrences(of: "\"province\": \"01\", ", with: ""), bearer: nec)
        try await api.post(path, path, session.replacingOccurrences(of: "Chan Dara", with: ""), bearer: nec)
        try await api.post(path, path, session, bearer: communeToken)
        try await api.post(path, path, session)
        try await api.get(path, path, bearer: nec)
        try await api.get(path, path + "?province=01", bearer: nec)
        try await api.get(path, path + "?province=1", bearer: nec)
        try await api.get(path, path, bearer: communeToken)
        try await api.get(path, path)
        return (try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])?["id"] as? Int ?? 0
    }

    /// A session's attendance: a station commission's member recorded, again (nothing new), a
    /// commune commission's member refused, bad input; the session read back; coverage.
    static func callTrainingAttendance(_ api: Caller, session: Int, station: StationCode, communeToken: String, nec: String) async throws {
        let path: String = "/training/sessions/{id}/attendance"
        let uri: String = "/training/sessions/" + String(session) + "/attendance"
        let member: String = "{\"members\": [{\"commission\": \"PSC-" + station.rawValue + "\", \"seat\": 1}]}"
        try await api.post(path, uri, member, bearer: nec)
        try await api.post(path, uri, member, bearer: nec)
        try await api.post(path, uri, "{\"members\": [{\"commission\": \"CEC-" + station.commune.rawValue + "\", \"seat\": 1}]}", bearer: nec)
        try await api.post(path, uri, "{\"members\": []}", bearer: nec)
        try await api.post(path, uri, member, bearer: communeToken)
        try await api.post(path, uri, member)
        try await api.post(path, "/training/sessions/999999/attendance", member, bearer: nec)
        let one: String = "/training/sessions/{id}"
        try await api.get(one, "/training/sessions/" + String(session), bearer: nec)
        try await api.get(one, "/training/sessions/x", bearer: nec)
        try await api.get(one, "/training/sessions/999999", bearer: nec)
        try await api.get(one, "/training/sessions/" + String(session), bearer: communeToken)
        try await api.get(one, "/training/sessions/" + String(session))
        try await api.get("/training/coverage", bearer: nec)
        try await api.get("/training/coverage", "/training/coverage", bearer: communeToken)
        try await api.get("/training/coverage")
    }

    /// The hotline's log: an enquiry answered from the knowledge base, a bad topic, an article that
    /// is not a question of the knowledge base, a commune official and no token refused; the day's log.
    static func callHotline(_ api: Caller, communeToken: String, nec: String) async throws {
        let path: String = "/hotline/enquiries"
        let enquiry: String = "{\"channel\": \"phone\", \"topic\": \"polling-station\", \"province\": \"12\", "
            + "\"question\": \"Where do I vote?\", \"answer\": \"At the station of your list.\", \"articleID\": \"faq-where-do-i-vote\"}"
        try await api.post(path, path, enquiry, bearer: nec)
        try await api.post(path, path, enquiry.replacingOccurrences(of: "polling-station", with: "weather"), bearer: nec)
        try await api.post(path, path, enquiry.replacingOccurrences(of: "faq-where-do-i-vote", with: "polling-hours-2023"), bearer: nec)
        // A province that does not exist is unknown (it was a 500 from the database's foreign key).
        let unknownProvince = try await api.post(path, path, enquiry.replacingOccurrences(of: "\"12\"", with: "\"00\""), bearer: nec)
        #expect(unknownProvince.status == .notFound)
        try await api.post(path, path, enquiry, bearer: communeToken)
        try await api.post(path, path, enquiry)
        try await api.get(path, path, bearer: nec)
        try await api.get(path, path + "?day=2023-07-23", bearer: nec)
        try await api.get(path, path + "?day=23-07", bearer: nec)
        try await api.get(path, path, bearer: communeToken)
        try await api.get(path, path)
        try await api.get("/library", "/library?kind=faq")
    }

    /// A complaint lodged by anyone (with a photograph), refused without a phone, followed and counted; returns its reference.
    static func callLodging(_ api: Caller, station: StationCode) async throws -> String {
        let jpeg: String = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]).base64EncodedString()
        let body: String = "{\"category\": \"polling-and-counting\", \"area\": \"" + station.rawValue + "\", \"description\": \"The box was opened early.\", "
            + "\"name\": \"Sok Dara\", \"phone\": \"012 345 678\", \"evidence\": [\"" + jpeg + "\"]}"
        let lodged = try await api.post("/complaints", "/complaints", body)
        try await api.post("/complaints", "/complaints", body.replacingOccurrences(of: "012 345 678", with: "12"))
        try await api.get("/complaints/statistics")
        let reference = ((try JSONSerialization.jsonObject(with: Data(lodged.body.utf8)) as? [String: Any])?["complaint"] as? [String: Any])?["reference"] as? String
        let found: String = reference ?? "C000000-AAAA"
        try await api.get("/complaints/{reference}", "/complaints/" + found)
        try await api.get("/complaints/{reference}", "/complaints/C999999-AAAA")
        return found
    }

    /// The commune commission handles the complaint: its list, the complainant's file, the evidence,
    /// a hearing and a decision; the NEC, a station official and no token are refused.
    static func callComplaintHandling(_ api: Caller, reference: String, stationToken: String, communeToken: String, nec: String) async throws {
        let uri: String = "/complaints/" + reference
        try await api.get("/complaints", "/complaints", bearer: communeToken)
        try await api.get("/complaints", "/complaints", bearer: stationToken)
        try await api.get("/complaints", "/complaints")
        try await api.get("/complaints/{reference}/file", uri + "/file", bearer: communeToken)
        try await api.get("/complaints/{reference}/file", uri + "/file", bearer: nec)
        try await api.get("/complaints/{reference}/file", uri + "/file")
        try await api.get("/complaints/{reference}/file", "/complaints/C999999-AAAA/file", bearer: communeToken)
        let evidence: String = "/complaints/{reference}/evidence/{number}"
        try await api.get(evidence, uri + "/evidence/1", bearer: communeToken)
        try await api.get(evidence, uri + "/evidence/1", bearer: nec)
        try await api.get(evidence, uri + "/evidence/1")
        try await api.get(evidence, uri + "/evidence/2", bearer: communeToken)
        let hearing: String = "/complaints/{reference}/hearing"
        let set: String = "{\"hearingDay\": \"2030-01-10\", \"hearingTime\": \"09:00\", \"hearingPlace\": \"Commune hall\"}"
        try await api.post(hearing, uri + "/hearing", set, bearer: communeToken)
        try await api.post(hearing, uri + "/hearing", set.replacingOccurrences(of: "09:00", with: "nine"), bearer: communeToken)
        try await api.post(hearing, uri + "/hearing", set, bearer: nec)
        try await api.post(hearing, uri + "/hearing", set)
        try await api.post(hearing, "/complaints/C999999-AAAA/hearing", set, bearer: communeToken)
        try await api.post("/complaints/{reference}/appeal", uri + "/appeal", "{\"phone\": \"012345678\", \"reasons\": \"Too early.\"}")
        let decision: String = "/complaints/{reference}/decision"
        let decide: String = "{\"outcome\": \"dismissed\", \"reasons\": \"The seal was intact.\"}"
        try await api.post(decision, uri + "/decision", "{\"outcome\": \"dismissed\"}", bearer: communeToken)
        try await api.post(decision, uri + "/decision", decide, bearer: nec)
        try await api.post(decision, uri + "/decision", decide)
        try await api.post(decision, "/complaints/C999999-AAAA/decision", decide, bearer: communeToken)
        try await api.post(decision, uri + "/decision", decide, bearer: communeToken)
        try await api.post(decision, uri + "/decision", decide, bearer: communeToken)
        try await api.post(hearing, uri + "/hearing", set, bearer: communeToken)
    }

    /// The complainant appeals the decision: a stranger's phone and an appeal without reasons are refused.
    static func callAppeal(_ api: Caller, reference: String) async throws {
        let appeal: String = "/complaints/{reference}/appeal"
        let uri: String = "/complaints/" + reference + "/appeal"
        try await api.post(appeal, uri, "{\"phone\": \"099 000 000\", \"reasons\": \"Wrong.\"}")
        try await api.post(appeal, uri, "{\"phone\": \"012345678\"}")
        try await api.post(appeal, "/complaints/C999999-AAAA/appeal", "{\"phone\": \"012345678\", \"reasons\": \"Wrong.\"}")
        try await api.post(appeal, uri, "{\"phone\": \"012 345 678\", \"reasons\": \"Others saw it.\"}")
    }

    /// The library: read by anyone, a version published by the NEC, refused when it changes nothing.
    static func callLibrary(_ api: Caller, communeToken: String, nec: String) async throws {
        let first: String = "{\"id\": \"api-notice\", \"kind\": \"notice\", \"titleEnglish\": \"Notice\", \"titleKhmer\": \"សេចក្តីជូនដំណឹង\", "
            + "\"textEnglish\": \"Polls open at seven.\", \"textKhmer\": \"ការិយាល័យបើកម៉ោងប្រាំពីរ។\", \"dated\": \"2023-07-10\"}"
        try await api.post("/library", "/library", first, bearer: nec)
        try await api.post("/library", "/library", first, bearer: nec)
        try await api.post("/library", "/library", first.replacingOccurrences(of: "2023-07-10", with: "10 July"), bearer: nec)
        try await api.post("/library", "/library", first, bearer: communeToken)
        try await api.post("/library", "/library", first, bearer: nil)
        try await api.get("/library")
        try await api.get("/library", "/library?kind=notice")
        try await api.get("/library", "/library?kind=poem")
        try await api.get("/library/{id}", "/library/api-notice")
        try await api.get("/library/{id}", "/library/no-such-document")
    }

    /// A station's police, set by the NEC and refused to a commune official; the finder's access filter.
    static func callPoliceAndAccess(_ api: Caller, station: StationCode, communeToken: String, nec: String) async throws {
        let police: String = "/election-day/stations/{code}/police"
        let uri: String = "/election-day/stations/" + station.rawValue + "/police"
        let four: String = "{\"officers\": 4}"
        try await api.put(police, uri, four, bearer: nec)
        try await api.put(police, uri, "{\"officers\": -1}", bearer: nec)
        try await api.put(police, uri, four, bearer: communeToken)
        try await api.put(police, uri, four, bearer: nil)
        try await api.put(police, "/election-day/stations/999999999/police", four, bearer: nec)
        try await api.get("/stations", "/stations?name=school&access=step-free")
        try await api.get("/stations", "/stations?name=school&access=stairs")
        try await api.get("/stations/nearest", "/stations/nearest?lat=11.55&lon=104.92&access=assistance")
    }

    /// Calls every operation of the API, with good and bad input, recording each answer; `served`
    /// gets the document as the server serves it.
    static func callEveryOperation(_ fixture: ResultsWebTests.Fixture, recorder: Recorder, served: Recorder) async throws {
        let store = fixture.store
        // A commune with three stations that have voters, and three of its officials.
        let byCommune = Dictionary(grouping: try await store.pollingStations(inProvince: "01").filter { $0.registeredVoters > 0 }) { $0.id.commune }
        let (commune, stations) = try #require(byCommune.filter { $0.value.count >= 3 }.min { $0.key.rawValue < $1.key.rawValue },
                                               "no commune of province 01 has three stations with voters")
        for name in ["api.one", "api.two", "api.three"] {
            _ = try await store.addOfficial(name: name, role: .communeOfficial, unitCode: .commune(commune), passwordHash: "!")
        }
        try await store.addMission(
            ObserverMission(id: "other", organisation: "Other", nameEnglish: "Other", nameKhmer: "ផ្សេង", kind: "domestic",
                            invitationDate: nil, invitedBy: [], workingGroup: []),
            members: [MissionMember(missionID: "other", seat: 1, name: "Observer", body: "NGO", title: "Observer", isHead: true, accreditation: .accredited)])
        let tokens = Tokens(
            one: try await Self.machineToken(store, "api.one"), two: try await Self.machineToken(store, "api.two"),
            three: try await Self.machineToken(store, "api.three"), nec: try await Self.machineToken(store, "nec.admin"),
            observer: try await Self.observerToken(store, mission: DemoMission.id, seat: 2),
            head: try await Self.observerToken(store, mission: DemoMission.id, seat: 1),
            outsider: try await Self.observerToken(store, mission: "other", seat: 1))
        try await Self.completeKep(store)

        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 5)
            .counts(for: stations.prefix(3).map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        let elsewhere = try #require(try await store.pollingStations(inProvince: "12").first).id
        let deployed = try #require(try await store.deployment(ofMission: DemoMission.id).keys.sorted().first).rawValue
        let register = try await TestDatabases.register()
        let inCommune = try #require(register.first { $0.stationCode.commune == commune })
        let outsideCommune = try #require(register.first { $0.stationCode.commune != commune })
        let ballot = fixture.ballot

        // After polls close on election day: results are entered, and stations' reports still arrive.
        let afterClosing = ElectionDaySchedule(try await store.election()).instant(ClockTime("16:00")!)
        let psc = try await store.addOfficial(name: "api.psc", role: .stationOfficial, unitCode: .station(stations[0].id), passwordHash: "!")
        let stationToken = Passwords.newToken()
        try await store.addMachineToken(digest: Passwords.digest(stationToken), officialID: psc.id, label: "openapi", expires: nil)

        let clock = PortalClock(now: { afterClosing })
        // Runs of calls go in closures of their own (`try await { ... }()`): one async function of
        // several hundred calls took LLVM's coroutine splitting over 20 GB.
        try await ResultsWebTests.run(fixture, clock: clock) { client in
            let api = Caller(client: client, recorder: recorder)
            let text = try await client.get("/api/v1/openapi.json").body
            await served.add(Exchange(path: "", method: "", uri: "", status: 200, body: text))

            // Reference data.
            try await { () async throws in
                try await api.get("/election")
                try await api.get("/statistics")
                try await api.get("/provinces")
                try await api.get("/provinces/{code}", "/provinces/01")
                try await api.get("/provinces/{code}", "/provinces/99")
                try await api.get("/provinces/{code}", "/provinces/1x")
                try await api.get("/provinces/{code}/stations", "/provinces/23/stations")
                try await api.get("/provinces/{code}/stations", "/provinces/xx/stations")
                try await api.get("/communes/{code}", "/communes/\(commune)")
                try await api.get("/communes/{code}", "/communes/999999")
                try await api.get("/communes/{code}", "/communes/12")
            }()
            let name = stations[0].nameEnglish.split(separator: " ").first.map(String.init) ?? "School"
            try await api.get("/stations", "/stations?name=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&limit=3")
            try await api.get("/stations", "/stations?limit=3")
            let position = stations[0].position
            try await api.get("/stations/nearest", "/stations/nearest?lat=\(position.latitude)&lon=\(position.longitude)&limit=2")
            try await api.get("/stations/nearest", "/stations/nearest?lat=100&lon=104")
            let stationDetail = try await api.get("/stations/{code}", "/stations/\(stations[0].id)")
            try await { () async throws in
                try await api.get("/stations/{code}", "/stations/999999999")
                try await api.get("/stations/{code}", "/stations/12")
                try await api.get("/commissions")
                try await api.get("/commissions", "/commissions?level=commune&within=0102")
                try await api.get("/commissions", "/commissions?level=county")
                try await api.get("/commissions/{id}", "/commissions/PSC-\(stations[0].id)")
                try await api.get("/commissions/{id}", "/commissions/NEC")
                try await api.get("/commissions/{id}", "/commissions/PEC-99")
                try await api.get("/commissions/{id}", "/commissions/" + String(repeating: "X", count: 30))
                try await api.get("/parties")
                try await api.get("/parties/{id}", "/parties/1")
                try await api.get("/parties/{id}", "/parties/999")
                try await api.get("/parties/{id}", "/parties/x")
                try await api.get("/parties/{id}/lists/{province}", "/parties/1/lists/12")
                try await api.get("/parties/{id}/lists/{province}", "/parties/1/lists/99")
                try await api.get("/parties/{id}/lists/{province}", "/parties/x/lists/12")
                try await api.get("/candidates/women")
            }()

            // Results, before any form is entered here.
            try await { () async throws in
                try await api.get("/results")
                try await api.get("/results/nist-cdf.json")
                try await api.get("/results/csv/{level}", "/results/csv/provinces?province=12")
                try await api.get("/results/publications")
                try await api.get("/results/publications/current")
            }()

            // Station 1: two entries agree.
            let s1 = stations[0].id, s2 = stations[1].id, s3 = stations[2].id
            let entries = "/results/stations/{code}/entries"
            try await { () async throws in
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot))
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot, replacing: ["invalidBallots": "\"x\""]), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot, replacing: ["invalidBallots": String(counts[0].invalidBallots + 1)]), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(elsewhere)/entries", Self.form(counts[0], ballot: ballot), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(commune)999/entries", Self.form(counts[0], ballot: ballot), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot, version: 2), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(s1)/entries", Self.form(counts[0], ballot: ballot), bearer: tokens.two)
            }()
            let acknowledgement = "/results/stations/{code}/acknowledgement"
            if try await store.resultFormVersions(station: s1).first?.status == .awaitingAcknowledgement {
                try await api.post(acknowledgement, "/results/stations/\(s1)/acknowledgement", "{\"version\": 1}", bearer: tokens.nec)
            }
            // Station 2: registered voters other than the list's, a warning to acknowledge.
            var warned = counts[1]
            warned.registeredVoters += 1
            try await { () async throws in
                try await api.post(entries, "/results/stations/\(s2)/entries", Self.form(warned, ballot: ballot), bearer: tokens.one)
                try await api.post(entries, "/results/stations/\(s2)/entries", Self.form(warned, ballot: ballot), bearer: tokens.two)
                try await api.post(acknowledgement, "/results/stations/\(s2)/acknowledgement", "{\"version\": 1}")
                try await api.post(acknowledgement, "/results/stations/\(s2)/acknowledgement", "{}", bearer: tokens.nec)
                try await api.post(acknowledgement, "/results/stations/\(s2)/acknowledgement", "{\"version\": 1}", bearer: tokens.one)
                try await api.post(acknowledgement, "/results/stations/999999999/acknowledgement", "{\"version\": 1}", bearer: tokens.nec)
                try await api.post(acknowledgement, "/results/stations/\(s2)/acknowledgement", "{\"version\": 1}", bearer: tokens.nec)
                try await api.post(acknowledgement, "/results/stations/\(s2)/acknowledgement", "{\"version\": 1}", bearer: tokens.nec)
            }()
            // Station 3: the entries differ; a third official settles the dispute.
            var typo = counts[2]
            let step = typo.unusedBallots > 0 ? 1 : -1
            typo.unusedBallots -= step
            typo.spoiledBallots += step
            try await api.post(entries, "/results/stations/\(s3)/entries", Self.form(counts[2], ballot: ballot), bearer: tokens.one)
            try await api.post(entries, "/results/stations/\(s3)/entries", Self.form(typo, ballot: ballot), bearer: tokens.two)
            let resolution = "/results/stations/{code}/resolution"
            try await { () async throws in
                try await api.post(resolution, "/results/stations/\(s3)/resolution", Self.form(counts[2], ballot: ballot))
                try await api.post(resolution, "/results/stations/\(s3)/resolution", Self.form(counts[2], ballot: ballot), bearer: tokens.one)
                try await api.post(resolution, "/results/stations/\(s3)/resolution", Self.form(counts[2], ballot: ballot, replacing: ["ballotsIssued": "1.5"]), bearer: tokens.three)
                try await api.post(resolution, "/results/stations/\(s3)/resolution", Self.form(counts[2], ballot: ballot, replacing: ["invalidBallots": String(counts[2].invalidBallots + 1)]), bearer: tokens.three)
                try await api.post(resolution, "/results/stations/\(elsewhere)/resolution", Self.form(counts[2], ballot: ballot), bearer: tokens.three)
                try await api.post(resolution, "/results/stations/\(commune)999/resolution", Self.form(counts[2], ballot: ballot), bearer: tokens.three)
                try await api.post(resolution, "/results/stations/\(s3)/resolution", Self.form(counts[2], ballot: ballot), bearer: tokens.three)
            }()
            // Corrections of station 1, now accepted.
            let corrections = "/results/stations/{code}/corrections"
            try await { () async throws in
                try await api.post(corrections, "/results/stations/\(s1)/corrections", "{\"version\": 1, \"reason\": \"misread\"}")
                try await api.post(corrections, "/results/stations/\(s1)/corrections", "{\"reason\": \"misread\"}", bearer: tokens.three)
                try await api.post(corrections, "/results/stations/\(s1)/corrections", "{\"version\": 1, \"reason\": \" \"}", bearer: tokens.three)
                try await api.post(corrections, "/results/stations/\(elsewhere)/corrections", "{\"version\": 1, \"reason\": \"misread\"}", bearer: tokens.three)
                try await api.post(corrections, "/results/stations/999999999/corrections", "{\"version\": 1, \"reason\": \"misread\"}", bearer: tokens.three)
                try await api.post(corrections, "/results/stations/\(s1)/corrections", "{\"version\": 1, \"reason\": \"misread\"}", bearer: tokens.three)
                try await api.post(corrections, "/results/stations/\(s1)/corrections", "{\"version\": 1, \"reason\": \"misread\"}", bearer: tokens.three)
            }()
            // Confirmations: Kep is complete, Phnom Penh is not.
            let confirmations = "/results/confirmations"
            try await { () async throws in
                try await api.post(confirmations, confirmations, "{\"level\": \"province\", \"code\": \"23\"}")
                try await api.post(confirmations, confirmations, "{\"level\": \"county\", \"code\": \"23\"}", bearer: tokens.nec)
                try await api.post(confirmations, confirmations, "{\"level\": \"province\", \"code\": \"23\"}", bearer: tokens.one)
                try await api.post(confirmations, confirmations, "{\"level\": \"province\", \"code\": \"12\"}", bearer: tokens.nec)
                try await api.post(confirmations, confirmations, "{\"level\": \"province\", \"code\": \"23\"}", bearer: tokens.nec)
            }()
            // Public results with forms in every state.
            try await { () async throws in
                try await api.get("/results")
                try await api.get("/results/nist-cdf.json")
                try await api.get("/results/nist-cdf.json", "/results/nist-cdf.json?detail=communes&province=\(commune.province)")
                try await api.get("/results/nist-cdf.json", "/results/nist-cdf.json?detail=stations&province=\(commune.province)")
                try await api.get("/results/nist-cdf.json", "/results/nist-cdf.json?detail=stations")
                try await api.get("/results/nist-cdf.json", "/results/nist-cdf.json?detail=villages")
            }()
            for code in ["01", "23"] { try await api.get("/results/provinces/{code}", "/results/provinces/\(code)") }
            try await { () async throws in
                try await api.get("/results/provinces/{code}", "/results/provinces/99")
                try await api.get("/results/provinces/{code}", "/results/provinces/x")
                try await api.get("/results/communes/{code}", "/results/communes/\(commune)")
                try await api.get("/results/communes/{code}", "/results/communes/999999")
                try await api.get("/results/communes/{code}", "/results/communes/01")
            }()
            for code in [s1, s2, s3, stations[3 % stations.count].id] {
                try await api.get("/results/stations/{code}", "/results/stations/\(code)")
            }
            try await api.get("/results/stations/{code}", "/results/stations/999999999")
            try await api.get("/results/stations/{code}", "/results/stations/12")
            // Publications.
            let publications = "/results/publications"
            try await { () async throws in
                try await api.post(publications, publications, "{}")
                try await api.post(publications, publications, "{}", bearer: tokens.one)
                try await api.post(publications, publications, "{}", bearer: tokens.nec)
                try await api.get(publications)
                try await api.get("/results/publications/current")
                try await api.get("/results/publications/{number}", "/results/publications/1")
                try await api.get("/results/publications/{number}", "/results/publications/99")
                try await api.get("/results/publications/{number}", "/results/publications/x")
                try await api.get("/results/publications/{number}/content", "/results/publications/1/content")
                try await api.get("/results/publications/{number}/content", "/results/publications/99/content")
                try await api.get("/results/publications/{number}/nist-cdf.json", "/results/publications/1/nist-cdf.json")
                try await api.get("/results/publications/{number}/nist-cdf.json", "/results/publications/99/nist-cdf.json")
            }()

            // Campaign airtime, before it is published.
            try await api.get("/campaign/airtime")
            try await api.get("/campaign/airtime.csv")
            let publisher = try #require(try await store.officialAccount(named: "nec.admin")).official
            let tvk = AirtimeChannel(name: "TVK", slots: [.init(start: ClockTime("19:00")!, prime: true), .init(start: ClockTime("12:00")!, prime: false)])
            _ = try await store.publishAirtime(
                AirtimeDraw(seed: 2023, minutes: 10, channels: [tvk], parties: try await store.parties().map(\.id)), reason: "", by: publisher, at: Date())
            try await { () async throws in
                try await api.get("/campaign/airtime")
                try await api.get("/campaign/airtime.csv")
                try await api.get("/campaign/airtime.ics")
                try await api.get("/campaign/airtime.ics", "/campaign/airtime.ics?party=1")
                try await api.get("/campaign/airtime.ics", "/campaign/airtime.ics?party=99")
            }()

            try await Self.callElectionDay(api, station: stations[0].id, stationToken: stationToken, communeToken: tokens.one, nec: tokens.nec)

            // Accreditation: public counts and checks; the NEC's organisations, files, decisions, revocations.
            try await { () async throws in
                try await api.get("/accreditation/statistics")
                try await api.get("/accreditation/codes")
                try await api.get("/accreditation/organisations")
                try await api.get("/accreditation/public-key")
                try await api.get("/accreditation/revocations")
            }()
            let verification = "/accreditation/verification"
            try await api.get(verification, verification)
            try await api.get(verification, verification + "?badge=SALA1.x.y")
            let organisation = "{\"id\": \"openapi-watch\", \"nameEnglish\": \"Watch\", \"nameKhmer\": \"អ្នកឃ្លាំមើល\", \"kind\": \"national\", \"contact\": \"\"}"
            try await { () async throws in
                try await api.post("/accreditation/organisations", "/accreditation/organisations", organisation)
                try await api.post("/accreditation/organisations", "/accreditation/organisations", organisation, bearer: tokens.one)
                try await api.post("/accreditation/organisations", "/accreditation/organisations", organisation.replacingOccurrences(of: "openapi-watch", with: "Bad Id"), bearer: tokens.nec)
                // A name of spaces and line breaks is blank, as the document's `\S` says.
                let blank = try await api.post(
                    "/accreditation/organisations", "/accreditation/organisations", organisation.replacingOccurrences(of: "\"Watch\"", with: "\" \\n\""), bearer: tokens.nec)
                #expect(blank.status == .badRequest && blank.body.contains("\"nameEnglish\""), "\(blank.body)")
                try await api.post("/accreditation/organisations", "/accreditation/organisations", organisation, bearer: tokens.nec)
                try await api.post("/accreditation/organisations", "/accreditation/organisations", organisation, bearer: tokens.nec)
            }()
            let file = "/accreditation/organisations/{id}/applications"
            try await api.post(file, "/accreditation/organisations/openapi-watch/applications", "name_km,name_latin,sex,nationality\nសុខ សុភា,Sok Sophea,F,KHM\nx,y,F,KHM\n", bearer: tokens.nec)
            // An organisation applies itself and waits; the NEC registers or refuses it.
            let apply = "/accreditation/organisation-applications"
            let applying = "{\"nameEnglish\": \"OpenAPI Monitors\", \"nameKhmer\": \"អ្នកតាមដាន\", \"kind\": \"national\", \"contact\": \"+855 12 000 000\"}"
            let applied = try await api.post(apply, apply, applying)
            try await api.post(apply, apply, applying.replacingOccurrences(of: "national", with: "club"))
            let appliedID = try Self.appliedOrganisation(applied.body)
            let organisationRegistration = "/accreditation/organisations/{id}/registration"
            let registering = "/accreditation/organisations/\(appliedID)/registration"
            try await { () async throws in
                try await api.post(organisationRegistration, registering, "{\"decision\": \"register\"}")
                try await api.post(organisationRegistration, registering, "{\"decision\": \"register\"}", bearer: tokens.one)
                try await api.post(organisationRegistration, registering, "{\"decision\": \"maybe\"}", bearer: tokens.nec)
                try await api.post(organisationRegistration, registering, "{\"decision\": \"refuse\"}", bearer: tokens.nec)
                try await api.post(organisationRegistration, "/accreditation/organisations/nobody/registration", "{\"decision\": \"register\"}", bearer: tokens.nec)
                try await api.post(organisationRegistration, registering, "{\"decision\": \"register\"}", bearer: tokens.nec)
                try await api.post(organisationRegistration, registering, "{\"decision\": \"register\"}", bearer: tokens.nec)
                try await api.post(file, "/accreditation/organisations/openapi-watch/applications", "name_km,name_latin,sex,nationality\nx,y,F,KHM\n", bearer: tokens.nec)
                try await api.post(file, "/accreditation/organisations/openapi-watch/applications", "name,sex\n", bearer: tokens.nec)
                try await api.post(file, "/accreditation/organisations/nobody/applications", "name_km,name_latin,sex,nationality\n", bearer: tokens.nec)
            }()
            let decisions = "/accreditation/decisions"
            try await { () async throws in
                try await api.post(decisions, decisions, "{\"organisation\": \"openapi-watch\", \"decision\": \"accept\", \"validFrom\": \"2023-07-01\", \"validUntil\": \"2023-07-31\"}", bearer: tokens.one)
                try await api.post(decisions, decisions, "{\"organisation\": \"openapi-watch\", \"decision\": \"refuse\"}", bearer: tokens.nec)
                try await api.post(decisions, decisions, "{\"organisation\": \"nobody\", \"decision\": \"refuse\", \"reason\": \"x\"}", bearer: tokens.nec)
                try await api.post(decisions, decisions, "{\"organisation\": \"openapi-watch\", \"decision\": \"accept\", \"validFrom\": \"2023-07-01\", \"validUntil\": \"2023-07-31\"}", bearer: tokens.nec)
            }()
            let badge = "/accreditation/badges/{number}"
            try await { () async throws in
                try await api.get(badge, "/accreditation/badges/A-000001")
                try await api.get(badge, "/accreditation/badges/A-000001", bearer: tokens.nec)
                try await api.get(badge, "/accreditation/badges/B-1", bearer: tokens.nec)
                try await api.get(badge, "/accreditation/badges/A-999999", bearer: tokens.nec)
            }()
            let revocation = "/accreditation/badges/{number}/revocation"
            try await { () async throws in
                try await api.post(revocation, "/accreditation/badges/A-000001/revocation", "{\"reason\": \"\"}", bearer: tokens.nec)
                try await api.post(revocation, "/accreditation/badges/A-000001/revocation", "{\"reason\": \"breach\"}", bearer: tokens.nec)
                try await api.post(revocation, "/accreditation/badges/A-000001/revocation", "{\"reason\": \"breach\"}", bearer: tokens.nec)
                try await api.get("/accreditation/revocations")
            }()

            // Observation.
            let mission = "/missions/\(DemoMission.id)"
            try await { () async throws in
                try await api.get("/missions")
                try await api.get("/missions/{id}", mission)
                try await api.get("/missions/{id}", "/missions/nobody")
                try await api.get("/missions/{id}/findings", mission + "/findings")
                try await api.get("/missions/{id}/findings", "/missions/nobody/findings")
            }()
            let checklists = "/missions/{id}/checklists"
            let id = UUID().uuidString
            try await { () async throws in
                try await api.post(checklists, mission + "/checklists", ObservationWebTests.body(id: id, station: deployed))
                try await api.post(checklists, mission + "/checklists", ObservationWebTests.body(id: id, station: deployed), bearer: tokens.outsider)
                try await api.post(checklists, mission + "/checklists", ObservationWebTests.body(id: "not-a-uuid", station: deployed), bearer: tokens.observer)
                try await api.post(checklists, mission + "/checklists", ObservationWebTests.body(id: id, station: deployed), bearer: tokens.observer)
                try await api.post(checklists, mission + "/checklists", ObservationWebTests.body(id: id, station: deployed), bearer: tokens.observer)
                try await api.post(checklists, mission + "/checklists", ObservationWebTests.body(id: id, station: deployed, answers: ["queue": "40"]), bearer: tokens.observer)
            }()
            let incidents = "/missions/{id}/incidents"
            let incident = """
                {"kind": "complaint", "category": "intimidation", "severity": "medium", "station": "\(deployed)",
                 "day": "2023-07-23", "time": "10:15", "description": "A party agent was asked to leave."}
                """
            try await api.post(incidents, mission + "/incidents", incident)
            try await api.post(incidents, mission + "/incidents", incident, bearer: tokens.outsider)
            try await api.post(incidents, mission + "/incidents", incident.replacingOccurrences(of: "intimidation", with: "rumour"), bearer: tokens.observer)
            let created = try await api.post(incidents, mission + "/incidents", incident, bearer: tokens.observer)
            let number = (try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])?["id"] as? Int ?? 1
            let place = """
                {"kind": "incident", "category": "other", "severity": "low", "place": "Market", "day": "2023-07-22", "description": "Posters torn down."}
                """
            try await { () async throws in
                try await api.post(incidents, mission + "/incidents", place, bearer: tokens.observer)
                try await api.get(incidents, mission + "/incidents")
                try await api.get(incidents, mission + "/incidents?rejected=include")
                try await api.get(incidents, "/missions/nobody/incidents")
            }()
            let status = "/missions/{id}/incidents/{number}/status"
            try await { () async throws in
                try await api.post(status, mission + "/incidents/\(number)/status", "{\"status\": \"confirmed\"}")
                try await api.post(status, mission + "/incidents/\(number)/status", "{\"status\": \"confirmed\"}", bearer: tokens.observer)
                try await api.post(status, mission + "/incidents/\(number)/status", "{\"status\": \"forgotten\"}", bearer: tokens.head)
                try await api.post(status, mission + "/incidents/999999/status", "{\"status\": \"confirmed\"}", bearer: tokens.head)
                try await api.post(status, mission + "/incidents/\(number)/status", "{\"status\": \"confirmed\"}", bearer: tokens.head)
            }()
            try await Self.callMissionComplaint(api, incident: mission + "/incidents/\(number)/complaint", head: tokens.head, observer: tokens.observer)
            try await Self.callQuickCount(api, store: store, tokens: tokens)
            let visits = "/missions/{id}/visits"
            let visit = "{\"station\": \"\(deployed)\", \"arrival\": \"09:00\", \"departure\": \"09:30\", \"phase\": \"voting\"}"
            try await { () async throws in
                try await api.post(visits, mission + "/visits", visit)
                try await api.post(visits, mission + "/visits", visit, bearer: tokens.outsider)
                try await api.post(visits, mission + "/visits", visit.replacingOccurrences(of: "09:30", with: "08:30"), bearer: tokens.observer)
                try await api.post(visits, mission + "/visits", visit, bearer: tokens.observer)
                try await api.get(visits, mission + "/visits")
                try await api.get(visits, "/missions/nobody/visits")
            }()
            let coverage = "/missions/{id}/coverage"
            let item = "{\"id\": \"\(UUID().uuidString)\", \"outlet\": \"TVK\", \"day\": \"2023-07-10\", \"party\": 1, \"seconds\": 90, \"tone\": \"neutral\"}"
            try await { () async throws in
                try await api.post(coverage, mission + "/coverage", item)
                try await api.post(coverage, mission + "/coverage", item, bearer: tokens.outsider)
                try await api.post(coverage, mission + "/coverage", item.replacingOccurrences(of: "90", with: "0"), bearer: tokens.observer)
                try await api.post(coverage, mission + "/coverage", item, bearer: tokens.observer)
                try await api.post(coverage, mission + "/coverage", item, bearer: tokens.observer)
                try await api.post(coverage, mission + "/coverage", item.replacingOccurrences(of: "90", with: "91"), bearer: tokens.observer)
                try await api.get(coverage, mission + "/coverage")
            }()
            let memberBadge = "/missions/{id}/members/{seat}/badge"
            let headBadge = try Self.headBadge(try await api.get("/missions/{id}", mission).body)
            try await { () async throws in
                try await api.put(memberBadge, mission + "/members/2/badge", "{\"badge\": null}")
                try await api.put(memberBadge, mission + "/members/2/badge", "{\"badge\": null}", bearer: tokens.observer)
                try await api.put(memberBadge, mission + "/members/2/badge", "{\"badge\": \"12\"}", bearer: tokens.head)
                try await api.put(memberBadge, mission + "/members/99/badge", "{\"badge\": null}", bearer: tokens.head)
                try await api.put(memberBadge, mission + "/members/2/badge", "{\"badge\": \"\(headBadge)\"}", bearer: tokens.head)
                try await api.put(memberBadge, mission + "/members/2/badge", "{\"badge\": null}", bearer: tokens.head)
                try await api.get(coverage, "/missions/nobody/coverage")
            }()
            let activities = "/missions/{id}/activities"
            let activity = "{\"kind\": \"meeting\", \"day\": \"2023-07-22\", \"with\": \"Ministry of Interior\", \"notes\": \"Security.\"}"
            try await { () async throws in
                try await api.post(activities, mission + "/activities", activity)
                try await api.post(activities, mission + "/activities", activity, bearer: tokens.outsider)
                try await api.post(activities, mission + "/activities", activity.replacingOccurrences(of: "meeting", with: "dinner"), bearer: tokens.observer)
                try await api.post(activities, mission + "/activities", activity, bearer: tokens.observer)
                try await api.post(activities, mission + "/activities", "{\"kind\": \"media-monitoring\", \"day\": \"2023-07-21\", \"with\": \"Radio\"}", bearer: tokens.observer)
            }()
            let statement = "/missions/{id}/statement"
            let said = """
                {"assessmentEnglish": "Calm.", "assessmentKhmer": "ស្ងប់ស្ងាត់។", "conclusionsEnglish": "Well run.", "conclusionsKhmer": "គ្រប់គ្រងបានល្អ។"}
                """
            try await { () async throws in
                try await api.post(statement, mission + "/statement", said)
                try await api.post(statement, mission + "/statement", said, bearer: tokens.observer)
                try await api.post(statement, mission + "/statement", said.replacingOccurrences(of: "Well run.", with: ""), bearer: tokens.head)
                try await api.post(statement, mission + "/statement", said, bearer: tokens.head)
                try await api.get("/missions/{id}", mission)
                try await api.get("/missions/{id}/findings", mission + "/findings")
            }()

            // The register.
            let latin = inCommune.name.latin.split(separator: " ").map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }.joined(separator: "%20")
            // This election's voter list: not fixed, refused to a commune official, fixed by the NEC, refused again.
            let voterList = "/register/voter-list"
            try await { () async throws in
                try await api.get(voterList, voterList) // 401
                try await api.get(voterList, voterList, bearer: tokens.one)
                try await api.post(voterList, voterList, "", bearer: tokens.one) // 403
                try await api.post(voterList, voterList, "", bearer: tokens.nec) // 201
                try await api.post(voterList, voterList, "", bearer: tokens.nec) // 409
                try await api.get(voterList, voterList, bearer: tokens.nec)
                try await api.get("/register/search", "/register/search?name=\(latin)&born=\(inCommune.dateOfBirth.iso)")
                try await api.get("/register/search", "/register/search?name=\(latin)&born=\(inCommune.dateOfBirth.iso)&slips=true", bearer: tokens.one)
                try await api.get("/register/search", "/register/search?name=\(latin)", bearer: tokens.one)
                try await api.get("/register/search", "/register/search?born=\(inCommune.dateOfBirth.iso)", bearer: tokens.one)
            }()
            let voters = "/register/voters"
            let number1 = VoterNumber(serial: 987_300_000), number2 = VoterNumber(serial: 987_300_001)
            let born = "1933-05-0\(Int.random(in: 1...9))"
            func voter(_ number: VoterNumber, _ station: String) -> String {
                RegisterWebTests.voterJSON(number: number, born: born, station: station, name: "ហេង សុភ័ក្ត្រ")
            }
            try await { () async throws in
                try await api.post(voters, voters, voter(number1, s1.rawValue))
                try await api.post(voters, voters, voter(number1, elsewhere.rawValue), bearer: tokens.three)
                try await api.post(voters, voters, voter(number1, "\(commune)999"), bearer: tokens.three)
                try await api.post(voters, voters, voter(number1, s1.rawValue), bearer: tokens.three)
                try await api.post(voters, voters, voter(number1, s1.rawValue), bearer: tokens.three)
                try await api.post(voters, voters, voter(number2, s2.rawValue), bearer: tokens.three)
            }()
            let one = "/register/voters/{number}"
            try await { () async throws in
                try await api.get(one, "/register/voters/\(number1)")
                try await api.get(one, "/register/voters/\(outsideCommune.number)", bearer: tokens.one)
                try await api.get(one, "/register/voters/123", bearer: tokens.one)
                try await api.get(one, "/register/voters/\(VoterNumber(serial: 987_399_999))", bearer: tokens.one)
                try await api.get(one, "/register/voters/\(inCommune.number)", bearer: tokens.one)
            }()
            let move = "/register/voters/{number}/move"
            try await { () async throws in
                try await api.post(move, "/register/voters/\(number1)/move", "{\"station\": \"\(s3)\", \"reason\": \"moved house\"}")
                try await api.post(move, "/register/voters/\(number1)/move", "{\"station\": \"\(elsewhere)\", \"reason\": \"moved house\"}", bearer: tokens.three)
                try await api.post(move, "/register/voters/\(number1)/move", "{\"station\": \"\(commune)999\", \"reason\": \"moved house\"}", bearer: tokens.three)
                try await api.post(move, "/register/voters/\(VoterNumber(serial: 987_399_999))/move", "{\"station\": \"\(s3)\", \"reason\": \"moved house\"}", bearer: tokens.three)
                try await api.post(move, "/register/voters/\(number1)/move", "{\"station\": \"\(s3)\", \"reason\": \"moved house\"}", bearer: tokens.three)
                try await api.post(move, "/register/voters/\(number1)/move", "{\"station\": \"\(s3)\", \"reason\": \"moved again\"}", bearer: tokens.three)
                try await api.get(one, "/register/voters/\(number1)", bearer: tokens.one)
            }()

            // Duplicates: the two voters just registered share a name and a date of birth.
            _ = try await store.findDuplicates(DuplicateRule())
            let duplicates = "/register/duplicates"
            try await api.get(duplicates)
            try await api.get(duplicates, duplicates + "?limit=0", bearer: tokens.one)
            let queue = try await api.get(duplicates, duplicates + "?limit=1000", bearer: tokens.one)
            try await api.get(duplicates, duplicates + "?all=true&limit=5", bearer: tokens.one)
            // A yes-or-no parameter is `true` or `false` (or left out): anything else is refused naming it,
            // not taken as false.
            for notAFlag in ["null", "yes", "1", ""] {
                let refused = try await api.get(duplicates, duplicates + "?all=\(notAFlag)", bearer: tokens.one)
                #expect(refused.status == .badRequest && refused.body.contains("\"all\""), "all=\(notAFlag): \(refused.body)")
            }
            let slipsOn = try await api.get("/register/search", "/register/search?name=\(latin)&slips=on", bearer: tokens.one)
            #expect(slipsOn.status == .badRequest && slipsOn.body.contains("\"slips\""), "\(slipsOn.body)")
            let cases = (try JSONSerialization.jsonObject(with: Data(queue.body.utf8)) as? [[String: Any]]) ?? []
            let caseID = cases.first { ($0["voters"] as? [[String: Any]])?.contains { $0["number"] as? String == number1.description } == true }?["id"] as? Int
            let decision = "/register/duplicates/{id}/decision"
            let target = caseID.map(String.init) ?? "1"
            try await { () async throws in
                try await api.post(decision, "/register/duplicates/\(target)/decision", "{\"verdict\": \"same-person\"}")
                try await api.post(decision, "/register/duplicates/\(target)/decision", "{\"verdict\": \"unsure\"}", bearer: tokens.three)
                try await api.post(decision, "/register/duplicates/999999/decision", "{\"verdict\": \"same-person\", \"note\": \"x\"}", bearer: tokens.three)
                try await api.post(decision, "/register/duplicates/\(target)/decision", "{\"verdict\": \"same-person\", \"note\": \"one person\"}", bearer: tokens.three)
            }()
            let removal = "/register/voters/{number}/removal"
            try await { () async throws in
                try await api.post(removal, "/register/voters/\(number2)/removal", "{\"reason\": \"duplicate\"}")
                try await api.post(removal, "/register/voters/\(number2)/removal", "{}", bearer: tokens.three)
                try await api.post(removal, "/register/voters/\(outsideCommune.number)/removal", "{\"reason\": \"duplicate\"}", bearer: tokens.three)
                try await api.post(removal, "/register/voters/\(VoterNumber(serial: 987_399_999))/removal", "{\"reason\": \"duplicate\"}", bearer: tokens.three)
                try await api.post(removal, "/register/voters/\(number2)/removal", "{\"reason\": \"duplicate\"}", bearer: tokens.three)
            }()

            // The public registration check.
            let registration = "/registration"
            try await { () async throws in
                try await api.post(registration, registration, "{\"voterNumber\": \"\(number1)\"}")
                try await api.post(registration, registration, "{\"voterNumber\": \"\(number2)\"}")
                try await api.post(registration, registration, "{\"name\": \"Sok\", \"dateOfBirth\": \"1990-01-31\"}")
                try await api.post(registration, registration, "{\"voterNumber\": \"123\"}")
                try await api.post(registration, registration, "not json")
            }()

            // Elections: the list, the current one (its count under way) and the 2018 record, and both compared.
            let election = "/elections/{id}", comparison = "/elections/{id}/comparison/{other}"
            try await { () async throws in
                try await api.get("/elections")
                try await api.get(election, "/elections/cambodia-2018")
                try await api.get(election, "/elections/cambodia-2023")
                try await api.get(election, "/elections/cambodia-1998") // 404
                try await api.get(election, "/elections/cambodia%201998") // 400
                try await api.get(comparison, "/elections/cambodia-2018/comparison/cambodia-2023")
                try await api.get(comparison, "/elections/cambodia-2023/comparison/cambodia-1998") // 404
            }()

            // Nominations: the calendar and the ballot draws; lists for a one-seat constituency, by the
            // NEC's machine and by a new party's agent, once the NEC has moved the closed deadline.
            try await api.get("/calendar")
            try await api.get("/ballot-draws")
            let nec = try #require(try await store.officialAccount(named: "nec.admin")).official
            let electionDay = try #require(CalendarDate(year: 2023, month: 7, day: 23))
            let people = try await store.voters(after: nil, limit: 2000)
            let adults = people.filter { $0.dateOfBirth.age(on: electionDay) >= 25 }
            let minor = try #require(people.first { $0.dateOfBirth.age(on: electionDay) < 25 })
            try #require(adults.count >= 2)
            let small = try #require(try await store.constituencies().first { $0.seats == 1 && $0.id != "23" }).id
            func listBody(_ candidates: [Voter]) throws -> String {
                let rows = candidates.map { ["voterNumber": "\($0.number)", "name": $0.name.khmer, "nationalByBirth": true] as [String: Any] }
                return String(decoding: try JSONSerialization.data(withJSONObject: ["candidates": rows]), as: UTF8.self)
            }
            let lists = "/parties/{id}/lists/{province}", ours = "/parties/1/lists/\(small)"
            try await api.post(lists, ours, try listBody([adults[0]]), bearer: tokens.nec) // 409: closed since 2023
            try await store.overrideDeadline(.nominations, closes: try #require(CalendarDate(iso: "2099-12-31")), reason: "test", by: nec, at: Date())
            try await { () async throws in
                try await api.get("/calendar")
                try await api.post(lists, ours, try listBody([adults[0]])) // 401
                try await api.post(lists, ours, "{\"candidates\": [{\"voterNumber\": \"123\", \"name\": \"x\"}]}", bearer: tokens.nec) // 400
                try await api.post(lists, "/parties/1/lists/99", try listBody([adults[0]]), bearer: tokens.nec) // 404
                try await api.post(lists, ours, try listBody([minor]), bearer: tokens.nec) // 422: too young
                try await api.post(lists, ours, "{\"candidates\": []}", bearer: tokens.nec) // 422: too few
                try await api.post(lists, ours, try listBody([adults[0]]), bearer: tokens.nec) // 201
            }()
            let code = Passwords.newToken()
            let filed = try await store.fileApplication(PartyApplication(
                id: 0, nameEnglish: "Test Party", nameKhmer: "គណបក្សសាកល្បង", abbreviation: "TP", leader: "L", contact: "C", filedAt: Date()),
                by: nec, at: Date())
            let party = try #require(try await store.decide(
                application: filed.id, .register(reason: "", agentName: "Agent"), agentCodeDigest: Passwords.digest(code), by: nec, at: Date()).party)
            let byAgent = try await api.post(lists, "/parties/\(party)/lists/\(small)", try listBody([adults[1]]), bearer: code)
            #expect(byAgent.status == .created, "\(byAgent.body)")
            try await api.post(lists, ours, try listBody([adults[1]]), bearer: code) // 403: another party's list
            _ = try await store.drawBallotOrder(seed: 2023, by: nec, at: Date())
            try await api.get("/ballot-draws")

            // Polling stations: fixed since voter registration closed in 2022, until the NEC moves that
            // deadline; then a station added to a commune of province 25, edited, and retired. A
            // station with voters cannot be retired.
            func stationBody(_ name: String, latitude: Double = 11.92) -> String {
                "{\"nameEnglish\": \"\(name)\", \"nameKhmer\": \"សាលាថ្មី\", \"latitude\": \(latitude), \"longitude\": 105.65, \"reason\": \"new village\"}"
            }
            let keep = "/stations/{code}", add = "/communes/{code}/stations", retire = "/stations/{code}/retirement"
            try await api.put(keep, "/stations/\(s1)", stationBody("Renamed"), bearer: tokens.nec) // 409: stations fixed
            try await store.overrideDeadline(.voterRegistration, closes: try #require(CalendarDate(iso: "2099-12-31")), reason: "test", by: nec, at: Date())
            let newCommune = try #require(try await store.communes(inProvince: "25").first).id
            try await api.post(add, "/communes/\(newCommune)/stations", stationBody("New School")) // 401
            try await api.post(add, "/communes/\(newCommune)/stations", stationBody("New School"), bearer: tokens.one) // 403
            try await api.post(add, "/communes/259999/stations", stationBody("New School"), bearer: tokens.nec) // 404
            let added = try await api.post(add, "/communes/\(newCommune)/stations", stationBody("New School"), bearer: tokens.nec)
            #expect(added.status == .created, "\(added.body)")
            let newCode = try #require((try JSONSerialization.jsonObject(with: Data(added.body.utf8)) as? [String: Any])?["id"] as? String)
            let newStation = "/stations/\(newCode)"
            try await api.put(keep, newStation, stationBody("Renamed School"), bearer: tokens.nec) // 200
            try await api.put(keep, newStation, stationBody("Renamed School"), bearer: tokens.nec) // 409: no change
            try await api.put(keep, newStation, stationBody("Renamed School", latitude: 200), bearer: tokens.nec) // 400
            let history = try await api.get("/stations/{code}/changes", newStation + "/changes")
            let recorded = try JSONSerialization.jsonObject(with: Data(history.body.utf8)) as? [Any]
            #expect(recorded?.count == 2, "\(history.body)")
            try await api.get("/stations/{code}/changes", "/stations/12/changes") // 400
            let withVoters = try #require(try await store.voters(after: nil, limit: 1).first).stationCode
            try await api.post(retire, "/stations/\(withVoters)/retirement", "{\"reason\": \"test\"}", bearer: tokens.nec) // 409
            try await api.post(retire, newStation + "/retirement", "{}", bearer: tokens.nec) // 422
            try await api.post(retire, newStation + "/retirement", "{\"reason\": \"test\"}", bearer: tokens.nec) // 200

            // Communes: one added to province 25 under a new code, changed, refused retirement while a
            // station remains (the commune with voters), retired once empty, its code then refused.
            func communeBody(_ kind: String, code: String? = "259903") -> String {
                (code.map { "{\"code\": \"\($0)\", " } ?? "{")
                    + "\"nameEnglish\": \"Prek Thmei\", \"nameKhmer\": \"ព្រែកថ្មី\", \"districtName\": \"Ponhea Kraek\", \"kind\": \"\(kind)\", \"reason\": \"sub-decree\"}"
            }
            let communes = "/provinces/{code}/communes", commune = "/communes/{code}", communeRetirement = "/communes/{code}/retirement"
            try await { () async throws in
                try await api.post(communes, "/provinces/25/communes", communeBody("Commune")) // 401
                try await api.post(communes, "/provinces/25/communes", communeBody("Commune"), bearer: tokens.one) // 403
                try await api.post(communes, "/provinces/25/communes", communeBody("Village"), bearer: tokens.nec) // 400
                try await api.post(communes, "/provinces/99/communes", communeBody("Commune", code: "999903"), bearer: tokens.nec) // 404
            }()
            let newCommuneReply = try await api.post(communes, "/provinces/25/communes", communeBody("Commune"), bearer: tokens.nec) // 201
            #expect(newCommuneReply.status == .created, "\(newCommuneReply.body)")
            try await { () async throws in
                try await api.post(communes, "/provinces/25/communes", communeBody("Commune"), bearer: tokens.nec) // 409: code taken
                try await api.put(commune, "/communes/259903", communeBody("Sangkat", code: nil), bearer: tokens.nec) // 200
                try await api.put(commune, "/communes/259903", communeBody("Sangkat", code: nil), bearer: tokens.nec) // 409: no change
                try await api.put(commune, "/communes/259999", communeBody("Sangkat", code: nil), bearer: tokens.nec) // 404
                try await api.get("/communes/{code}/changes", "/communes/259903/changes")
                try await api.post(communeRetirement, "/communes/\(withVoters.commune)/retirement", "{\"reason\": \"test\"}", bearer: tokens.nec) // 409
                try await api.post(communeRetirement, "/communes/259903/retirement", "{\"reason\": \"test\"}", bearer: tokens.nec) // 200
            }()

            // Commissions: a voter appointed to a polling station commission of province 25 (a second
            // chair refused) and removed again; a commune commission at its smallest size keeps its members.
            let commission = Commission.id(level: .pollingStation, unitCode: .station(try await store.pollingStations(inProvince: "25")[1].id))
            let appointee = people[people.count - 1], other = people[people.count - 2]
            func memberBody(_ voter: Voter, _ role: String, number: String? = nil) -> String {
                "{\"voterNumber\": \"\(number ?? voter.number.description)\", \"name\": \"\(voter.name.latin)\", \"role\": \"\(role)\", \"reason\": \"new member\"}"
            }
            let appoint = "/commissions/{id}/members", members = "/commissions/\(commission)/members"
            try await { () async throws in
                try await api.post(appoint, members, memberBody(appointee, "member")) // 401
                try await api.post(appoint, members, memberBody(appointee, "member"), bearer: tokens.one) // 403
                try await api.post(appoint, members, memberBody(appointee, "member", number: "123"), bearer: tokens.nec) // 400
                try await api.post(appoint, "/commissions/PSC-999999999/members", memberBody(appointee, "member"), bearer: tokens.nec) // 404
            }()
            let appointed = try await api.post(appoint, members, memberBody(appointee, "member"), bearer: tokens.nec)
            #expect(appointed.status == .created, "\(appointed.body)")
            #expect(!appointed.body.contains(appointee.number.description))
            try await api.post(appoint, members, memberBody(other, "chair"), bearer: tokens.nec) // 422: a second chair
            let seat = try #require((try JSONSerialization.jsonObject(with: Data(appointed.body.utf8)) as? [String: Any])?["seat"] as? Int)
            let dismiss = "/commissions/{id}/members/{seat}/removal"
            try await { () async throws in
                try await api.post(dismiss, "\(members)/\(seat)/removal", "{}", bearer: tokens.nec) // 422: no reason
                try await api.post(dismiss, "/commissions/CEC-\(newCommune)/members/1/removal", "{\"reason\": \"resigned\"}", bearer: tokens.nec) // 422: too few
                try await api.post(dismiss, "\(members)/999/removal", "{\"reason\": \"resigned\"}", bearer: tokens.nec) // 404
                try await api.post(dismiss, "\(members)/\(seat)/removal", "{\"reason\": \"resigned\"}", bearer: tokens.nec) // 200
            }()
            let changes = try await api.get("/commissions/{id}/changes", "/commissions/\(commission)/changes")
            #expect((try JSONSerialization.jsonObject(with: Data(changes.body.utf8)) as? [Any])?.count == 2, "\(changes.body)")
            try await api.get("/commissions/{id}/changes", "/commissions/PSC-999999999/changes") // 404

            // The strictness of the validation: a body with a required property missing, and one
            // with a property of the wrong type, are refused.
            var detail = try #require(try JSONSerialization.jsonObject(with: Data(stationDetail.body.utf8)) as? [String: Any])
            var station = try #require(detail["pollingStation"] as? [String: Any])
            station["registeredVoters"] = nil
            detail["pollingStation"] = station
            let missing = String(decoding: try JSONSerialization.data(withJSONObject: detail), as: UTF8.self)
            station["registeredVoters"] = "many"
            detail["pollingStation"] = station
            let wrongType = String(decoding: try JSONSerialization.data(withJSONObject: detail), as: UTF8.self)
            for body in [missing, wrongType] {
                var wrong = Exchange(path: "/stations/{code}", method: "get", uri: "(made wrong)", status: 200, body: body)
                wrong.expectInvalid = true
                await recorder.add(wrong)
            }
            var wrongForm = Exchange(path: entries, method: "post", uri: "(made wrong)", status: 200,
                                     body: "{\"version\": 1, \"status\": \"accepted\", \"warnings\": [], \"counts\": {\"registeredVoters\": 1}}")
            wrongForm.expectInvalid = true
            await recorder.add(wrongForm)
        }
    }
}
