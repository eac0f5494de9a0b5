import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The public complaints page: how to lodge one, where to follow one, and the counts so far.
struct ComplaintsPage: Sendable {
    let lang: String
    let reference: String
    let error: String?
    let total: String
    let byCategory: [Fact]
    let byLevel: [Fact]
    let byOutcome: [Fact]
}

/// The form to lodge a complaint: the public's, or the hotline's on a caller's behalf.
struct ComplaintFormPage: Sendable {
    let action: String
    /// The hotline's form carries the call-taker's session token.
    let csrf: String?
    let categories: [Choice]
    let provinces: [Choice]
    let area: String
    let place: String
    let description: String
    let name: String
    let phone: String
    let maximumFiles: String
    let error: String?
    let invalid: String
}

/// A complaint as its complainant follows it: no personal data, the history, and the appeal form
/// while an appeal is open.
struct ComplaintFollowPage: Sendable {
    let lang: String
    let reference: String
    let lodged: Bool
    let message: String?
    let facts: [Fact]
    let description: String
    let steps: [ComplaintText.Step]
    let mayAppeal: Bool
    let appealBy: String
    let error: String?
    let invalid: String
}

struct ComplaintPages: Sendable {
    let store: any PortalStore
    /// Lodging is limited per client like the sign-ins, so that no one floods the commissions.
    let attempts: LookupLimiter
    /// Look-ups of a complaint by its reference, per client (``ComplaintInput/complaint(_:store:lookups:_:)``).
    let lookups: LookupLimiter
    let clock: PortalClock
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("complaints") { request, context in
            let query = Input.query(of: request)
            if let typed = query["reference"] {
                guard let reference = ComplaintReference.normalized(typed) else {
                    return try await landing(context.language, reference: String(typed), error: InputError(field: "reference", reason: "complaint_reference"))
                }
                return Response.redirect(to: "/\(context.language.rawValue)/complaints/\(reference)", type: .normal)
            }
            return try await landing(context.language)
        }
        router.get("complaints/new") { _, context in
            try await form(context.language, fields: .init(form: [:]))
        }
        router.post("complaints/new") { request, context in
            let language = context.language
            let (fields, files) = try await Self.lodged(request)
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            do {
                let draft = try await ComplaintInput.draft(fields, channel: .web, store: store)
                let complaint = try await store.lodgeComplaint(draft, evidence: try ComplaintInput.evidence(files), by: nil, at: clock.now())
                return Response.redirect(to: "/\(language.rawValue)/complaints/\(complaint.reference)?lodged=1", type: .normal)
            } catch let error as InputError {
                return try await form(language, fields: fields, error: error)
            }
        }
        router.get("complaints/:reference") { request, context in
            let complaint = try await complaint(context)
            return try await follow(complaint, context.language, lodged: Input.query(of: request)["lodged"] == "1")
        }
        router.post("complaints/:reference/appeal") { request, context in
            let language = context.language
            let complaint = try await complaint(context)
            let fields = Input.form(String(buffer: try await Input.body(of: request))).mapValues(String.init)
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            do {
                let reasons = try Input.longText(fields["reasons"], field: "reasons", required: true) ?? ""
                _ = try await store.appealComplaint(reference: complaint.reference, phone: fields["phone"] ?? "", reasons: reasons, at: clock.now())
                return Response.redirect(to: "/\(language.rawValue)/complaints/\(complaint.reference)", type: .normal)
            } catch let error as InputError {
                return try await follow(complaint, language, error: (error.message(in: language), error.field), status: .badRequest)
            } catch let refusal as Refusal {
                let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
                let text = refusal.field == "phone" ? language.text("complaint.appeal_phone") : message
                return try await follow(complaint, language, error: (text, field ?? ""), status: status)
            }
        }
    }

    /// The form's fields and files, from a multipart body (with evidence) or a URL-encoded one.
    static func lodged(_ request: Request) async throws -> (ComplaintInput.Fields, [[UInt8]]) {
        let body = try await Input.body(of: request, limit: ComplaintInput.bodyLimit)
        guard MultipartForm.isMultipart(request) else {
            return (.init(form: Input.form(String(buffer: body)).mapValues(String.init)), [])
        }
        let form = try MultipartForm(body, contentType: request.headers[.contentType], field: "evidence")
        var fields = ComplaintInput.Fields(form: form.fields)
        fields.evidence = nil
        return (fields, form.files.filter { $0.field == "evidence" }.map(\.bytes))
    }

    private func complaint(_ context: PortalRequestContext) async throws -> Complaint {
        try await ComplaintInput.complaint(context.parameters.get("reference"), store: store, lookups: lookups, context)
    }

    private func landing(_ language: Language, reference: String = "", error: InputError? = nil) async throws -> Response {
        let election = try await store.election()
        let statistics = try await store.complaintStatistics(on: election.localDay(at: clock.now()))
        func rows<Value>(_ family: KeyFamily<Value>, _ counts: (Value) -> Int) -> [Fact] {
            family.values.map { Fact(label: language.text(family, $0), value: language.number(counts($0))) }
        }
        let levels: [(ResultLevel, CommissionLevel)] = [(.commune, .commune), (.province, .provincial), (.national, .national)]
        let model = ComplaintsPage(
            lang: language.rawValue, reference: reference, error: error?.message(in: language), total: language.number(statistics.total),
            byCategory: rows(KeyFamilies.complaintCategory) { statistics.byCategory[$0, default: 0] },
            byLevel: levels.map { Fact(label: language.text(KeyFamilies.commissionLevel, $0.1), value: language.number(statistics.byLevel[$0.0, default: 0])) },
            byOutcome: rows(KeyFamilies.complaintOutcome) { statistics.byOutcome[$0, default: 0] }
                + [Fact(label: language.text("complaint.pending"), value: language.number(statistics.pending)),
                   Fact(label: language.text("complaint.overdue"), value: language.number(statistics.overdue)),
                   Fact(label: language.text("complaint.appeals"), value: language.number(statistics.appeals))])
        return renderer.page("complaints", title: language.text("complaint.title"), content: model, language: language, path: "/complaints",
                             status: error == nil ? .ok : .badRequest)
    }

    /// The lodging form, blank or as sent with the refused field marked.
    func form(
        _ language: Language, fields: ComplaintInput.Fields, error: InputError? = nil, action: String = "/complaints/new", csrf: String? = nil
    ) async throws -> Response {
        let provinces = try await store.constituencies()
        let model = ComplaintFormPage(
            action: "/\(language.rawValue)\(action)", csrf: csrf,
            categories: ComplaintText.categories(selected: fields.category, language),
            provinces: [Choice(value: "", label: language.text("complaint.no_province"))] + provinces.map {
                Choice(value: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer), selected: $0.id.rawValue == fields.province)
            },
            area: fields.area ?? "", place: fields.place ?? "", description: fields.description ?? "", name: fields.name ?? "",
            phone: fields.phone ?? "", maximumFiles: language.number(ComplaintEvidence.maximumFiles), error: error?.message(in: language),
            invalid: error?.field ?? "")
        return renderer.page("complaint-form", title: language.text("complaint.lodge"), content: model, language: language, path: action,
                             status: error == nil ? .ok : .badRequest)
    }

    private func follow(
        _ complaint: Complaint, _ language: Language, lodged: Bool = false, error: (message: String, field: String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let election = try await store.election()
        let text = try await ComplaintText(language: language, store: store, election: election, complaints: [complaint])
        let today = election.localDay(at: clock.now())
        let model = ComplaintFollowPage(
            lang: language.rawValue, reference: complaint.reference, lodged: lodged, message: nil,
            facts: [
                Fact(label: language.text("complaint.status_label"), value: language.text(KeyFamilies.complaintStatus, complaint.status(on: today))),
                Fact(label: language.text("field.category"), value: language.text(KeyFamilies.complaintCategory, complaint.category)),
                Fact(label: language.text("complaint.handled_by"), value: text.commission(complaint.handlingUnit)),
                Fact(label: language.text("complaint.received"), value: text.moment(complaint.receivedAt)),
            ] + (complaint.decision == nil ? [Fact(label: language.text("complaint.decide_by"), value: text.day(complaint.decideBy))] : []),
            description: complaint.description, steps: text.steps(complaint),
            mayAppeal: complaint.status(on: today) == .decided, appealBy: text.day(complaint.appealBy),
            error: error?.message, invalid: error?.field ?? "")
        return renderer.page("complaint", title: language.text("complaint.follow_title").replacingOccurrences(of: "{reference}", with: complaint.reference),
                             content: model, language: language, path: "/complaints/\(complaint.reference)", status: status)
    }
}
