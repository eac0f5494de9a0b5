import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The NEC's accreditation desk. Its routes need ``SessionAuthenticator`` in front; each asks
/// ``OfficialAction/decideAccreditation``, and the store asks it again before it writes.
struct AccreditationDeskPages: PageController {
    let store: any ElectionStore & AccreditationStore
    let badges: NECKeys
    /// Prints badge sheets as PDF, where the server has Chromium.
    let printer: PDFPrinter?
    let renderer: PageRenderer
    /// Applicants listed on one page.
    static let pageSize = 200
    /// Badges on one sheet: ten A4 pages of ten cards.
    static let sheetSize = 100

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/accreditation") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.decideAccreditation, on: .nation)
            return try await deskPage(session, context.language, message: KeyFamilies.accreditationDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/accreditation/revocations") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            do {
                let id = try Input.badge(fields["badge"]?.trimmingCharacters(in: .whitespaces).uppercased(), field: "badge")
                let reason = try Input.text(fields["reason"].map { Substring($0) }, field: "reason") ?? ""
                _ = try await store.revokeAccreditation(id, reason: reason, by: session.official, at: Date())
            } catch let error as InputError {
                return try await deskPage(session, language, error: error.message(in: language), status: .badRequest)
            }
            return Response.redirect(to: "/\(language.rawValue)/desk/accreditation?done=revoked", type: .normal)
        }
        router.post("desk/accreditation/organisations/:id/registration") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            try session.official.require(.decideAccreditation, on: .nation)
            let register: Bool
            switch fields["decision"] {
            case "register": register = true
            case "refuse": register = false
            default: return try await deskPage(session, language, error: InputError(field: "decision", reason: "choice").message(in: language), status: .badRequest)
            }
            do {
                _ = try await store.decideRegistration(
                    context.parameters.get("id") ?? "", register: register, reason: fields["reason"] ?? "", by: session.official)
            } catch let refusal as Refusal where refusal.reason == .reasonRequired {
                return try await deskPage(session, language, error: InputError(field: "reason", reason: "missing").message(in: language), status: .badRequest)
            }
            return Response.redirect(
                to: "/\(language.rawValue)/desk/accreditation?done=\(register ? "registered" : "registration-refused")", type: .normal)
        }
        router.get("desk/accreditation/organisations/:id") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.decideAccreditation, on: .nation)
            let query = Input.query(of: request)
            return try await organisationPage(
                context.parameters.get("id") ?? "", session, context.language,
                waitingAfter: try Input.integer(query["after"], field: "after", range: 0...Int.max, default: 0),
                message: KeyFamilies.accreditationDone.doneMessage(query, context.language))
        }
        router.post("desk/accreditation/organisations/:id/decisions") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            let id = context.parameters.get("id") ?? ""
            do {
                let decision = try Self.decision(fields)
                let waiting = try await store.waitingApplications(of: id)
                _ = try await store.decideApplications(waiting, decision, by: session.official, at: Date())
                return Response.redirect(
                    to: "/\(language.rawValue)/desk/accreditation/organisations/\(id)?done=\(decision.status.rawValue)", type: .normal)
            } catch let error as InputError {
                return try await organisationPage(id, session, language, error: error.message(in: language), typed: fields, status: .badRequest)
            }
        }
        router.get("desk/accreditation/badges") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.decideAccreditation, on: .nation)
            let sheet = try await badgeSheet(Input.query(of: request), context.language)
            return page("badges", context.language.text("accreditation.badges"), sheet, context.language, "/desk/accreditation")
        }
        router.get("desk/accreditation/badges.pdf") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.decideAccreditation, on: .nation)
            guard let printer else { throw PDFUnavailable() }
            let language = context.language
            let sheet = try await badgeSheet(Input.query(of: request), language)
            let html = renderer.html("badges", title: language.text("accreditation.badges"), content: sheet, language: language, path: "/desk/accreditation")
            let pdf: Data
            do { pdf = try await printer.pdf(html) } catch is PDFPrinter.Failure { throw PDFUnavailable() }
            var headers = HTTPFields()
            headers[.contentType] = "application/pdf"
            headers[.contentDisposition] = "attachment; filename=\"badges-\(sheet.organisation)-\(sheet.from).pdf\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
    }

    /// A sheet of an organisation's accepted badges (`organisation`), `sheetSize` of them from
    /// number `after` on, with the link to the next sheet.
    private func badgeSheet(_ query: [String: Substring], _ language: Language) async throws -> BadgeSheet {
        let id = try Input.text(query["organisation"], field: "organisation") ?? ""
        let organisation = try await store.accreditingOrganisation(id)
        let after = try Input.integer(query["after"], field: "after", range: 0...Int.max, default: 0)
        let accepted = try await store.accreditationApplications(organisation: id, status: .accepted, after: after, limit: Self.sheetSize)
        let election = try await store.election().id
        var sheet: [BadgeSheet.Badge] = []
        for application in accepted {
            guard let (_, qr) = try await badges.badge(application, election: election) else { continue }
            sheet.append(.init(
                number: application.badgeNumber, khmer: application.name.khmer, latin: application.name.latin,
                category: language.text(KeyFamilies.accreditationCategory, application.category),
                organisation: language.pick(organisation.nameEnglish, organisation.nameKhmer),
                validity: "\(language.longDate(application.validFrom!)) – \(language.longDate(application.validUntil!))", qr: qr))
        }
        let here = "/\(language.rawValue)/desk/accreditation/badges"
        return BadgeSheet(
            lang: language.rawValue, title: language.pick(organisation.nameEnglish, organisation.nameKhmer), organisation: id, from: after,
            badges: sheet,
            next: accepted.count == Self.sheetSize ? accepted.last.map { "\(here)?organisation=\(id)&after=\($0.id)" } : nil,
            pdf: printer == nil || sheet.isEmpty ? nil : "\(here).pdf?organisation=\(id)&after=\(after)")
    }

    /// The decision a form asks for, its fields checked.
    static func decision(_ fields: [String: String]) throws -> AccreditationDecision {
        switch fields["decision"] {
        case "accept":
            guard let from = fields["validFrom"].flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "validFrom", reason: "date") }
            guard let until = fields["validUntil"].flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "validUntil", reason: "date") }
            guard from <= until else { throw InputError(field: "validUntil", reason: "before_start") }
            return .accept(validFrom: from, validUntil: until)
        case "refuse":
            return .refuse(reason: try Input.text(fields["reason"].map { Substring($0) }, field: "reason") ?? "")
        case "ask-for-more":
            return .askForMore(reason: try Input.text(fields["reason"].map { Substring($0) }, field: "reason") ?? "")
        default:
            throw InputError(field: "decision", reason: "choice")
        }
    }

    private func deskPage(
        _ session: OfficialSession, _ language: Language, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let counts = try await store.applicationCounts()
        let l = language.rawValue
        let organisations = try await store.accreditingOrganisations()
        let rows = organisations.filter { $0.registration == .registered }.map { o -> AccreditationDeskPage.Row in
            let c = counts[o.id] ?? [:]
            return .init(
                href: "/\(l)/desk/accreditation/organisations/\(o.id)", name: language.pick(o.nameEnglish, o.nameKhmer),
                kind: language.text(KeyFamilies.accreditationCategory, o.category),
                waiting: language.number((c[.submitted] ?? 0) + (c[.moreInformation] ?? 0)), accepted: language.number(c[.accepted] ?? 0),
                refused: language.number(c[.refused] ?? 0), revoked: language.number(c[.revoked] ?? 0))
        }
        // Organisations with applications waiting first.
        let ordered = rows.filter { $0.waiting != language.number(0) } + rows.filter { $0.waiting == language.number(0) }
        let applicants = organisations.filter { $0.registration == .applied }.map {
            AccreditationDeskPage.Applicant(
                id: $0.id, nameEnglish: $0.nameEnglish, nameKhmer: $0.nameKhmer, kind: language.text(KeyFamilies.organisationKind, $0.kind),
                contact: $0.contact)
        }
        let model = AccreditationDeskPage(
            lang: l, csrf: session.csrfToken, rows: ordered, applicants: applicants, hasApplicants: !applicants.isEmpty,
            message: message, error: error)
        return page("desk-accreditation", language.text("accreditation.desk"), model, language, "/desk/accreditation", status: status)
    }

    private func organisationPage(
        _ id: String, _ session: OfficialSession, _ language: Language, waitingAfter after: Int = 0, message: String? = nil,
        error: String? = nil, typed: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let organisation = try await store.accreditingOrganisation(id)
        let l = language.rawValue
        let applicant = { AccreditationOrganisationPage.Applicant($0, language) }
        let waitingIDs = try await store.waitingApplications(of: id)
        // A page of the waiting ones from number `after` on: each status's list is in number order.
        var waiting: [AccreditationApplication] = []
        for status in [AccreditationApplication.Status.submitted, .moreInformation] {
            waiting += try await store.accreditationApplications(organisation: id, status: status, after: after, limit: Self.pageSize)
        }
        waiting = Array(waiting.sorted { $0.id < $1.id }.prefix(Self.pageSize))
        let waitingNext = waiting.last.flatMap { last in
            waitingIDs.contains { $0 > last.id } ? "/\(l)/desk/accreditation/organisations/\(id)?after=\(last.id)" : nil
        }
        let accepted = try await store.accreditationApplications(organisation: id, status: .accepted, after: 0, limit: Self.pageSize)
        let election = try await store.election()
        let today = election.localDay(at: Date())
        let model = AccreditationOrganisationPage(
            lang: l, csrf: session.csrfToken, id: id, name: language.pick(organisation.nameEnglish, organisation.nameKhmer),
            category: language.text(KeyFamilies.accreditationCategory, organisation.category),
            waitingCount: language.number(waitingIDs.count), hasWaiting: !waitingIDs.isEmpty,
            waiting: waiting.map(applicant), waitingNext: waitingNext, accepted: accepted.map(applicant),
            badgesHref: "/\(l)/desk/accreditation/badges?organisation=\(id)",
            validFrom: typed["validFrom"] ?? today.iso,
            validUntil: typed["validUntil"] ?? CalendarDate(daysSinceEpoch: max(today, election.electionDay).daysSinceEpoch + 21).iso,
            message: message, error: error)
        return page("desk-accreditation-organisation", model.name, model, language, "/desk/accreditation", status: status)
    }
}
