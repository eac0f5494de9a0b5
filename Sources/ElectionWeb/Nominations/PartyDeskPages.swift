import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The NEC's desk for parties: applications received and decided, the ballot draw, and the way to
/// each party's lists.
struct PartyDeskPage: Sendable {
    struct Application: Sendable {
        let id: String
        let name: String
        let abbreviation: String
        let leader: String
        let contact: String
        let filed: String
        let status: String
        let party: String
        let reason: String
        let decided: String
    }
    let lang: String
    let csrf: String
    let message: String?
    let error: String?
    let fields: [FormField]
    let pending: [Application]
    let decided: [Application]
    let parties: [Choice]
    let provinces: [Choice]
    let draw: String?
}

/// What the NEC sees once, after registering a party: the agent's code.
struct PartyRegisteredPage: Sendable {
    let lang: String
    let message: String
    let code: String
}

/// The NEC's pages for parties and lists. Its routes need ``SessionAuthenticator`` in front; each
/// asks ``Official/require(_:on:)`` (through the store) for its action.
struct PartyDeskPages: PageController {
    let store: any ElectionStore & NominationStore
    let lists: ListFormBuilder
    let renderer: PageRenderer

    /// The application form's fields and their labels.
    static let applicationFields = ["nameEnglish", "nameKhmer", "abbreviation", "leader", "contact"]
    static let applicationLabels = ["field.nameEnglish", "field.nameKhmer", "field.abbreviation", "field.leader", "field.contact"]

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/parties") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.decideParty, on: .nation)
            return try await desk(session, context.language, message: KeyFamilies.nominationsDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/parties/applications") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            do {
                let values = try Self.applicationFields.map { try Input.text(fields[$0].map { Substring($0) }, field: $0) ?? "" }
                let application = PartyApplication(
                    id: 0, nameEnglish: values[0], nameKhmer: values[1], abbreviation: values[2], leader: values[3], contact: values[4],
                    filedAt: Date())
                _ = try await store.fileApplication(application, by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/parties?done=filed", type: .normal)
            } catch let error as InputError {
                return try await desk(session, language, error: error.message(in: language), typed: fields, status: .badRequest)
            } catch StoreError.duplicate(let kind, let id) {
                let (status, _, message) = ErrorMiddleware<PortalRequestContext>.describe(StoreError.duplicate(kind, id), in: language)
                return try await desk(session, language, error: message, typed: fields, status: status)
            }
        }
        router.post("desk/parties/applications/:id") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let id = try Input.integer(context.parameters.get("id").map { Substring($0) }, field: "id", range: 1...Int.max, default: 0)
            let reason = try Input.longText(fields["reason"], field: "reason") ?? ""
            let decision: PartyDecision
            switch fields["decision"] {
            case "register": decision = .register(reason: reason, agentName: try Input.text(fields["agent"].map { Substring($0) }, field: "agent") ?? "")
            case "reject": decision = .reject(reason: reason)
            default: throw InputError(field: "decision", reason: "choice")
            }
            let code = Passwords.newToken()
            let decided = try await store.decide(application: id, decision, agentCodeDigest: Passwords.digest(code), by: session.official, at: Date())
            guard decided.status == .registered, let number = decided.party else {
                return Response.redirect(to: "/\(language.rawValue)/desk/parties?done=rejected", type: .normal)
            }
            let model = PartyRegisteredPage(
                lang: language.rawValue,
                message: language.text("party_desk.registered").replacingOccurrences(of: "{party}", with: language.pick(decided.nameEnglish, decided.nameKhmer))
                    .replacingOccurrences(of: "{n}", with: language.number(number.rawValue)),
                code: code)
            return page("party-registered", language.text("party_desk.title"), model, language, "/desk/parties", status: .created)
        }
        router.post("desk/parties/agent") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let party = try Input.partyNumber(fields["party"])
            let agent = try Input.text(fields["agent"].map { Substring($0) }, field: "agent") ?? ""
            let code = Passwords.newToken()
            try await store.replaceAgent(of: party, agentName: agent, agentCodeDigest: Passwords.digest(code), by: session.official, at: Date())
            let name = try await store.party(party)
            let model = PartyRegisteredPage(
                lang: language.rawValue,
                message: language.text("party_desk.new_code").replacingOccurrences(of: "{party}", with: language.pick(name.nameEnglish, name.nameKhmer))
                    .replacingOccurrences(of: "{agent}", with: agent),
                code: code)
            return page("party-registered", language.text("party_desk.title"), model, language, "/desk/parties", status: .created)
        }
        router.post("desk/parties/ballot-draw") { request, context in
            let (session, fields) = try await context.requireSessionForm(request)
            guard let seed = fields["seed"].flatMap({ UInt64($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw InputError(field: "seed", reason: "seed")
            }
            _ = try await store.drawBallotOrder(seed: seed, by: session.official, at: Date())
            return Response.redirect(to: "/\(context.language.rawValue)/desk/parties?done=drawn", type: .normal)
        }
        router.get("desk/parties/list") { request, context in
            let query = Input.query(of: request)
            let party = try Input.partyNumber(query["party"].map(String.init))
            let province = try Input.code(query["province"].map(String.init), as: ProvinceCode.self, field: "province")
            return Response.redirect(to: "/\(context.language.rawValue)/desk/parties/\(party)/\(province)", type: .normal)
        }
        router.get("desk/parties/:party/:province") { _, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.keepCandidateLists, on: .nation)
            let (party, province) = try Self.list(context)
            return try await listPage(party, province, session, context.language, typed: nil, problems: [])
        }
        router.post("desk/parties/:party/:province") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let (party, province) = try Self.list(context)
            let typed = ListForm.typed(fields)
            do {
                let list = CandidateListSubmission(party: party, constituency: province, nominees: try ListForm.nominees(typed))
                _ = try await store.submitList(list, by: .official(session.official), at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/parties?done=submitted", type: .normal)
            } catch let error as InputError {
                return try await listPage(party, province, session, language, typed: typed, problems: [ListForm.message(error, in: language)], status: .badRequest)
            } catch let refused as NominationProblems {
                return try await listPage(party, province, session, language, typed: typed,
                                          problems: NominationText.messages(refused.problems, in: language), status: .unprocessableContent)
            }
        }
        router.post("desk/parties/:party/:province/change") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let (party, province) = try Self.list(context)
            let position = try Input.integer(fields["position"].map { Substring($0) }, field: "position", range: 1...1_000, default: 0)
            let reason = try Input.longText(fields["reason"], field: "reason", required: true) ?? ""
            do {
                if fields["change"] == "replace" {
                    let nominee = try ListForm.nominee(voterNumber: fields["voter"], name: fields["name"], national: fields["national"] == "yes",
                                                       fields: (voter: "voter", name: "name"))
                    _ = try await store.replaceCandidate(
                        party: party, constituency: province, position: position, with: nominee, reason: reason, by: session.official, at: Date())
                    return Response.redirect(to: "/\(language.rawValue)/desk/parties?done=replaced", type: .normal)
                }
                _ = try await store.withdrawCandidate(party: party, constituency: province, position: position, reason: reason,
                                                      by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/parties?done=withdrawn", type: .normal)
            } catch let refused as NominationProblems {
                return try await listPage(party, province, session, language, typed: nil,
                                          problems: NominationText.messages(refused.problems, in: language), status: .unprocessableContent)
            }
        }
    }

    static func list(_ context: PortalRequestContext) throws -> (PartyNumber, ProvinceCode) {
        (try Input.partyNumber(context.parameters.get("party")),
         try Input.code(context.parameters.get("province"), as: ProvinceCode.self, field: "province"))
    }

    func listPage(
        _ party: PartyNumber, _ province: ProvinceCode, _ session: OfficialSession, _ language: Language,
        typed: [(voterNumber: String, name: String, national: Bool)]?, problems: [String], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let (title, model) = try await lists.model(
            party: party, province: province, language: language, action: "/\(l)/desk/parties/\(party)/\(province)",
            csrf: session.csrfToken, back: Link(href: "/\(l)/desk/parties", label: language.text("party_desk.title")),
            typed: typed, problems: problems, necChanges: true)
        return page("list-form", title, model, language, "/desk/parties/\(party)/\(province)", status: status)
    }

    func desk(
        _ session: OfficialSession, _ language: Language, message: String? = nil, error: String? = nil, typed: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let applications = try await store.partyApplications()
        let n = language.number
        let offset = try await store.election().utcOffsetMinutes
        func row(_ a: PartyApplication) -> PartyDeskPage.Application {
            .init(id: String(a.id), name: language.pick(a.nameEnglish, a.nameKhmer), abbreviation: a.abbreviation, leader: a.leader,
                  contact: a.contact, filed: language.moment(a.filedAt, utcOffsetMinutes: offset),
                  status: language.text(KeyFamilies.applicationStatus, a.status), party: a.party.map { n($0.rawValue) } ?? "",
                  reason: a.decisionReason ?? "",
                  decided: [a.decidedBy, a.decidedAt.map { language.moment($0, utcOffsetMinutes: offset) }].compactMap { $0 }.joined(separator: " · "))
        }
        let draw = try await store.ballotDraws().last.map { record in
            language.text("party_desk.last_draw").replacingOccurrences(of: "{seed}", with: String(record.draw.seed))
                .replacingOccurrences(of: "{order}", with: record.order.map { n($0.rawValue) }.joined(separator: ", "))
        }
        let model = PartyDeskPage(
            lang: language.rawValue, csrf: session.csrfToken, message: message, error: error,
            fields: zip(Self.applicationFields, Self.applicationLabels).map {
                FormField(name: $0, label: language.text($1), value: typed[$0] ?? "", invalid: false)
            },
            pending: applications.filter { $0.status == .pending }.map(row),
            decided: applications.filter { $0.status != .pending }.map(row),
            parties: try await store.parties().map { .init(value: $0.id.description, label: "\(n($0.id.rawValue)) · \(language.pick($0.nameEnglish, $0.nameKhmer))") },
            provinces: try await store.constituencies().map { .init(value: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer)) },
            draw: draw)
        return page("desk-parties", language.text("party_desk.title"), model, language, "/desk/parties", status: status)
    }
}
