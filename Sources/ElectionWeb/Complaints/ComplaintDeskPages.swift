import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The complaints handled within an official's unit, overdue first.
struct DeskComplaintsPage: Sendable {
    struct Row: Sendable {
        let href: String
        let reference: String
        let category: String
        let commission: String
        let status: String
        /// While undecided.
        let decideBy: String?
        let overdue: Bool
        let ours: Bool
    }
    let rows: [Row]
    let none: Bool
    let lodgeHref: String?
}

/// One complaint on the commission's desk: for the handling commission, the complainant, the
/// evidence and the hearing and decision forms.
struct DeskComplaintPage: Sendable {
    struct Evidence: Sendable {
        let href: String
        let label: String
    }
    let lang: String
    let id: Int
    let csrf: String
    let reference: String
    let facts: [Fact]
    let description: String
    let place: String
    /// The complainant and the evidence are for the commission handling it only.
    let handles: Bool
    let complainant: [Fact]
    let evidence: [Evidence]
    let hasEvidence: Bool
    let steps: [ComplaintText.Step]
    let mayHear: Bool
    let mayDecide: Bool
    let outcomes: [Choice]
    let error: String?
    let invalid: String
}

struct ComplaintDeskPages: Sendable {
    let store: any PortalStore
    let pages: ComplaintPages
    let clock: PortalClock
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/complaints") { _, context in
            let language = context.language, l = language.rawValue
            guard let session = context.session else { return context.signInFirst }
            let official = session.official
            try official.require(.handleComplaints, on: official.unitCode)
            let election = try await store.election()
            let today = election.localDay(at: clock.now())
            let complaints = try await store.complaints(within: official.unitCode)
                .sorted { ($0.isOverdue(on: today) ? 0 : 1, $0.decideBy ?? today, -$0.id) < ($1.isOverdue(on: today) ? 0 : 1, $1.decideBy ?? today, -$1.id) }
            let shown = Array(complaints.prefix(500))
            let text = try await ComplaintText(language: language, store: store, election: election, complaints: shown)
            var rows: [DeskComplaintsPage.Row] = []
            for complaint in shown {
                rows.append(.init(
                    href: "/\(l)/desk/complaints/\(complaint.id)", reference: complaint.reference,
                    category: language.text(KeyFamilies.complaintCategory, complaint.category), commission: text.commission(complaint.handlingUnit),
                    status: language.text(KeyFamilies.complaintStatus, complaint.status(on: today)),
                    decideBy: complaint.decision == nil ? text.day(complaint.decideBy) : nil, overdue: complaint.isOverdue(on: today),
                    ours: official.handles(complaint)))
            }
            let model = DeskComplaintsPage(
                rows: rows, none: rows.isEmpty, lodgeHref: official.may(.takeCalls, on: .nation) ? "/\(l)/desk/hotline/complaint" : nil)
            return renderer.page("desk-complaints", title: language.text("complaint.desk"), content: model, language: language, path: "/desk/complaints")
        }
        router.get("desk/complaints/:id") { _, context in
            guard let session = context.session else { return context.signInFirst }
            let complaint = try await complaint(context)
            return try await desk(complaint, session, context.language)
        }
        router.post("desk/complaints/:id/hearing") { request, context in
            try await handle(request, context) { complaint, official, form in
                let (at, place) = try ComplaintInput.hearing(.init(form: form), election: try await store.election())
                _ = try await store.setHearing(ofComplaint: complaint.id, at: at, place: place, by: official, now: clock.now())
            }
        }
        router.post("desk/complaints/:id/decision") { request, context in
            try await handle(request, context) { complaint, official, form in
                let (outcome, reasons) = try ComplaintInput.decision(.init(form: form))
                _ = try await store.decideComplaint(complaint.id, outcome, reasons: reasons, by: official, at: clock.now())
            }
        }
        router.get("desk/complaints/:id/evidence/:number") { _, context in
            let session = try context.requireSession()
            guard let id = context.parameters.get("id").flatMap({ Int($0) }), let number = context.parameters.get("number").flatMap({ Int($0) }) else {
                throw InputError(field: "number", reason: "number")
            }
            let (evidence, bytes) = try await store.evidenceFile(ofComplaint: id, number: number, by: session.official)
            return Self.download(evidence, bytes, name: "complaint-\(id)-evidence-\(number)")
        }
        router.get("desk/hotline/complaint") { _, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.takeCalls, on: .nation)
            return try await pages.form(context.language, fields: .init(form: [:]), action: "/desk/hotline/complaint", csrf: session.csrfToken)
        }
        router.post("desk/hotline/complaint") { request, context in
            let language = context.language
            // A caller's evidence comes later, to the handling commission: the hotline's form has no files.
            let (session, form) = try await context.requireSessionForm(request)
            let fields = ComplaintInput.Fields(form: form)
            try session.official.require(.takeCalls, on: .nation)
            do {
                let draft = try await ComplaintInput.draft(fields, channel: .hotline, store: store)
                let complaint = try await store.lodgeComplaint(draft, evidence: [], by: session.official, at: clock.now())
                return Response.redirect(to: "/\(language.rawValue)/desk/complaints/\(complaint.id)", type: .normal)
            } catch let error as InputError {
                return try await pages.form(language, fields: fields, error: error, action: "/desk/hotline/complaint", csrf: session.csrfToken)
            }
        }
    }

    /// An evidence file as a download that no browser runs: its type as its bytes showed it, saved
    /// rather than shown, not sniffed, and sandboxed if opened.
    static func download(_ evidence: ComplaintEvidence, _ bytes: [UInt8], name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = evidence.type.rawValue
        headers[.contentDisposition] = "attachment; filename=\"\(name).\(evidence.type.fileExtension)\""
        headers[.xContentTypeOptions] = "nosniff"
        headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A handling commission's form on a complaint: the complaint's page again once done, or the
    /// page with the refused field named (a refusal of the official themselves is the error page's).
    private func handle(
        _ request: Request, _ context: PortalRequestContext,
        _ act: (Complaint, Official, [String: String]) async throws -> Void
    ) async throws -> Response {
        let language = context.language
        let (session, form) = try await context.requireSessionForm(request)
        let complaint = try await complaint(context)
        // Only the commission handling it hears and decides: asked before the form is read.
        try session.official.requireHandling(complaint)
        do {
            try await act(complaint, session.official, form)
            return Response.redirect(to: "/\(language.rawValue)/desk/complaints/\(complaint.id)", type: .normal)
        } catch let error as InputError {
            return try await desk(complaint, session, language, error: (error.message(in: language), error.field), status: .badRequest)
        } catch let refusal as Refusal where refusal.reason != .roleMayNot && refusal.reason != .outsideUnit {
            let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
            return try await desk(complaint, session, language, error: (message, field ?? ""), status: status)
        }
    }

    private func complaint(_ context: PortalRequestContext) async throws -> Complaint {
        guard let text = context.parameters.get("id"), let id = Int(text) else { throw InputError(field: "id", reason: "number") }
        let complaint = try await store.complaint(id: id)
        try context.requireSession().official.require(.handleComplaints, on: complaint.handlingUnit)
        return complaint
    }

    private func desk(
        _ complaint: Complaint, _ session: OfficialSession, _ language: Language, error: (message: String, field: String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue, official = session.official
        let election = try await store.election()
        let text = try await ComplaintText(language: language, store: store, election: election, complaints: [complaint])
        let today = election.localDay(at: clock.now())
        let handles = official.handles(complaint)
        let evidence = handles ? try await store.evidence(ofComplaint: complaint.id) : []
        let model = DeskComplaintPage(
            lang: l, id: complaint.id, csrf: session.csrfToken, reference: complaint.reference,
            facts: [
                Fact(label: language.text("complaint.status_label"), value: language.text(KeyFamilies.complaintStatus, complaint.status(on: today))),
                Fact(label: language.text("field.category"), value: language.text(KeyFamilies.complaintCategory, complaint.category)),
                Fact(label: language.text("complaint.channel_label"), value: language.text(KeyFamilies.complaintChannel, complaint.channel)),
                Fact(label: language.text("complaint.handled_by"), value: text.commission(complaint.handlingUnit)),
                Fact(label: language.text("complaint.area"), value: complaint.area.rawValue.isEmpty ? "—" : complaint.area.rawValue),
                Fact(label: language.text("complaint.received"), value: text.moment(complaint.receivedAt)),
            ] + (complaint.decision == nil ? [Fact(label: language.text("complaint.decide_by"), value: text.day(complaint.decideBy))] : [])
              + (complaint.missionID.map { [Fact(label: language.text("complaint.mission"), value: "\($0) · \(complaint.incidentID ?? 0)")] } ?? []),
            description: complaint.description, place: complaint.place, handles: handles,
            complainant: handles ? [
                Fact(label: language.text("field.name"), value: complaint.complainant.name),
                Fact(label: language.text("field.phone"), value: complaint.complainant.phone),
            ] : [],
            evidence: evidence.map {
                .init(href: "/\(l)/desk/complaints/\(complaint.id)/evidence/\($0.number)",
                      label: "\($0.type.fileExtension.uppercased()) · \(language.number(($0.byteCount + 1023) / 1024)) KB · SHA-256 \($0.sha256.prefix(12))")
            },
            hasEvidence: !evidence.isEmpty, steps: text.steps(complaint), mayHear: handles && complaint.decision == nil, mayDecide: handles && complaint.decision == nil,
            outcomes: ComplaintOutcome.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.complaintOutcome, $0)) },
            error: error?.message, invalid: error?.field ?? "")
        return renderer.page("desk-complaint", title: complaint.reference, content: model, language: language, path: "/desk/complaints/\(complaint.id)",
                             status: status)
    }
}
