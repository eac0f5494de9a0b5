import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// An organisation's own page: its people's applications with what the NEC decided, and the forms
/// to apply for one person or for many (lines of the organisation file), acknowledging its
/// category's code of conduct.
struct OrganisationPage: Sendable {
    let lang: String
    let csrf: String
    let name: String
    let category: String
    let code: Link?
    let counts: String
    let applicants: [AccreditationOrganisationPage.Applicant]
    let message: String?
    let error: String?
    let rejections: [String]
    /// What was typed, kept when nothing was taken.
    let typedKhmer: String
    let typedLatin: String
    let typedNationality: String
    let typedLines: String
}

struct OrganisationSignInPage: Sendable {
    let action: String
    let error: String?
}

/// The pages of an accrediting organisation, signed in with the code from
/// `sala accreditation code`. Its routes need ``OrganisationAuthenticator`` (cookie) in front; every
/// action is the organisation's own (``AccreditingOrganisation/requireOwn(_:)``).
struct OrganisationPages: PageController {
    let store: any ElectionStore & AccreditationStore
    /// Sign-in attempts, shared with the other sign-ins.
    let attempts: LookupLimiter
    let secureCookies: Bool
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("organisation") { _, context in
            let language = context.language
            guard let (organisation, code) = context.organisation else { return signIn(language, error: nil) }
            return try await home(organisation, code, language)
        }
        router.post("organisation") { request, context in
            let language = context.language
            let fields = Input.form(String(buffer: try await Input.body(of: request)))
            let code = Passwords.observerCode(fields["code"].map(String.init) ?? "")
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            guard try await OrganisationAuthenticator.organisation(code: code, in: store) != nil else {
                return signIn(language, error: language.text("organisation.signin_failed"), status: .unauthorized)
            }
            var response = Response.redirect(to: "/\(language.rawValue)/organisation", type: .normal)
            response.setCookie(Cookie(
                name: Signing.organisationCookie, value: code, maxAge: 30 * 24 * 3600, path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("organisation/applications") { request, context in
            let language = context.language
            guard let (organisation, code) = context.organisation else { throw NotSignedIn() }
            let fields = Input.form(String(buffer: try await Input.body(of: request))).mapValues(String.init)
            guard fields["csrf"] == Self.csrf(code) else { throw ForgedForm() }
            try organisation.requireOwn(organisation.id)
            guard fields["acknowledge"] == "yes" else {
                return try await home(organisation, code, language, error: InputError(field: "acknowledge", reason: "acknowledge").message(in: language),
                                      typed: fields, status: .badRequest)
            }
            let lines: String
            if let many = fields["lines"], !many.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                lines = many
            } else {
                lines = ["nameKhmer", "nameLatin", "sex", "nationality"].map { fields[$0] ?? "" }.joined(separator: ",")
            }
            let file = AccreditationFile.header.joined(separator: ",") + "\n" + lines.replacingOccurrences(of: "\r\n", with: "\n") + "\n"
            let (submitted, rejections) = try await store.submitFile(Data(file.utf8), organisation: organisation.id)
            let refused = rejections.map { r in
                language.text("organisation.rejected_line")
                    .replacingOccurrences(of: "{line}", with: language.number(r.line - 1))
                    .replacingOccurrences(of: "{field}", with: r.field.isEmpty ? "" : language.text(KeyFamilies.accreditationColumn, r.field))
                    .replacingOccurrences(of: "{reason}", with: language.text(KeyFamilies.accreditationRejection, r.reason))
            }
            let message = submitted.isEmpty ? nil : language.text("organisation.submitted")
                .replacingOccurrences(of: "{n}", with: language.number(submitted.count))
                .replacingOccurrences(of: "{first}", with: submitted[0].badgeNumber)
            return try await home(
                organisation, code, language, message: message, rejections: refused, typed: submitted.isEmpty ? fields : [:],
                status: submitted.isEmpty ? .badRequest : .created)
        }
    }

    /// A form token the organisation's pages carry back, derived from its code.
    static func csrf(_ code: String) -> String { Passwords.digest("organisation-csrf:" + code) }

    private func signIn(_ language: Language, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        page("organisation-signin", language.text("organisation.signin"),
             OrganisationSignInPage(action: "/\(language.rawValue)/organisation", error: error), language, "/organisation", status: status)
    }

    private func home(
        _ organisation: AccreditingOrganisation, _ code: String, _ language: Language, message: String? = nil, error: String? = nil,
        rejections: [String] = [], typed: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let codes = try await store.codesOfConduct().filter { $0.category == organisation.category }
        let counts = try await store.applicationCounts()[organisation.id] ?? [:]
        let applicants = try await store.accreditationApplications(organisation: organisation.id, status: nil, after: 0, limit: 500)
        let model = OrganisationPage(
            lang: l, csrf: Self.csrf(code), name: language.pick(organisation.nameEnglish, organisation.nameKhmer),
            category: language.text(KeyFamilies.accreditationCategory, organisation.category),
            code: codes.last.map { Link(href: "/\(l)/accreditation/codes/\(organisation.category.rawValue)", label: language.pick($0.titleEnglish, $0.titleKhmer)) },
            counts: AccreditationApplication.Status.allCases.compactMap { status in
                counts[status].map { "\(language.text(KeyFamilies.applicationState, status)): \(language.number($0))" }
            }.joined(separator: " · "),
            applicants: applicants.map { .init($0, language) },
            message: message, error: error ?? (rejections.isEmpty ? nil : language.text("organisation.some_refused")),
            rejections: rejections, typedKhmer: typed["nameKhmer"] ?? "", typedLatin: typed["nameLatin"] ?? "",
            typedNationality: typed["nationality"] ?? "KHM", typedLines: typed["lines"] ?? "")
        return page("organisation", model.name, model, language, "/organisation", status: status)
    }
}
