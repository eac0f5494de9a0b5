import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Accreditation in JSON: public counts, codes, the public key, the revocation list and badge
/// checks for anyone; organisations, files of applicants, decisions and revocations for the NEC
/// (a machine token of an account that may `decideAccreditation`).
struct AccreditationAPI: Sendable {
    let store: any ElectionStore & AccreditationStore
    let badges: NECKeys
    /// Organisations' own applications, shared with the sign-ins' limit per client.
    let attempts: LookupLimiter

    struct PublicKey: Encodable {
        let algorithm = "Ed25519"
        /// base64url of the 32-byte public key, as `sala verify badge --public-key` takes it.
        let publicKey: String
        let credentialFormat = "SALA1.<base64url payload>.<base64url signature over the payload's bytes>"
    }

    struct Verification: Encodable {
        /// `valid`, `malformed`, `bad-signature`, `not-yet-valid`, `expired` or `revoked`.
        let verdict: String
        let valid: Bool
        let reason: String?
        let credential: BadgeCredential?
    }

    struct Submitted: Encodable {
        let submitted: Int
        let badges: [String]
        let rejections: [AccreditationFile.Rejection]
    }

    struct DecisionBody: Decodable {
        let organisation: String?
        let badges: [String]?
        let decision: String?
        let reason: String?
        let validFrom: String?
        let validUntil: String?
    }

    struct Decided: Encodable {
        let decided: Int
        let status: AccreditationApplication.Status
    }

    struct RevocationBody: Decodable {
        let reason: String?
    }

    struct OrganisationApplicationBody: Decodable {
        let nameEnglish: String?
        let nameKhmer: String?
        let kind: String?
        let contact: String?
    }

    /// An organisation's own application as stored, and the code it signs in with (given once).
    struct OrganisationApplied: Encodable {
        let organisation: AccreditingOrganisation
        let code: String
    }

    struct RegistrationBody: Decodable {
        /// `register` or `refuse`.
        let decision: String?
        let reason: String?
    }

    struct Badge: Encodable {
        let application: AccreditationApplication
        /// What its QR code holds; absent unless accepted.
        let credential: String?
    }

    func addPublicRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("accreditation/statistics") { _, _ in try APIJSON.response(try await store.accreditationStatistics()) }
        api.get("accreditation/codes") { _, _ in try APIJSON.response(try await store.codesOfConduct()) }
        api.get("accreditation/organisations") { _, _ in
            try APIJSON.response(try await store.accreditingOrganisations().filter { $0.registration == .registered })
        }
        api.post("accreditation/organisation-applications") { request, context in
            let body = try await APIJSON.decode(OrganisationApplicationBody.self, from: request)
            guard attempts.allow(context.client) else { throw TooManyLookups() }
            var fields: [String: String] = [:]
            fields["nameEnglish"] = body.nameEnglish
            fields["nameKhmer"] = body.nameKhmer
            fields["kind"] = body.kind
            fields["contact"] = body.contact
            let (organisation, code) = try await OrganisationApplicationInput.apply(fields, store: store)
            return try APIJSON.response(OrganisationApplied(organisation: organisation, code: code), status: .created)
        }
        api.get("accreditation/public-key") { _, _ in try APIJSON.response(PublicKey(publicKey: try await badges.verifier().publicKey)) }
        api.get("accreditation/revocations") { request, _ in
            let page = try Input.page(Input.query(of: request), default: Input.revocationsPage, maximum: Input.revocationsPage)
            return try APIJSON.response(try await store.revokedBadges(page: page))
        }
        api.get("accreditation/verification") { request, _ in
            guard let text = Input.query(of: request)["badge"].map(String.init), !text.isEmpty else {
                throw InputError(field: "badge", reason: "missing")
            }
            return try APIJSON.response(Self.verification(try await badges.verify(text)))
        }
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.post("accreditation/organisations") { request, context in
            let official = try context.requireMachine()
            try official.require(.decideAccreditation, on: .nation)
            let body = try await APIJSON.decode(AccreditingOrganisation.self, from: request)
            guard AccreditingOrganisation.isIdentifier(body.id) else { throw InputError(field: "id", reason: "identifier") }
            for (field, value) in [("nameEnglish", body.nameEnglish), ("nameKhmer", body.nameKhmer)] where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw InputError(field: field, reason: "missing")
            }
            try await store.addOrganisation(body)
            return try APIJSON.response(body, status: .created)
        }
        api.post("accreditation/organisations/:id/registration") { request, context in
            let official = try context.requireMachine()
            try official.require(.decideAccreditation, on: .nation)
            let body = try await APIJSON.decode(RegistrationBody.self, from: request)
            guard let decision = body.decision, ["register", "refuse"].contains(decision) else { throw InputError(field: "decision", reason: "choice") }
            do {
                return try APIJSON.response(try await store.decideRegistration(
                    context.parameters.get("id") ?? "", register: decision == "register", reason: body.reason ?? "", by: official))
            } catch let refusal as Refusal where refusal.reason == .reasonRequired {
                throw InputError(field: "reason", reason: "missing")
            }
        }
        api.post("accreditation/decisions") { request, context in
            let official = try context.requireMachine()
            let body = try await APIJSON.decode(DecisionBody.self, from: request)
            var fields: [String: String] = [:]
            fields["decision"] = body.decision
            fields["reason"] = body.reason
            fields["validFrom"] = body.validFrom
            fields["validUntil"] = body.validUntil
            let decision = try AccreditationDeskPages.decision(fields)
            let ids: [Int]
            switch (body.organisation, body.badges) {
            case (let organisation?, nil):
                _ = try await store.accreditingOrganisation(organisation)
                ids = try await store.waitingApplications(of: organisation)
            case (nil, let badges?) where !badges.isEmpty:
                ids = try badges.map { try Input.badge($0, field: "badges") }
            default:
                throw InputError(field: "organisation", reason: "organisation_or_badges")
            }
            let decided = try await store.decideApplications(ids, decision, by: official, at: Date())
            return try APIJSON.response(Decided(decided: decided, status: decision.status))
        }
        api.get("accreditation/badges/:number") { _, context in
            let official = try context.requireMachine()
            try official.require(.decideAccreditation, on: .nation)
            let id = try Input.badge(context.parameters.get("number"), field: "number")
            let application = try await store.accreditationApplication(id)
            return try APIJSON.response(Badge(application: application, credential: try await badges.badge(application, election: try await store.election().id)?.credential))
        }
        api.post("accreditation/badges/:number/revocation") { request, context in
            let official = try context.requireMachine()
            let id = try Input.badge(context.parameters.get("number"), field: "number")
            let body = try await APIJSON.decode(RevocationBody.self, from: request)
            let reason = try Input.text(body.reason.map { Substring($0) }, field: "reason") ?? ""
            return try APIJSON.response(try await store.revokeAccreditation(id, reason: reason, by: official, at: Date()))
        }
    }

    /// What an organisation submits for its own people (or the NEC on its behalf).
    func addApplicantRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.post("accreditation/organisations/:id/applications") { request, context in
            let id = context.parameters.get("id") ?? ""
            // The NEC for any organisation, an organisation (its own code) for itself only.
            switch context.identity {
            case .machine(let official): try official.require(.decideAccreditation, on: .nation)
            case .organisation(let organisation, _): try organisation.requireOwn(id)
            default: throw NotSignedIn()
            }
            // A file of tens of thousands of people: up to 16 MB, not the 16 KB of a form.
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: 16 << 20) } catch { throw InputError(field: "body", reason: "too_long") }
            let (submitted, rejections) = try await store.submitFile(Data(buffer: body), organisation: id)
            if submitted.isEmpty, rejections.first?.line == 1 { throw InputError(field: "header", reason: "header") }
            return try APIJSON.response(
                Submitted(submitted: submitted.count, badges: submitted.map(\.badgeNumber), rejections: rejections),
                status: submitted.isEmpty ? .unprocessableContent : .created)
        }
    }

    static func verification(_ verdict: BadgeCredential.Verdict) -> Verification {
        switch verdict {
        case .valid(let c): Verification(verdict: "valid", valid: true, reason: nil, credential: c)
        case .malformed: Verification(verdict: "malformed", valid: false, reason: nil, credential: nil)
        case .badSignature: Verification(verdict: "bad-signature", valid: false, reason: nil, credential: nil)
        case .notYetValid(let c): Verification(verdict: "not-yet-valid", valid: false, reason: nil, credential: c)
        case .expired(let c): Verification(verdict: "expired", valid: false, reason: nil, credential: c)
        case .revoked(let c, let reason): Verification(verdict: "revoked", valid: false, reason: reason, credential: c)
        }
    }
}
