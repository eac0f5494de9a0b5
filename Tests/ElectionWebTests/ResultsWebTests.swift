import ElectionCore
import ElectionCredentials
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

/// Officials at the desk and machines on the API: sign-in, CSRF, blind entry, refusals that name
/// the field or the check, and the public results pages.
@Suite struct ResultsWebTests {
    static let password = "correct horse battery staple"

    struct Fixture {
        let store: SQLElectionStore
        let station: PollingStation
        let counts: ResultCounts
        let ballot: [PartyNumber]
    }

    /// A private database with two commune officials (cheap bcrypt), a station of theirs and its
    /// consistent paper form.
    static func fixture() async throws -> Fixture {
        let store = try await TestDatabases.writableSQLite()
        let station = try #require(try await store.pollingStations(inCommune: "010201").first { $0.registeredVoters > 0 })
        for name in ["clerk.one", "clerk.two"] {
            _ = try await store.addOfficial(name: name, role: .communeOfficial, unitCode: "010201",
                                            passwordHash: Passwords.hash(password, cost: 4))
        }
        _ = try await store.addOfficial(name: "nec.admin", role: .necAdministrator, unitCode: "", passwordHash: Passwords.hash(password, cost: 4))
        let ballot = try await store.ballot(constituency: station.provinceCode)
        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 5)
            .counts(for: [.init(code: station.id, registeredVoters: station.registeredVoters)])[0]
        return Fixture(store: store, station: station, counts: counts, ballot: ballot)
    }

    static func run(
        _ fixture: Fixture, signInAttempts: Int = 10, clock: PortalClock = .system, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        do {
            let app = Application(router: try await PortalApplication.router(
                store: fixture.store, registrationChecks: nil, signInAttemptsPerMinute: signInAttempts, clock: clock))
            try await app.test(.router, body)
        } catch {
            // Closed on every path: SQLite stops the whole test process on a connection left open.
            try await fixture.store.close()
            throw error
        }
        try await fixture.store.close()
    }

    /// Signs in and returns the session cookie and the desk's form token.
    static func signIn(_ client: any TestClientProtocol, _ name: String) async throws -> (cookie: String, csrf: String) {
        let reply = try await client.postForm("/en/signin", [("name", name), ("password", password)])
        #expect(reply.status == .seeOther)
        let setCookie = try #require(reply.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        let cookie = String(setCookie.split(separator: ";")[0])
        let desk = try await client.get("/en/desk", headers: [.cookie: cookie])
        #expect(desk.status == .ok)
        let csrf = try #require(desk.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1
        return (cookie, String(csrf))
    }

    static func formFields(_ counts: ResultCounts, ballot: [PartyNumber]) -> [(String, String)] {
        ResultCounts.fieldNames.map { ($0, String(counts.value(of: $0) ?? 0)) } + ballot.map { ("votes.\($0)", String(counts.votes[$0] ?? 0)) }
    }

    @Test func aWrongPasswordIsRefusedAndRepeatedTriesAreLimited() async throws {
        try await Self.run(try await Self.fixture(), signInAttempts: 3) { client in
            for _ in 0..<3 {
                let reply = try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", "guess")])
                #expect(reply.status == .unauthorized)
                #expect(reply.headers[.setCookie] == nil)
            }
            let limited = try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", Self.password)])
            #expect(limited.status == .tooManyRequests)
            #expect(try await client.get("/en/desk").status == .seeOther)
        }
    }

    @Test func twoOfficialsEnterTheFormBlindAndItIsAccepted() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let code = fixture.station.id
            let one = try await Self.signIn(client, "clerk.one")
            let fields = Self.formFields(fixture.counts, ballot: fixture.ballot)
            let entered = try await client.postForm(
                "/en/desk/stations/\(code)", [("csrf", one.csrf), ("version", "1"), ("action", "entry")] + fields, cookie: one.cookie)
            #expect(entered.status == .seeOther)

            let two = try await Self.signIn(client, "clerk.two")
            let page = try await client.get("/en/desk/stations/\(code)", headers: [.cookie: two.cookie])
            #expect(page.body.contains("id=\"result-form\""))
            // Blind: the second official's page shows none of the first entry's figures.
            #expect(!page.body.contains("value=\"\(fixture.counts.ballotsInBox)\""))
            #expect(!page.body.contains("id=\"comparison\""))

            let withoutToken = try await client.postForm(
                "/en/desk/stations/\(code)", [("version", "1"), ("action", "entry")] + fields, cookie: two.cookie)
            #expect(withoutToken.status == .forbidden)
            #expect(try await fixture.store.resultFormVersions(station: code).first?.entries.count == 1)

            let second = try await client.postForm(
                "/en/desk/stations/\(code)", [("csrf", two.csrf), ("version", "1"), ("action", "entry")] + fields, cookie: two.cookie)
            #expect(second.status == .seeOther)
            let form = try #require(try await fixture.store.resultFormVersions(station: code).first)
            #expect(form.entries.count == 2)
            #expect(form.status == .accepted || form.status == .awaitingAcknowledgement)
            #expect(form.counts == fixture.counts)

            let again = try await client.postForm(
                "/en/desk/stations/\(code)", [("csrf", one.csrf), ("version", "1"), ("action", "entry")] + fields, cookie: one.cookie)
            #expect(again.status == .conflict)
        }
    }

    @Test func badFiguresOnThePageAreRefusedNamingTheFieldAndKeepWhatWasTyped() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let one = try await Self.signIn(client, "clerk.one")
            var fields = Self.formFields(fixture.counts, ballot: fixture.ballot)
            fields[3].1 = "-4"
            let reply = try await client.postForm(
                "/en/desk/stations/\(fixture.station.id)", [("csrf", one.csrf), ("version", "1"), ("action", "entry")] + fields,
                cookie: one.cookie)
            #expect(reply.status == .badRequest)
            #expect(reply.body.contains("Ballots in the box must be a whole number"))
            #expect(reply.body.contains("value=\"\(fixture.counts.registeredVoters)\""))
            #expect(try await fixture.store.resultFormVersions(station: fixture.station.id).isEmpty)
        }
    }

    @Test func theAPIRefusesBadFormsByFieldAndCheck() async throws {
        let fixture = try await Self.fixture()
        let official = try #require(try await fixture.store.officialAccount(named: "clerk.one")).official
        let token = Passwords.newToken()
        try await fixture.store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "test", expires: nil)
        let code = fixture.station.id
        /// The form as JSON text, with some fields replaced by raw JSON values (nil removes one).
        @Sendable func body(_ replaced: [String: String] = [:], removing: String? = nil, extraVotes: String = "") -> String {
            var fields = ["\"version\": \(replaced["version"] ?? "1")"]
            for name in ResultCounts.fieldNames where name != removing {
                fields.append("\"\(name)\": \(replaced[name] ?? String(fixture.counts.value(of: name) ?? 0))")
            }
            let votes = fixture.ballot.map { "\"\($0)\": \(fixture.counts.votes[$0] ?? 0)" } + (extraVotes.isEmpty ? [] : [extraVotes])
            fields.append("\"votes\": {\(votes.joined(separator: ", "))}")
            return "{" + fields.joined(separator: ", ") + "}"
        }
        try await Self.run(fixture) { client in
            let url = "/api/v1/results/stations/\(code)/entries"
            #expect(try await client.postJSON(url, body()).status == .unauthorized)
            let missing = try await client.postJSON(url, body(removing: "invalidBallots"), bearer: token)
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("\"field\":\"invalidBallots\""))
            let fraction = try await client.postJSON(url, body(["ballotsIssued": "1.5"]), bearer: token)
            #expect(fraction.status == .badRequest)
            #expect(fraction.body.contains("\"field\":\"ballotsIssued\""))
            let stranger = try await client.postJSON(url, body(extraVotes: "\"99\": 0"), bearer: token)
            #expect(stranger.status == .badRequest)
            #expect(stranger.body.contains("\"field\":\"votes.99\""))
            let inconsistent = try await client.postJSON(url, body(["invalidBallots": String(fixture.counts.invalidBallots + 1)]), bearer: token)
            #expect(inconsistent.status == .unprocessableContent)
            #expect(inconsistent.body.contains("F03"))
            let stale = try await client.postJSON(url, body(["version": "2"]), bearer: token)
            #expect(stale.status == .conflict)
            let elsewhere = try await client.postJSON("/api/v1/results/stations/020101001/entries", body(), bearer: token)
            #expect(elsewhere.status == .forbidden || elsewhere.status == .notFound)
            #expect(try await fixture.store.resultFormVersions(station: code).isEmpty)

            let accepted = try await client.postJSON(url, body(), bearer: token)
            #expect(accepted.status == .ok)
            #expect(accepted.body.contains("awaiting-second-entry"))
            let twice = try await client.postJSON(url, body(), bearer: token)
            #expect(twice.status == .conflict)
            // The public view of the station never shows an entry before acceptance.
            let station = try await client.get("/api/v1/results/stations/\(code)")
            #expect(station.status == .ok)
            #expect(!station.body.contains("\"ballotsInBox\":\(fixture.counts.ballotsInBox)"))
        }
    }

    @Test func anAcceptedFormShowsOnTheResultsPageWithinTwoSeconds() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            let before = try await client.get("/en/results").body
            #expect(before.contains("0 of 23,789 polling stations reported"))
            // The page says how seats are shared, from the election's method and rules.
            #expect(before.contains("then D&#39;Hondt); no threshold; a tie for the last seats is reported, not decided."))
            for clerk in ["clerk.one", "clerk.two"] {
                let session = try await Self.signIn(client, clerk)
                let reply = try await client.postForm(
                    "/en/desk/stations/\(fixture.station.id)",
                    [("csrf", session.csrf), ("version", "1"), ("action", "entry")] + Self.formFields(fixture.counts, ballot: fixture.ballot),
                    cookie: session.cookie)
                #expect(reply.status == .seeOther)
            }
            let status = try await fixture.store.resultFormVersions(station: fixture.station.id).first?.status
            let reported = status == .accepted ? "1 of 23,789" : "0 of 23,789"
            // The public page is never more than the report's promise behind the forms (it may
            // serve the report from before the entries meanwhile).
            var after = try await client.get("/en/results").body
            let promise = ContinuousClock.now + ReportCache.maximumAge + .seconds(1)
            while !(after.contains("\(reported) polling stations reported") && after.contains("id=\"last-change\""))
                    && ContinuousClock.now < promise {
                try await Task.sleep(for: .milliseconds(100))
                after = try await client.get("/en/results").body
            }
            #expect(after.contains("\(reported) polling stations reported"))
            #expect(after.contains("id=\"last-change\">Last change to a form: "))
            // One station elects nobody: no seat anywhere, and the pages say why.
            #expect(after.contains("for the 0 of 25 provinces whose count is complete") && !after.contains(">Seats</th>"))
            let province = try await client.get("/en/results/provinces/\(fixture.station.provinceCode)").body
            #expect(province.contains("id=\"seats-note\"") && !province.contains("id=\"elected\"") && !province.contains("id=\"tie\""))
            #expect(try await client.get("/api/v1/results").body.contains("\"stationsReported\":\(status == .accepted ? 1 : 0)"))
        }
    }

    @Test func aProvinceWithEveryFormShowsItsElectedMember() async throws {
        let fixture = try await Self.fixture()
        try await OpenAPIResponseTests.completeKep(fixture.store)
        try await Self.run(fixture) { client in
            let page = try await client.get("/en/results/provinces/23")
            #expect(page.body.contains("id=\"elected\""))
            #expect(page.body.contains("Party · 1. "))
            #expect(!page.body.contains("id=\"seats-note\""))
            // Kep's one seat is the only one decided so far, and the national page says so.
            let national = try await client.get("/en/results").body
            #expect(national.contains("for the 1 of 25 provinces whose count is complete"))
        }
    }

    @Test func aCoordinatorSeesBothEntriesOfADisputedForm() async throws {
        let fixture = try await Self.fixture()
        _ = try await fixture.store.addOfficial(name: "coordinator", role: .communeOfficial, unitCode: "010201", passwordHash: Passwords.hash(Self.password, cost: 4))
        // A typo that still adds up: one ballot counted as spoiled instead of unused, or back.
        var typo = fixture.counts
        let step = typo.unusedBallots > 0 ? 1 : -1
        typo.unusedBallots -= step
        typo.spoiledBallots += step
        for (name, counts) in [("clerk.one", fixture.counts), ("clerk.two", typo)] {
            let official = try #require(try await fixture.store.officialAccount(named: name)).official
            _ = try await fixture.store.apply([FormRequest(stationCode: fixture.station.id, expectedVersion: 1, action: .enter(counts), official: official)], at: Date())
        }
        #expect(try await fixture.store.resultFormVersions(station: fixture.station.id).first?.status == .disputed)
        try await Self.run(fixture) { client in
            let session = try await Self.signIn(client, "coordinator")
            let page = try await client.get("/en/desk/stations/\(fixture.station.id)", headers: [.cookie: session.cookie])
            #expect(page.body.contains("id=\"comparison\""))
            #expect(page.body.contains("class=\"differs\""))
            #expect(page.body.contains("value=\"resolution\""))
            // The coordinator types only what the entries differ on: the rest is filled in.
            let registered = String(fixture.counts.registeredVoters)
            #expect(page.body.contains("id=\"registeredVoters\" name=\"registeredVoters\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" value=\"\(registered)\""))
            #expect(page.body.contains("id=\"unusedBallots\" name=\"unusedBallots\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" value=\"\""))
            let party = fixture.ballot[0]
            #expect(page.body.contains("name=\"votes.\(party)\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" value=\"\(fixture.counts.votes[party]!)\""))
            // The history names the fields as the form does.
            #expect(page.body.contains("<td>Spoiled or cancelled ballots, Unused ballots</td>") || page.body.contains("<td>Unused ballots, Spoiled or cancelled ballots</td>"))
            #expect(!page.body.contains(">unusedBallots"))

            // The desk leads to it: disputes first, and the count of disputes links to them.
            let desk = try await client.get("/en/desk", headers: [.cookie: session.cookie]).body
            #expect(desk.contains("href=\"/en/desk?state=disputed\">Entries differ</a></th><td class=\"number\">1<"))
            let waiting = try #require(desk.firstMatch(of: /<ul id="waiting">\n<li><a href="\/en\/desk\/stations\/([0-9]{9})"/)).1
            #expect(waiting == fixture.station.id.rawValue)
            let disputed = try await client.get("/en/desk?state=disputed", headers: [.cookie: session.cookie]).body
            #expect(disputed.contains("Entries differ in 010201: 1–1 of 1"))
            #expect(try await client.get("/en/desk?state=nonsense", headers: [.cookie: session.cookie]).status == .badRequest)
            // A part of one's own unit, never another's.
            #expect(try await client.get("/en/desk?unit=02", headers: [.cookie: session.cookie]).status == .forbidden)
        }
    }

    /// Open data: every accepted form in one file, and totals at each level, empty where nothing reported.
    @Test func resultsAreOpenDataAsCSV() async throws {
        let fixture = try await Self.fixture()
        for name in ["clerk.one", "clerk.two"] {
            let official = try #require(try await fixture.store.officialAccount(named: name)).official
            _ = try await fixture.store.apply(
                [FormRequest(stationCode: fixture.station.id, expectedVersion: 1, action: .enter(fixture.counts), official: official)], at: Date())
        }
        if try await fixture.store.resultFormVersions(station: fixture.station.id).first?.status == .awaitingAcknowledgement {
            let nec = try #require(try await fixture.store.officialAccount(named: "nec.admin")).official
            _ = try await fixture.store.apply(
                [FormRequest(stationCode: fixture.station.id, expectedVersion: 1, action: .acknowledge, official: nec)], at: Date())
        }
        try #require(try await fixture.store.resultFormVersions(station: fixture.station.id).first?.status == .accepted)
        try await Self.run(fixture) { client in
            let stations = try await client.get("/api/v1/results/csv/stations")
            #expect(stations.status == .ok)
            #expect(stations.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = stations.body.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            #expect(lines.count == 1 + 23_789, "every station, reported or not")
            // A station's name may hold a comma (quoted): read the figures from the end.
            func figure(_ line: String, _ column: String) -> String {
                let row = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return row[row.count - (header.count - header.firstIndex(of: column)!)]
            }
            let own = try #require(lines.first { $0.hasPrefix("station,\(fixture.station.id),") })
            let party = fixture.ballot[0]
            #expect(figure(own, "votes_\(party)") == String(fixture.counts.votes[party]!))
            #expect(figure(own, "ballots_in_box") == String(fixture.counts.ballotsInBox))
            let silent = try #require(lines.first { $0.hasPrefix("station,") && !$0.hasPrefix("station,\(fixture.station.id),") })
            #expect(figure(silent, "ballots_in_box") == "" && figure(silent, "votes_\(party)") == "", "nothing reported: no figures, not zeros")
            let provinces = try await client.get("/api/v1/results/csv/provinces").body.split(separator: "\n").map(String.init)
            #expect(provinces.count == 1 + 25)
            let province = try #require(provinces.first { $0.hasPrefix("province,\(fixture.station.provinceCode),") })
            #expect(figure(province, "stations_reported") == "1")
            #expect(figure(province, "valid_votes") == String(fixture.counts.validVotes))
            #expect(try await client.get("/api/v1/results/csv/wards").status == .badRequest)
            // The same in NIST form: the station reported, with its votes, in its province's contest.
            let code = fixture.station.id, ownProvince = fixture.station.provinceCode
            let nist = try await client.get("/api/v1/results/nist-cdf.json?detail=stations&province=\(ownProvince)")
            #expect(nist.status == .ok)
            #expect(nist.body.contains("\"@id\" : \"gpu-\(code)\"") && nist.body.contains("\"GpUnitId\" : \"gpu-\(code)\""))
            #expect(nist.body.components(separatedBy: "\"Type\" : \"polling-place\"").count - 1
                    == (try await fixture.store.pollingStations(inProvince: ownProvince).count))
            let communes = try await client.get("/api/v1/results/nist-cdf.json?detail=communes").body
            #expect(communes.contains("\"@id\" : \"gpu-\(code.commune)\"") && !communes.contains("polling-place"))
            let everyStation = try await client.get("/api/v1/results/nist-cdf.json?detail=stations")
            #expect(everyStation.status == .badRequest && everyStation.body.contains("\"field\":\"province\""))

            // A publication shows what it published, and how to check its digest.
            let nec = try #require(try await fixture.store.officialAccount(named: "nec.admin")).official
            let publication = try await fixture.store.publishResults(
                by: nec, at: Date(), signing: NECSigner(privateKey: try await fixture.store.signingKey()).signature(of:))
            let page = try await client.get("/en/results/publications/\(publication.number)").body
            #expect(page.contains("id=\"party-results\""))
            #expect(page.contains("/api/v1/results/publications/\(publication.number)/content | sha256sum"))
            #expect(page.contains(publication.digest))
            // Signed by the NEC: the content's header carries the signature, and the key the site
            // publishes checks it against the bytes served (the page says how to do it offline).
            let signature = try #require(publication.signature)
            #expect(page.contains("sala verify publication publication-\(publication.number).json --signature=\(signature)"))
            let content = try await client.execute(uri: "/api/v1/results/publications/\(publication.number)/content", method: .get) { $0 }
            #expect(content.headers[HTTPField.Name("X-Sala-Signature")!] == signature)
            let keyJSON = try await client.get("/api/v1/accreditation/public-key").body
            let key = try #require(keyJSON.firstMatch(of: /"publicKey":"([A-Za-z0-9_-]+)"/)).1
            let verifier = try #require(NECVerifier(publicKey: String(key)))
            #expect(verifier.isSignature(signature, of: Data(buffer: content.body)))
            #expect(page.contains(String(key)))
        }
    }

    /// A refused form says what is wrong with its figures and marks the fields, not only the rule.
    @Test func aRefusedFormStatesItsFiguresOnTheFields() async throws {
        let fixture = try await Self.fixture()
        var typed = fixture.counts
        typed.invalidBallots += 3  // valid + invalid no longer make the ballots in the box
        let wrong = typed
        try await Self.run(fixture) { client in
            let session = try await Self.signIn(client, "clerk.one")
            let reply = try await client.postForm(
                "/en/desk/stations/\(fixture.station.id)",
                [("csrf", session.csrf), ("version", "1"), ("action", "entry")] + Self.formFields(wrong, ballot: fixture.ballot),
                cookie: session.cookie)
            #expect(reply.status == .unprocessableContent)
            let grouped = { (n: Int) in Numerals.grouped(n) }
            #expect(reply.body.contains(
                "F03: Valid votes \(grouped(wrong.validVotes)) plus invalid ballots \(grouped(wrong.invalidBallots)) make \(grouped(wrong.validVotes + wrong.invalidBallots)), but the box held \(grouped(wrong.ballotsInBox)) ballots."))
            #expect(reply.body.contains("id=\"invalidBallots\" name=\"invalidBallots\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" value=\"\(wrong.invalidBallots)\" required aria-invalid=\"true\""))
            #expect(reply.body.contains("id=\"ballotsInBox\" name=\"ballotsInBox\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" value=\"\(wrong.ballotsInBox)\" required aria-invalid=\"true\""))
            #expect(!reply.body.contains("id=\"registeredVoters\" name=\"registeredVoters\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" value=\"\(wrong.registeredVoters)\" required aria-invalid"))
        }
    }

    @Test func resultsPagesRenderInBothLanguages() async throws {
        let fixture = try await Self.fixture()
        try await Self.run(fixture) { client in
            for path in ["/results", "/results/provinces/01", "/results/communes/010201", "/results/stations/\(fixture.station.id)"] {
                for lang in ["en", "km"] {
                    let reply = try await client.get("/\(lang)\(path)")
                    #expect(reply.status == .ok, "\(lang)\(path)")
                    #expect(reply.body.contains("id=\"results-status\"") || reply.body.contains("id=\"form-status\""), "\(lang)\(path)")
                }
            }
            let national = try await client.get("/en/results")
            #expect(national.body.contains("id=\"leading-map\""))
            #expect(national.body.contains("0 of 23,789 polling stations reported"))
            // Nothing reported: no turnout, no party table, no seats, and the page keeps itself current by script.
            #expect(national.body.contains("id=\"no-results\""))
            #expect(!national.body.contains("0.00%"))
            #expect(!national.body.contains("id=\"party-results\""))
            #expect(national.body.contains("id=\"live-status\""))
            #expect(national.headers[HTTPField.Name("Refresh")!] == nil)
            #expect(!national.body.contains("id=\"last-change\""), "no form yet, no time of a change")
            #expect(try await client.get("/en/results/provinces/99").status == .notFound)
            #expect(try await client.get("/en/results/publications/7").status == .notFound)
            #expect(try await client.get("/api/v1/results/publications/current").status == .notFound)
            let nec = try #require(try await fixture.store.officialAccount(named: "nec.admin")).official
            let token = Passwords.newToken()
            try await fixture.store.addMachineToken(digest: Passwords.digest(token), officialID: nec.id, label: "test", expires: nil)
            let published = try await client.postJSON("/api/v1/results/publications", "{}", bearer: token)
            #expect(published.status == .created)
            let current = try await client.get("/api/v1/results/publications/current")
            #expect(current.status == .found)
            #expect(current.headers[.location] == "/api/v1/results/publications/1")
            let content = try await client.get("/api/v1/results/publications/1/content")
            #expect(content.headers[HTTPField.Name("Digest")!] == "sha-256=" + (try await fixture.store.publication(1).digest))
        }
    }
}

extension TestClientProtocol {
    func postForm(_ uri: String, _ fields: [(String, String)], cookie: String) async throws -> Reply {
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = cookie
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }

    func postJSON(_ uri: String, _ json: String, bearer: String) async throws -> Reply {
        try await sendJSON(.post, uri, json, bearer: bearer)
    }

    func sendJSON(_ method: HTTPRequest.Method, _ uri: String, _ json: String, bearer: String) async throws -> Reply {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.authorization] = "Bearer \(bearer)"
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json)) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }
}

/// A warning states the form's own figures.
@Suite struct CheckFindingTests {
    @Test func invalidBallotsAreGivenAsAShareWithTheLimit() throws {
        var counts = ResultCounts.zero
        counts.ballotsInBox = 800
        counts.invalidBallots = 100
        let check = try #require(FormCheck.named("F09"))
        let context = FormContext(ballot: [], registeredOnList: 0)
        #expect(CheckText.found(check.id, check.figures(counts, context), .english)
            == "F09: Invalid ballots are 12.50% of the ballots in the box (100 of 800); the limit is 10%.")
        #expect(CheckText.found(check.id, check.figures(counts, context), .khmer).contains("១២.៥០%"))
        // Every check's message has a figure for each of its placeholders.
        for check in FormCheck.catalogue {
            #expect(!CheckText.found(check.id, check.figures(counts, context), .english).contains("{"), "\(check.id)")
        }
    }
}

/// What the results maps say with colour, they also say in words.
@Suite struct ResultsColourTests {
    @Test func eighteenPartiesHaveEighteenColours() {
        let colours = (1...18).map { ResultsPages.colour(party: PartyNumber(rawValue: $0)!) }
        #expect(Set(colours).count == 18)
    }

    @Test func theTurnoutLegendNamesTheBandEveryProvinceIsIn() {
        let legend = ResultsPages.turnoutLegend(.english)
        #expect(legend.map(\.range) == ["< 70%", "70–80%", "80–85%", "85–90%", "≥ 90%"])
        // 85% is in the band from 85 to 90, not below it.
        #expect(ResultsPages.turnoutColour(Rational(85, 100)) == legend[3].colour)
        #expect(ResultsPages.turnoutColour(Rational(8499, 10000)) == legend[2].colour)
        #expect(ResultsPages.turnoutColour(Rational(0)) == legend[0].colour)
        #expect(ResultsPages.turnoutColour(Rational(1)) == legend[4].colour)
        #expect(ResultsPages.turnoutLegend(.khmer)[4].range == "≥ ៩០%")
    }
}
