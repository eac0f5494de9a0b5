import ElectionCore
import ElectionCredentials
import ElectionStore
import Foundation
import Hummingbird
import QRCode

/// The public face of accreditation: who is accredited (counts only, never names), the codes of
/// conduct, the NEC's public key, and a page where anyone checks a badge.
struct AccreditationPage: Sendable {
    struct Category: Sendable {
        let name: String
        let people: String
        let organisations: String
        let lines: [Link]
        let code: Link?
    }
    let lang: String
    let categories: [Category]
    let publicKey: String
}

struct BadgeVerifyPage: Sendable {
    let lang: String
    let badge: String
    /// The verdict in the reader's language, when a badge was given.
    let verdict: String?
    let valid: Bool
    let details: [Fact]
}

struct CodeOfConductPage: Sendable {
    let title: String
    let lines: [String]
    let version: String
    let versions: [Link]
}

/// The NEC's desk for accreditation: organisations with their applications by state, one
/// organisation's waiting applications with the forms to decide them, printable badges.
struct AccreditationDeskPage: Sendable {
    struct Row: Sendable {
        let href: String
        let name: String
        let kind: String
        let waiting: String
        let accepted: String
        let refused: String
        let revoked: String
    }
    /// An organisation that applied itself, waiting to be registered.
    struct Applicant: Sendable {
        let id: String
        let nameEnglish: String
        let nameKhmer: String
        let kind: String
        let contact: String
    }
    let lang: String
    let csrf: String
    let rows: [Row]
    let applicants: [Applicant]
    /// Stored, not computed: templates see only stored properties.
    let hasApplicants: Bool
    let message: String?
    let error: String?
}

struct AccreditationOrganisationPage: Sendable {
    struct Applicant: Sendable {
        let badge: String
        let khmer: String
        let latin: String
        let sex: String
        let nationality: String
        let status: String
        let reason: String

        /// An application as the NEC's desk and its organisation's page list it.
        init(_ a: AccreditationApplication, _ language: Language) {
            badge = a.badgeNumber
            khmer = a.name.khmer
            latin = a.name.latin
            sex = language.text(KeyFamilies.sex, a.sex)
            nationality = a.nationality
            status = language.text(KeyFamilies.applicationState, a.status)
            reason = a.reason
        }
    }
    let lang: String
    let csrf: String
    let id: String
    let name: String
    let category: String
    let waitingCount: String
    let hasWaiting: Bool
    /// The first ``AccreditationDeskPages/pageSize`` waiting from the page's number on, and the link to the next ones.
    let waiting: [Applicant]
    let waitingNext: String?
    let accepted: [Applicant]
    let badgesHref: String
    let validFrom: String
    let validUntil: String
    let message: String?
    let error: String?
}

/// A sheet of badges ready to print: each with the holder's names in both scripts, category,
/// organisation, days, and a QR code of its signed credential.
struct BadgeSheet: Sendable {
    struct Badge: Sendable {
        let number: String
        let khmer: String
        let latin: String
        let category: String
        let organisation: String
        let validity: String
        let qr: String
    }
    let lang: String
    let title: String
    /// The organisation's id, and the badge number the sheet starts after.
    let organisation: String
    let from: Int
    let badges: [Badge]
    let next: String?
    /// The same sheet as PDF, where the server can print one.
    let pdf: String?
}

struct AccreditationPages: PageController {
    let store: any ElectionStore & AccreditationStore
    let badges: NECKeys
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("accreditation") { _, context in
            let language = context.language
            let statistics = try await store.accreditationStatistics()
            let codes = try await store.codesOfConduct()
            let l = language.rawValue
            let categories = AccreditationCategory.allCases.map { category -> AccreditationPage.Category in
                let lines = statistics.organisations.filter { $0.category == category }
                return .init(
                    name: language.text(KeyFamilies.accreditationCategory, category),
                    people: language.number(statistics.byCategory[category] ?? 0), organisations: language.number(lines.count),
                    lines: lines.map { Link(href: "", label: language.pick($0.nameEnglish, $0.nameKhmer), detail: language.number($0.accredited)) },
                    code: codes.last { $0.category == category }.map {
                        Link(href: "/\(l)/accreditation/codes/\(category.rawValue)", label: language.pick($0.titleEnglish, $0.titleKhmer))
                    })
            }
            let model = AccreditationPage(lang: l, categories: categories, publicKey: try await badges.verifier().publicKey)
            return page("accreditation", language.text("accreditation.title"), model, language, "/accreditation")
        }
        router.get("accreditation/codes/:category") { request, context in
            let language = context.language
            guard let category = context.parameters.get("category").flatMap(AccreditationCategory.init(rawValue:)) else {
                throw InputError(field: "category", reason: "choice")
            }
            let versions = try await store.codesOfConduct().filter { $0.category == category }
            let asked = Input.query(of: request)["version"].flatMap { Int($0) }
            guard let code = asked.map({ v in versions.first { $0.version == v } }) ?? versions.last else {
                throw StoreError.notFound("code of conduct", category.rawValue)
            }
            let l = language.rawValue
            let model = CodeOfConductPage(
                title: language.pick(code.titleEnglish, code.titleKhmer),
                lines: language.pick(code.textEnglish, code.textKhmer).split(separator: "\n").map(String.init),
                version: language.text("accreditation.code_version")
                    .replacingOccurrences(of: "{version}", with: language.number(code.version))
                    .replacingOccurrences(of: "{date}", with: language.longDate(code.publishedOn)),
                versions: versions.map {
                    Link(href: "/\(l)/accreditation/codes/\(category.rawValue)?version=\($0.version)",
                         label: language.text("accreditation.version").replacingOccurrences(of: "{version}", with: language.number($0.version)),
                         detail: language.longDate($0.publishedOn))
                })
            return page("code-of-conduct", model.title, model, language, "/accreditation/codes/\(category.rawValue)")
        }
        router.get("accreditation/verify") { request, context in
            let language = context.language
            let text = Input.query(of: request)["badge"].map(String.init) ?? ""
            guard !text.isEmpty else {
                return page("badge-verify", language.text("accreditation.verify"),
                            BadgeVerifyPage(lang: language.rawValue, badge: "", verdict: nil, valid: false, details: []), language, "/accreditation/verify")
            }
            let verdict = try await badges.verify(text)
            return page("badge-verify", language.text("accreditation.verify"),
                        try await Self.verdictPage(verdict, text, language, store: store), language, "/accreditation/verify")
        }
    }

    /// The verdict, and what the badge says, in the reader's language.
    static func verdictPage(
        _ verdict: BadgeCredential.Verdict, _ text: String, _ language: Language, store: any AccreditationStore
    ) async throws -> BadgeVerifyPage {
        var credential: BadgeCredential?
        var sentence: String
        switch verdict {
        case .valid(let c): (credential, sentence) = (c, language.text("badge.valid"))
        case .malformed: sentence = language.text("badge.malformed")
        case .badSignature: sentence = language.text("badge.bad_signature")
        case .notYetValid(let c): (credential, sentence) = (c, language.text("badge.not_yet_valid"))
        case .expired(let c): (credential, sentence) = (c, language.text("badge.expired"))
        case .revoked(let c, let reason):
            (credential, sentence) = (c, language.text("badge.revoked").replacingOccurrences(of: "{reason}", with: reason))
        }
        var details: [Fact] = []
        if let c = credential {
            let organisation = try? await store.accreditingOrganisation(c.organisation)
            details = [
                Fact(label: language.text("badge.number"), value: c.badge),
                Fact(label: language.text("badge.name"), value: c.name),
                Fact(label: language.text("badge.category"), value: language.text(KeyFamilies.accreditationCategory, c.category)),
                Fact(label: language.text("badge.organisation"), value: organisation.map { language.pick($0.nameEnglish, $0.nameKhmer) } ?? c.organisation),
                Fact(label: language.text("badge.validity"), value: "\(language.longDate(c.validFrom)) – \(language.longDate(c.validUntil))"),
            ]
        }
        if !verdict.isValid { sentence = language.text("badge.not_valid") + " " + sentence }
        return BadgeVerifyPage(lang: language.rawValue, badge: text, verdict: sentence, valid: verdict.isValid, details: details)
    }
}

/// The NEC's Ed25519 key, read from the store once: signs accepted badges and results
/// publications, checks any badge against the current revocation list.
actor NECKeys {
    let store: any ElectionStore & AccreditationStore
    private var signer: NECSigner?

    init(store: any ElectionStore & AccreditationStore) { self.store = store }

    func current() async throws -> NECSigner {
        if let signer { return signer }
        let made = try NECSigner(privateKey: try await store.signingKey())
        signer = made
        return made
    }

    func verifier() async throws -> NECVerifier { try await current().verifier }

    /// The badge's verdict today, where the election is held, with the revocation list.
    func verify(_ text: String) async throws -> BadgeCredential.Verdict {
        let election = try await store.election()
        return try await current().verifier.verify(text, on: election.localDay(at: Date()), revoked: try await store.revokedBadges())
    }

    /// The signed credential of an accepted application for `election`, and its QR code as SVG.
    func badge(_ application: AccreditationApplication, election: String) async throws -> (credential: String, qr: String)? {
        guard let credential = BadgeCredential(application, election: election) else { return nil }
        let text = try await current().sign(credential)
        return (text, try QRCode(text: text, correction: .medium).svg(title: application.badgeNumber))
    }
}
