import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A commission at the NEC's desk: its members, the forms to appoint and remove, its history.
struct CommissionKeepingPage: Sendable {
    struct Member: Sendable {
        let seat: String
        let value: String
        let role: String
        let name: String
    }
    struct Change: Sendable {
        let at: String
        let action: String
        let name: String
        let official: String
        let reason: String
    }
    let lang: String
    let csrf: String
    let id: String
    let heading: String
    let rule: String
    let publicPage: String
    let members: [Member]
    let roles: [Choice]
    let changes: [Change]
    let message: String?
    let error: String?
}

/// The NEC's pages to appoint and remove commission members. Its routes need
/// ``SessionAuthenticator`` in front; the store asks ``OfficialAction/keepCommissions`` and the rules.
struct CommissionKeepingPages: PageController {
    let store: any ElectionStore & CommissionStore
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/commissions") { request, context in
            let id = try Input.text(Input.query(of: request)["id"], field: "id") ?? ""
            // Commission identifiers are letters, digits and hyphens (`PEC-01`); a path takes them as they are.
            guard id.count <= 20, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw InputError(field: "id", reason: "code")
            }
            return Response.redirect(to: "/\(context.language.rawValue)/desk/commissions/\(id.uppercased())", type: .normal)
        }
        router.get("desk/commissions/:id") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.keepCommissions, on: .nation)
            return try await commissionPage(context.parameters.get("id") ?? "", session, context.language,
                                            message: KeyFamilies.commissionsDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/commissions/:id/members") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let id = context.parameters.get("id") ?? ""
            do {
                let appointment = try Self.appointment(id, role: fields["role"], voterNumber: fields["voterNumber"], name: fields["name"])
                _ = try await store.appointMember(appointment, reason: fields["reason"] ?? "", by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/commissions/\(id)?done=appointed", type: .normal)
            } catch let error as InputError {
                return try await commissionPage(id, session, language, error: error.message(in: language), status: .badRequest)
            } catch let problems as CommissionProblems {
                return try await commissionPage(id, session, language, error: Self.message(problems, language), status: .unprocessableContent)
            }
        }
        router.post("desk/commissions/:id/removal") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let id = context.parameters.get("id") ?? ""
            let seat = try Input.integer(fields["seat"].map { Substring($0) }, field: "seat", range: 1...1_000, default: 0)
            let reason = try Input.longText(fields["reason"], field: "reason", required: true) ?? ""
            do {
                _ = try await store.removeMember(commission: id, seat: seat, reason: reason, by: session.official, at: Date())
                return Response.redirect(to: "/\(language.rawValue)/desk/commissions/\(id)?done=removed", type: .normal)
            } catch let problems as CommissionProblems {
                return try await commissionPage(id, session, language, error: Self.message(problems, language), status: .unprocessableContent)
            }
        }
    }

    /// An appointment from what was typed or sent, or the first field that is not one.
    static func appointment(_ id: String, role: String?, voterNumber: String?, name: String?) throws -> Appointment {
        guard let role = role.flatMap(CommissionRole.init(rawValue:)) else { throw InputError(field: "role", reason: "choice") }
        guard let number = voterNumber.flatMap({ VoterNumber($0) }) else { throw InputError(field: "voterNumber", reason: "voter_number") }
        let name = try Input.text(name.map { Substring($0) }, field: "name") ?? ""
        return Appointment(commissionID: id, role: role, voterNumber: number, name: name)
    }

    /// Every rule broken, as sentences in `language`.
    static func message(_ problems: CommissionProblems, _ language: Language) -> String {
        problems.rules.map { rule in
            var text = language.text(KeyFamilies.commissionRule, rule)
            if let allowed = problems.allowed {
                text = text.replacingOccurrences(of: "{min}", with: language.number(allowed.lowerBound))
                    .replacingOccurrences(of: "{max}", with: language.number(allowed.upperBound))
            }
            return text
        }.joined(separator: " ")
    }

    func commissionPage(
        _ id: String, _ session: OfficialSession, _ language: Language, message: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let commission = try await store.commission(id)
        let allowed = try await store.commissionSizes()[commission.level]
        let election = try await store.election()
        let l = language.rawValue
        let model = CommissionKeepingPage(
            lang: l, csrf: session.csrfToken, id: id, heading: language.pick(commission.nameEnglish, commission.nameKhmer),
            rule: allowed.map {
                language.text("commission_keeping.rule").replacingOccurrences(of: "{min}", with: language.number($0.lowerBound))
                    .replacingOccurrences(of: "{max}", with: language.number($0.upperBound))
            } ?? "",
            publicPage: "/\(l)/commissions/\(id)",
            members: try await store.members(ofCommission: id).map {
                .init(seat: language.number($0.seat), value: String($0.seat), role: language.text(KeyFamilies.commissionRole, $0.role),
                      name: language.pick($0.name.latin, $0.name.khmer))
            },
            roles: CommissionRole.allCases.reversed().map { .init(value: $0.rawValue, label: language.text(KeyFamilies.commissionRole, $0)) },
            changes: try await store.commissionChanges(of: id).map {
                .init(at: language.longDate(election.localDay(at: $0.recordedAt)),
                      action: language.text(KeyFamilies.commissionAction, $0.action), name: language.pick($0.name.latin, $0.name.khmer),
                      official: $0.officialName, reason: $0.reason)
            },
            message: message, error: error)
        return page("desk-commission", model.heading, model, language, "/desk/commissions/\(id)", status: status)
    }
}
