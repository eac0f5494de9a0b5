import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The register at an official's desk: search by name and date of birth (ranked candidates),
/// registering a person, and the duplicate queue.
struct RegisterDeskPage: Sendable {
    struct Row: Sendable {
        let href: String
        let number: String
        let khmer: String
        let latin: String
        let sex: String
        let born: String
        let station: String
        let closeness: String
    }
    typealias Field = FormField
    let lang: String
    let csrf: String
    let name: String
    let born: String
    let slips: Bool
    let searched: Bool
    let rows: [Row]
    let error: String?
    let message: String?
    let newVoterFields: [Field]
    /// Where this election's voter list stands: following the register, or fixed (when, by whom, how many).
    let voterList: String
    /// The NEC's button to fix it, while it is not fixed.
    let canFixVoterList: Bool
}

/// One voter at the desk: their registration, its changes, and the forms to move or remove them.
struct VoterDeskPage: Sendable {
    struct Change: Sendable {
        let at: String
        let kind: String
        let station: String
        let from: String
        let reason: String
        let official: String
    }
    let lang: String
    let csrf: String
    let number: String
    let khmer: String
    let latin: String
    let sex: String
    let born: String
    let station: String
    let stationHref: String
    let changes: [Change]
    let error: String?
    let message: String?
}

/// The queue of likely duplicates in the official's unit.
struct DuplicatesDeskPage: Sendable {
    struct Case: Sendable {
        let id: String
        let rule: String
        let voters: [RegisterDeskPage.Row]
        let decision: String
    }
    let lang: String
    let csrf: String
    let cases: [Case]
    let message: String?
    let error: String?
}

/// The register at an official's desk: search, one voter (register, move, remove), and the queue
/// of likely duplicates. Its routes need ``SessionAuthenticator`` in front.
struct RegisterDeskPages: PageController {
    let store: any ElectionStore & RegisterStore
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/register") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            let q = Input.query(of: request)
            return try await registerDesk(
                session, language, name: q["name"].map(String.init) ?? "", born: q["born"].map(String.init) ?? "",
                slips: q["slips"] != nil, message: KeyFamilies.registerDone.doneMessage(q, language))
        }
        router.post("desk/register/voter-list") { request, context in
            let (session, _) = try await context.requireSessionForm(request)
            _ = try await store.fixVoterList(by: session.official, at: Date())
            return Response.redirect(to: "/\(context.language.rawValue)/desk/register?done=fixed", type: .normal)
        }
        router.post("desk/register/voters") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            do {
                let voter = try await RegisterInput.newVoter(
                    number: fields["voterNumber"], khmer: fields["nameKhmer"], latin: fields["nameLatin"], sex: fields["sex"],
                    born: fields["dateOfBirth"], station: fields["station"], store: store)
                _ = try await store.registerVoter(voter, reason: try RegisterInput.reason(fields["reason"]), by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/register/voters/\(voter.number)?done=registered", type: .normal)
            } catch let error as InputError {
                return try await registerDesk(session, language, typed: fields, error: error.message(in: language), invalidField: error.field, status: .badRequest)
            } catch {
                let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(error, in: language)
                guard status != .internalServerError else { throw error }
                return try await registerDesk(session, language, typed: fields, error: message, invalidField: field, status: status)
            }
        }
        router.get("desk/register/voters/:number") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            return try await voterDesk(number, session, language, message: KeyFamilies.registerDone.doneMessage(Input.query(of: request), language))
        }
        router.post("desk/register/voters/:number/:action") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            let action = context.parameters.get("action") ?? ""
            do {
                let reason = try RegisterInput.reason(fields["reason"])
                switch action {
                case "move":
                    let station = try await RegisterInput.station(fields["station"], store: store)
                    _ = try await store.moveVoter(number, to: station, reason: reason, by: session.official, at: Date())
                    return Response.redirect(to: "/\(language.rawValue)/desk/register/voters/\(number)?done=moved", type: .normal)
                case "removal":
                    _ = try await store.removeVoter(number, reason: reason, by: session.official, at: Date())
                    return Response.redirect(to: "/\(language.rawValue)/desk/register?done=removed", type: .normal)
                default:
                    throw HTTPError(.notFound)
                }
            } catch let error as InputError {
                return try await voterDesk(number, session, language, error: error.message(in: language), status: .badRequest)
            } catch let refusal as Refusal {
                let (status, _, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
                return try await voterDesk(number, session, language, error: message, status: status)
            }
        }
        router.get("desk/duplicates") { request, context in
            let language = context.language
            guard let session = context.session else { return context.signInFirst }
            return try await duplicatesDesk(session, language, message: Input.query(of: request)["done"].map { _ in language.text("register.done.decided") })
        }
        router.post("desk/duplicates/:id") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw InputError(field: "id", reason: "number") }
            do {
                let decision = try RegisterInput.decision(verdict: fields["verdict"], note: fields["note"], official: session.official)
                try await store.decide(duplicateCase: id, decision, by: session.official)
                return Response.redirect(to: "/\(language.rawValue)/desk/duplicates?done=\(id)", type: .normal)
            } catch let error as InputError {
                return try await duplicatesDesk(session, language, error: error.message(in: language), status: .badRequest)
            }
        }
    }

    func registerRow(_ voter: Voter, _ language: Language, closeness: String = "") -> RegisterDeskPage.Row {
        RegisterDeskPage.Row(
            href: "/\(language.rawValue)/desk/register/voters/\(voter.number)", number: voter.number.description,
            khmer: voter.name.khmer, latin: voter.name.latin, sex: language.text(KeyFamilies.sex, voter.sex),
            born: language.longDate(voter.dateOfBirth), station: voter.stationCode.rawValue, closeness: closeness)
    }

    private func registerDesk(
        _ session: OfficialSession, _ language: Language, name: String = "", born: String = "", slips: Bool = false,
        message: String? = nil, typed: [String: String] = [:], error: String? = nil, invalidField: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var rows: [RegisterDeskPage.Row] = []
        var searchError: String?
        var searchStatus = status
        if !name.isEmpty {
            do {
                let search = try RegisterInput.search(name: name, born: born, slips: slips)
                rows = try await store.searchVoters(search).filter { session.official.may(.seeRegister, on: .station($0.voter.stationCode)) }.map { match in
                    var closeness = language.text(KeyFamilies.closeness, match.closeness)
                    if !match.dateOfBirthExact { closeness += " · " + language.text("closeness.other_date") }
                    return registerRow(match.voter, language, closeness: closeness)
                }
            } catch let input as InputError {
                searchError = input.message(in: language)
                searchStatus = .badRequest
            }
        }
        let fields = [("voterNumber", "field.voterNumber"), ("nameKhmer", "field.nameKhmer"), ("nameLatin", "field.nameLatin"),
                      ("sex", "field.sex"), ("dateOfBirth", "field.dateOfBirth"), ("station", "field.station"),
                      ("reason", "field.registerReason")].map { name, key in
            RegisterDeskPage.Field(name: name, label: language.text(key), value: typed[name] ?? "", invalid: name == invalidField)
        }
        let fixing = try await store.voterListFixing()
        let election = try await store.election()
        let model = RegisterDeskPage(
            lang: language.rawValue, csrf: session.csrfToken, name: name, born: born, slips: slips, searched: !name.isEmpty && searchError == nil,
            rows: rows, error: error ?? searchError, message: message, newVoterFields: fields,
            voterList: fixing.map { f in
                language.text("register.voter_list_fixed").replacingOccurrences(of: "{n}", with: language.number(f.voters))
                    .replacingOccurrences(of: "{date}", with: language.longDate(election.localDay(at: f.fixedAt)))
                    .replacingOccurrences(of: "{official}", with: f.officialName)
                    .replacingOccurrences(of: "{cutoff}", with: language.longDate(f.cutOff))
            } ?? language.text("register.voter_list_open"),
            canFixVoterList: fixing == nil && session.official.may(.fixVoterList, on: .nation))
        return page("desk-register", language.text("register.title"), model, language, "/desk/register", status: searchStatus)
    }

    private func voterDesk(
        _ number: VoterNumber, _ session: OfficialSession, _ language: Language, message: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let voter = try await store.voter(number)
        try session.official.require(.seeRegister, on: .station(voter.stationCode))
        let offset = try await store.election().utcOffsetMinutes
        let changes = try await store.registerChanges(voter: number).map {
            VoterDeskPage.Change(
                at: language.moment($0.at, utcOffsetMinutes: offset), kind: language.text(KeyFamilies.registerChange, $0.kind), station: $0.voter.stationCode.rawValue,
                from: $0.fromStation?.rawValue ?? "", reason: $0.reason, official: $0.official)
        }
        let l = language.rawValue
        let model = VoterDeskPage(
            lang: l, csrf: session.csrfToken, number: number.description, khmer: voter.name.khmer, latin: voter.name.latin,
            sex: language.text(KeyFamilies.sex, voter.sex), born: language.longDate(voter.dateOfBirth), station: voter.stationCode.rawValue,
            stationHref: "/\(l)/stations/\(voter.stationCode)", changes: changes, error: error, message: message)
        return page("desk-voter", "\(number) \(language.pick(voter.name.latin, voter.name.khmer))", model, language,
                    "/desk/register/voters/\(number)", status: status)
    }

    private func duplicatesDesk(
        _ session: OfficialSession, _ language: Language, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let cases = try await store.duplicateCases(undecidedOnly: true, within: session.official.unitCode, limit: 50)
        let model = DuplicatesDeskPage(
            lang: language.rawValue, csrf: session.csrfToken,
            cases: cases.map { c in
                DuplicatesDeskPage.Case(
                    id: String(c.id), rule: c.rule, voters: c.voters.map { registerRow($0, language) },
                    decision: c.decision.map { "\(language.text(KeyFamilies.verdict, $0.verdict)): \($0.note) (\($0.official))" } ?? "")
            },
            message: message, error: error)
        return page("desk-duplicates", language.text("register.duplicates"), model, language, "/desk/duplicates", status: status)
    }
}
