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

/// The permission matrix over HTTP: every route of the portal (the API and every page and desk
/// form) is called by every kind of account, inside and outside its unit or mission, and each
/// answer is held to the route's rule in ``RouteRule/table`` as the domain's permissions decide
/// it. A route without a rule fails; so does a refusal where the domain allows, and anything but a
/// refusal where it does not.
@Suite struct PermissionMatrixTests {
    @Test func everyRouteHasARuleAndEveryRuleARoute() async throws {
        let store = try await TestDatabases.sqlite()
        let routes: [String]
        do {
            routes = try await PortalApplication.router(store: store, registrationChecks: nil).routes.map { "\($0.method) \($0.path)" }
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
        let withoutRule = routes.filter { line in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            return RouteRule.of(method: parts[0], path: parts[1]) == nil
        }
        #expect(withoutRule.isEmpty, "routes without a rule in RouteRule.table: \(withoutRule.sorted())")
        let stale = Set(RouteRule.table.keys).subtracting(routes)
        #expect(stale.isEmpty, "rules for routes that do not exist: \(stale.sorted())")
    }

    @Test func everyRouteAnswersEveryCallerByItsRule() async throws {
        let fixture = try await Fixture.make()
        let routes: [(method: String, path: String)]
        do {
            routes = try await PortalApplication.router(store: fixture.store, registrationChecks: nil).routes
                .filter { $0.method != .head }
                .map { (method: "\($0.method)", path: "\($0.path)") }
                // Signing out ends the caller's session: those routes come last.
                .sorted { ($0.path.contains("signout") ? 1 : 0, $0.path, $0.method) < ($1.path.contains("signout") ? 1 : 0, $1.path, $1.method) }
        } catch {
            try await fixture.store.close()
            throw error
        }
        try await ResultsWebTests.run(fixture.results, signInAttempts: 100_000) { client in
            var callers = try await fixture.callers(client)
            var mismatches: [String] = [], requests = 0
            for route in routes {
                let rule = try #require(RouteRule.of(method: route.method, path: route.path), "\(route.method) \(route.path)")
                for variant in fixture.variants(of: route.path) {
                    let path = fixture.fill(route.path, variant)
                    // A public route is the same for everyone: it is walked without an account.
                    for index in callers.indices where !(rule.isPublic && index > 0) {
                        let caller = callers[index]
                        let reply = try await fixture.send(route.method, path, as: caller, client)
                        requests += 1
                        let allowed = fixture.allows(rule, caller, variant)
                        let refused = Self.isRefusal(reply, method: route.method, rule: rule)
                        // A machine without Chromium answers a PDF the caller may have with 503 and
                        // the page's printable HTML offered instead: the rule let it through.
                        let noPrinter = reply.status == .serviceUnavailable && route.path.hasSuffix(".pdf") && PDFPrinter.find() == nil
                        if (reply.status.code >= 500 && !noPrinter) || allowed == refused {
                            mismatches.append("\(route.method) \(path) as \(caller.name): \(allowed ? "allowed" : "refused") by the rule, answered \(reply.status.code) \(reply.headers[.location] ?? "") \(reply.body.prefix(160))")
                        }
                        if route.path.contains("signout"), case .official = caller.kind {
                            callers[index] = try await fixture.signIn(caller, client)
                        }
                    }
                }
            }
            print("permission matrix: \(routes.count) routes, \(callers.count) callers, \(requests) requests, \(mismatches.count) mismatches")
            #expect(mismatches.isEmpty, "\(mismatches.count) answers disagree with the rules:\n\(mismatches.joined(separator: "\n"))")
            #expect(requests > routes.count * 2)
        }
    }

    /// Whether the answer refuses the caller: 401 or 403, or a page sending them to sign in.
    static func isRefusal(_ reply: Reply, method: String, rule: RouteRule) -> Bool {
        if case .signIn = rule { return false }
        if reply.status == .unauthorized || reply.status == .forbidden { return true }
        guard method == "GET", (300..<400).contains(reply.status.code), let location = reply.headers[.location] else { return false }
        return ["/signin", "/observe", "/party", "/organisation"].contains { location.hasSuffix($0) }
    }
}

extension RouteRule {
    var isPublic: Bool {
        switch self {
        case .anyone, .signIn: true
        default: false
        }
    }
}

/// Who calls, and how they prove it on the API (a bearer token or code) and on the pages (a
/// cookie, and the token their forms carry back).
struct Caller: Sendable {
    enum Kind: Sendable {
        case nobody
        case official(Official, token: String, cookie: String, csrf: String)
        case member(MissionMember, code: String)
        case agent(PartyAgent, code: String)
        case organisation(AccreditingOrganisation, code: String)
    }
    let name: String
    let kind: Kind
}

extension PermissionMatrixTests {
    /// Where a route's parameters point: inside the callers' units and missions, or outside them.
    enum Variant: Sendable { case inside, outside }

    struct Fixture: Sendable {
        let results: ResultsWebTests.Fixture
        var store: SQLElectionStore { results.store }
        let officials: [(name: String, official: Official, token: String)]
        let members: [(name: String, member: MissionMember, code: String)]
        let agent: (PartyAgent, code: String)
        let otherParty: PartyNumber
        let organisation: (AccreditingOrganisation, code: String)
        let station: StationCode, farStation: StationCode
        let voter: Voter, farVoter: Voter
        let complaint: Complaint, farComplaint: Complaint
        let training: TrainingSession, farTraining: TrainingSession
        let duplicateCase: DuplicateCase?
        let commission: String
        /// The demo mission's quick-count sample (the other mission has none: anyone may be told so).
        let quickCount: QuickCountSample

        static let organisationCode = "7KQ2M9XD4RTA"

        /// A private database with an account of each kind: the NEC, a provincial, commune and
        /// station official (province 01, commune 010201, one of its stations), the demo mission's
        /// head and a member, a member of another mission and one whose accreditation the NEC
        /// refused, a party's agent and an accrediting organisation; and, for each thing a path
        /// names, one inside those units (province 01) and one outside (province 15).
        static func make() async throws -> Fixture {
            let results = try await ResultsWebTests.fixture()
            let store = results.store
            do {
                let hash = try Passwords.hash(ResultsWebTests.password, cost: 4)
                let station = results.station.id
                let far = try #require(try await store.pollingStations(inProvince: "15").first { $0.registeredVoters > 0 }).id
                var officials: [(String, Official, String)] = []
                for (name, role, unit) in [("nec", OfficialRole.necAdministrator, UnitCode.nation), ("province-01", .provincialOfficial, .province("01")),
                                           ("commune-010201", .communeOfficial, .commune("010201")), ("station", .stationOfficial, .station(station))] {
                    let official = try await store.addOfficial(name: "matrix.\(name)", role: role, unitCode: unit, passwordHash: hash)
                    let token = Passwords.newToken()
                    try await store.addMachineToken(digest: Passwords.digest(token), officialID: official.id, label: "matrix", expires: nil)
                    officials.append((official.name, official, token))
                }
                let nec = officials[0].1

                try await store.addMission(
                    ObserverMission(id: "other", organisation: "Other", nameEnglish: "Other", nameKhmer: "ផ្សេង", kind: "domestic",
                                    invitationDate: nil, invitedBy: [], workingGroup: []),
                    members: [MissionMember(missionID: "other", seat: 1, name: "Observer", body: "NGO", title: "Observer", isHead: true, accreditation: .accredited),
                              MissionMember(missionID: "other", seat: 2, name: "Refused", body: "NGO", title: "Observer", isHead: false, accreditation: .refused)])
                var members: [(String, MissionMember, String)] = []
                let seats: [(String, MissionID, Int)] = [("demo-head", DemoMission.id, 1), ("demo-member", DemoMission.id, 2), ("other-head", "other", 1), ("other-refused", "other", 2)]
                for (name, mission, seat) in seats {
                    let code = Passwords.newToken()
                    try await store.addObserverToken(digest: Passwords.digest(code), missionID: mission, seat: seat)
                    let member = try #require(try await store.observer(tokenDigest: Passwords.digest(code)))
                    members.append((name, member, code))
                }
                #expect(members[0].1.isHead && !members[1].1.isHead && members[3].1.accreditation == .refused)

                let parties = try await store.parties().map(\.id)
                let agentCode = Passwords.newToken()
                try await store.replaceAgent(of: parties[0], agentName: "Matrix Agent", agentCodeDigest: Passwords.digest(agentCode), by: nec, at: Date())
                let agent = try #require(try await store.partyAgent(codeDigest: Passwords.digest(agentCode)))

                let organisation = AccreditingOrganisation(id: "watch", nameEnglish: "Election Watch", nameKhmer: "អ្នកឃ្លាំមើល", kind: .national, contact: "")
                try await store.addOrganisation(organisation)
                try await store.addOrganisationCode(digest: Passwords.digest(organisationCode), organisation: "watch")

                func complaint(at station: StationCode) async throws -> Complaint {
                    try await store.lodgeComplaint(
                        ComplaintDraft(category: .pollingAndCounting, channel: .web, area: .station(station), place: "At the gate",
                                       description: "Ballots were taken away.", complainant: Complainant(name: "Sok Dara", phone: "012 345 678")),
                        evidence: [], by: nil, at: Date())
                }
                func training(in province: ProvinceCode) async throws -> TrainingSession {
                    let session = TrainingSession(
                        id: 0, tier: .commune, province: province, title: "Matrix", day: CalendarDate(year: 2023, month: 7, day: 3)!,
                        starts: ClockTime("08:00")!, ends: ClockTime("12:00")!, place: "Hall", trainers: ["Chan Dara"])
                    return try #require(try await store.scheduleTraining([session], by: nil).first)
                }
                let commission = try #require(try await store.commissions(level: .commune, within: "010201").first).id
                return Fixture(
                    results: results, officials: officials, members: members, agent: (agent, agentCode), otherParty: parties[1],
                    organisation: (organisation, organisationCode), station: station, farStation: far,
                    voter: try #require(try await store.voters(atStation: station).first),
                    farVoter: try #require(try await store.voters(atStation: far).first),
                    complaint: try await complaint(at: station), farComplaint: try await complaint(at: far),
                    training: try await training(in: "01"), farTraining: try await training(in: "15"),
                    duplicateCase: try await store.duplicateCases(undecidedOnly: false, within: .nation, limit: 1).first,
                    commission: commission, quickCount: try #require(try await store.quickCountSample(ofMission: DemoMission.id)))
            } catch {
                try await store.close()
                throw error
            }
        }

        /// Every caller: no account first, then each account, officials signed in on the pages.
        func callers(_ client: any TestClientProtocol) async throws -> [Caller] {
            var callers = [Caller(name: "nobody", kind: .nobody)]
            for (name, official, token) in officials {
                callers.append(try await signIn(Caller(name: name, kind: .official(official, token: token, cookie: "", csrf: "")), client))
            }
            callers += members.map { Caller(name: $0.name, kind: .member($0.member, code: $0.code)) }
            callers.append(Caller(name: "party-agent", kind: .agent(agent.0, code: agent.code)))
            callers.append(Caller(name: "organisation", kind: .organisation(organisation.0, code: organisation.code)))
            return callers
        }

        /// The caller with a new browser session (after a route that ended theirs).
        func signIn(_ caller: Caller, _ client: any TestClientProtocol) async throws -> Caller {
            guard case .official(let official, let token, _, _) = caller.kind else { return caller }
            let session = try await ResultsWebTests.signIn(client, official.name)
            return Caller(name: caller.name, kind: .official(official, token: token, cookie: session.cookie, csrf: session.csrf))
        }

        /// Inside only, or also outside when one of the path's parameters points into a unit, a
        /// mission, a party or an organisation.
        func variants(of path: String) -> [Variant] {
            fill(path, .inside) == fill(path, .outside) ? [.inside] : [.inside, .outside]
        }

        /// The path with its parameters filled in.
        func fill(_ template: String, _ variant: Variant) -> String {
            let inside = variant == .inside
            var parts: [String] = []
            let segments = template.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for (i, segment) in segments.enumerated() {
                guard segment.hasPrefix("{") else { parts.append(segment); continue }
                let before = i > 0 ? segments[i - 1] : ""
                let value: String = switch (String(segment.dropFirst().dropLast()), before) {
                case ("lang", _): "en"
                case ("code", "stations"): (inside ? station : farStation).rawValue
                case ("code", "communes"): (inside ? station : farStation).commune.rawValue
                case ("code", _): (inside ? station : farStation).province.rawValue
                case ("province", _): (inside ? station : farStation).province.rawValue
                case ("id", "missions"): inside ? DemoMission.id.rawValue : "other"
                case ("mission", _): DemoMission.id.rawValue
                case ("id", "commissions"): commission
                case ("id", "parties"), ("party", _): "\((inside ? agent.0.party : otherParty))"
                case ("id", "organisations"): inside ? organisation.0.id : "other-watch"
                case ("id", "complaints"): String((inside ? complaint : farComplaint).id)
                case ("reference", _): (inside ? complaint : farComplaint).reference
                case ("id", "sessions"), ("id", "training"): String((inside ? training : farTraining).id)
                case ("id", "duplicates"): String(duplicateCase?.id ?? 999_999)
                case ("number", "voters"): "\((inside ? voter : farVoter).number)"
                case ("id", "elections"): "cambodia-2023"
                case ("other", _): "cambodia-2018"
                case ("seat", _): "1"
                case ("number", _), ("id", _): "1"
                case ("category", _): "observer"
                case ("action", _): "move"
                case ("level", _): "province"
                default: "x"
                }
                parts.append(value)
            }
            return parts.joined(separator: "/")
        }

        /// Whether the domain lets the caller do what the rule says, with the path's parameters.
        func allows(_ rule: RouteRule, _ caller: Caller, _ variant: Variant) -> Bool {
            let inside = variant == .inside
            switch (rule, caller.kind) {
            case (.anyone, _), (.signIn, _): return true
            case (.anyOfficial, .official): return true
            case (.official(let action, let unit), .official(let official, _, _, _)):
                if case .handlingCommission = unit { return official.handles(inside ? complaint : farComplaint) }
                guard let units = units(unit, inside) else { return official.role.may(action) }
                return units.allSatisfy { official.may(action, on: $0) }
            case (.officialAny(let actions), .official(let official, _, _, _)):
                return actions.contains { official.role.may($0) }
            case (.quickCount, _):
                // The other mission has drawn no sample: anyone may be told so.
                guard inside else { return true }
                if case .member(let member, _) = caller.kind { return (try? quickCount.requireReadable(by: member)) != nil }
                return (try? quickCount.requireReadable(by: nil)) != nil
            case (.member(let action, let mission), .member(let member, _)):
                let missionID = mission == nil ? member.missionID : (inside ? DemoMission.id : "other")
                return member.may(action, forMission: missionID)
            case (.partyAgent(let party), .agent(let agent, _)):
                return party == nil || inside && agent.party == self.agent.0.party
            case (.organisation(let id), .organisation):
                return id == nil || inside
            case (.either(let one, let other), _):
                return allows(one, caller, variant) || allows(other, caller, variant)
            default:
                return false
            }
        }

        /// The units a rule's path parameter points to, or nil when the path names none.
        func units(_ unit: RouteRule.PathUnit?, _ inside: Bool) -> [UnitCode]? {
            switch unit {
            case nil: nil
            case .station: [.station(inside ? station : farStation)]
            case .voter: [.station((inside ? voter : farVoter).stationCode)]
            case .complaint, .handlingCommission: [(inside ? complaint : farComplaint).handlingUnit]
            case .trainingSession: [(inside ? training : farTraining).unit]
            case .duplicateCase: duplicateCase.map { $0.voters.map { .station($0.stationCode) } }
            }
        }

        /// Sends the request as the caller: the API with a bearer token or code and an empty JSON
        /// object, the pages with the caller's cookie and an empty form carrying their form token.
        func send(_ method: String, _ path: String, as caller: Caller, _ client: any TestClientProtocol) async throws -> Reply {
            let api = path.hasPrefix("/api/")
            var headers = HTTPFields()
            var csrf: String?
            switch caller.kind {
            case .nobody: break
            case .official(_, let token, let cookie, let token2):
                if api { headers[.authorization] = "Bearer \(token)" } else { headers[.cookie] = cookie; csrf = token2 }
            case .member(_, let code):
                if api { headers[.authorization] = "Bearer \(code)" } else { headers[.cookie] = "\(Signing.observerCookie)=\(code)"; csrf = ObservePages.csrf(code) }
            case .agent(_, let code):
                if api { headers[.authorization] = "Bearer \(code)" } else { headers[.cookie] = "\(Signing.partyAgentCookie)=\(code)"; csrf = PartyAgentPages.csrf(code) }
            case .organisation(_, let code):
                if api { headers[.authorization] = "Bearer \(code)" } else { headers[.cookie] = "\(Signing.organisationCookie)=\(code)"; csrf = OrganisationPages.csrf(code) }
            }
            let method = HTTPRequest.Method(method)!
            var body = ByteBuffer()
            if method != .get {
                if api {
                    headers[.contentType] = "application/json"
                    body = ByteBuffer(string: "{}")
                } else {
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    body = ByteBuffer(string: csrf.map { "csrf=\($0)" } ?? "")
                }
            }
            return try await client.execute(uri: path, method: method, headers: headers, body: body) {
                Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
            }
        }
    }
}
