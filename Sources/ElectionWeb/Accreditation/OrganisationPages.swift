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
    /// Only a registered organisation applies for its people; otherwise where it stands.
    let registered: Bool
    let standing: String?
    /// Its applications by status; nil before it has any.
    let counts: String?
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
    let applyHref: String
}

/// The public form with which an organisation applies to be registered, and, once sent, the code
/// it signs in with (shown once).
struct OrganisationApplyPage: Sendable {
    let action: String
    let error: String?
    let invalid: String?
    let nameEnglish: String
    let nameKhmer: String
    let kinds: [Choice]
    let contact: String
    /// Set once the application is stored: the code, and the organisation's id.
    let code: String?
    let organisation: String?
    let home: String
}

/// One parsing of an organisation's own application, for the public page and the API.
enum OrganisationApplicationInput {
    /// The organisation the fields describe (`nameEnglish`, `nameKhmer`, `kind`, `contact`), its id
    /// made from its English name; refused by field.
    static func organisation(_ fields: [String: String]) throws -> AccreditingOrganisation {
        let nameEnglish = try Input.text(fields["nameEnglish"].map { Substring($0) }, field: "nameEnglish") ?? ""
        let nameKhmer = try Input.text(fields["nameKhmer"].map { Substring($0) }, field: "nameKhmer") ?? ""
        guard let kind = fields["kind"].flatMap(AccreditingOrganisation.Kind.init(rawValue:)) else { throw InputError(field: "kind", reason: "choice") }
        let contact = try Input.text(fields["contact"].map { Substring($0) }, field: "contact") ?? ""
        return AccreditingOrganisation(
            id: AccreditingOrganisation.identifier(from: nameEnglish), nameEnglish: nameEnglish, nameKhmer: nameKhmer, kind: kind,
            contact: contact, registration: .applied)
    }

    /// Stores the application with a new code; returns the organisation as stored and the code,
    /// which is shown once.
    static func apply(_ fields: [String: String], store: any AccreditationStore) async throws -> (AccreditingOrganisation, String) {
        let organisation = try organisation(fields)
        let code = Passwords.newObserverCode()
        let stored = try await store.applyAsOrganisation(organisation, codeDigest: Passwords.digest(Passwords.observerCode(code)))
        return (stored, code)
    }
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
        router.get("organisation/apply") { _, context in
            applyPage(context.language, [:])
        }
        router.post("organisation/apply") { request, context in
            let language = context.language
            let fields = Input.form(String(buffer: try await Input.body(of: request))).mapValues(String.init)
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            do {
                let (organisation, code) = try await OrganisationApplicationInput.apply(fields, store: store)
                var response = applyPage(language, fields, applied: (organisation, code), status: .created)
                response.setCookie(Cookie(
                    name: Signing.organisationCookie, value: Passwords.observerCode(code), maxAge: 30 * 24 * 3600, path: "/",
                    secure: secureCookies, httpOnly: true, sameSite: .strict))
                return response
            } catch let error as InputError {
                return applyPage(language, fields, error: error, status: .badRequest)
            }
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
        let l = language.rawValue
        return page("organisation-signin", language.text("organisation.signin"),
                    OrganisationSignInPage(action: "/\(l)/organisation", error: error, applyHref: "/\(l)/organisation/apply"),
                    language, "/organisation", status: status)
    }

    /// The application form with what was typed, or once stored, the code to keep.
    private func applyPage(
        _ language: Language, _ fields: [String: String], error: InputError? = nil, applied: (AccreditingOrganisation, String)? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let l = language.rawValue
        let model = OrganisationApplyPage(
            action: "/\(l)/organisation/apply", error: error?.message(in: language), invalid: error?.field,
            nameEnglish: fields["nameEnglish"] ?? "", nameKhmer: fields["nameKhmer"] ?? "",
            kinds: AccreditingOrganisation.Kind.allCases.map {
                Choice(value: $0.rawValue, label: language.text(KeyFamilies.organisationKind, $0), selected: $0.rawValue == fields["kind"])
            },
            contact: fields["contact"] ?? "", code: applied?.1, organisation: applied?.0.id, home: "/\(l)/organisation")
        return page("organisation-apply", language.text("organisation.apply_title"), model, language, "/organisation/apply", status: status)
    }

    private func home(
        _ organisation: AccreditingOrganisation, _ code: String, _ language: Language, message: String? = nil, error: String? = nil,
        rejections: [String] = [], typed: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let codes = try await store.codesOfConduct().filter { $0.category == organisation.category }
        let counts = try await store.applicationCounts()[organisation.id] ?? [:]
        let applicants = try await store.accreditationApplications(organisation: organisation.id, status: nil, after: 0, limit: 500)
        let standing: String? = switch organisation.registration {
        case .registered: nil
        case .applied: language.text("organisation.waiting")
        case .refused: language.text("organisation.refused").replacingOccurrences(of: "{reason}", with: organisation.reason)
        }
        let model = OrganisationPage(
            lang: l, csrf: Self.csrf(code), name: language.pick(organisation.nameEnglish, organisation.nameKhmer),
            category: language.text(KeyFamilies.accreditationCategory, organisation.category),
            code: codes.last.map { Link(href: "/\(l)/accreditation/codes/\(organisation.category.rawValue)", label: language.pick($0.titleEnglish, $0.titleKhmer)) },
            registered: organisation.registration == .registered,
            standing: standing,
            counts: counts.isEmpty ? nil : AccreditationApplication.Status.allCases.compactMap { status in
                counts[status].map { "\(language.text(KeyFamilies.applicationState, status)): \(language.number($0))" }
            }.joined(separator: " · "),
            applicants: applicants.map { .init($0, language) },
            message: message, error: error ?? (rejections.isEmpty ? nil : language.text("organisation.some_refused")),
            rejections: rejections, typedKhmer: typed["nameKhmer"] ?? "", typedLatin: typed["nameLatin"] ?? "",
            typedNationality: typed["nationality"] ?? "KHM", typedLines: typed["lines"] ?? "")
        return page("organisation", model.name, model, language, "/organisation", status: status)
    }
}
