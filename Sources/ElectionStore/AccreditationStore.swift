import ElectionCore
import Foundation

/// Accreditation of observers and journalists: organisations, codes of conduct, applications and
/// the NEC's decisions, and the key that signs badges. Decisions are refused with ``Refusal``
/// unless the official may `decideAccreditation`.
public protocol AccreditationStore: Sendable {
    /// Adds an organisation. Throws ``StoreError/duplicate(_:_:)`` for an id in use.
    func addOrganisation(_ organisation: AccreditingOrganisation) async throws
    func accreditingOrganisations() async throws -> [AccreditingOrganisation]
    /// Throws ``StoreError/notFound(_:_:)`` for an unknown id.
    func accreditingOrganisation(_ id: String) async throws -> AccreditingOrganisation

    /// Stores an organisation's own application (waiting for the NEC) with the code it signs in
    /// with, in one transaction; its id is the one asked for or, when taken, the first free of
    /// `id-2`, `id-3`, … Returns it as stored.
    func applyAsOrganisation(_ organisation: AccreditingOrganisation, codeDigest: String) async throws -> AccreditingOrganisation
    /// Registers or refuses an organisation that applied itself (``AccreditingOrganisation/registrationDecided(register:reason:)``);
    /// refused with ``Refusal`` unless the official may `decideAccreditation`.
    func decideRegistration(_ id: String, register: Bool, reason: String, by official: Official) async throws -> AccreditingOrganisation

    /// Publishes a version of a category's code of conduct; it must be the next version.
    func publishCodeOfConduct(_ code: CodeOfConduct) async throws
    /// Every version of every category's code, oldest first.
    func codesOfConduct() async throws -> [CodeOfConduct]

    /// Stores new applications in one transaction, numbered in order; returns them numbered.
    /// Each must name a known organisation and a published version of its category's code.
    func submitApplications(_ applications: [AccreditationApplication]) async throws -> [AccreditationApplication]
    /// Throws ``StoreError/notFound(_:_:)`` for an unknown number.
    func accreditationApplication(_ id: Int) async throws -> AccreditationApplication
    /// An organisation's applications (or everyone's, for nil), in number order, in one status
    /// when given; at most `limit`, from number `after` on.
    func accreditationApplications(
        organisation: String?, status: AccreditationApplication.Status?, after: Int, limit: Int
    ) async throws -> [AccreditationApplication]
    /// Decides applications that are waiting (submitted or sent back); the others are left as
    /// they are. Returns how many were decided.
    func decideApplications(_ ids: [Int], _ decision: AccreditationDecision, by official: Official, at time: Date) async throws -> Int
    /// Withdraws an accepted badge, with a reason. Refused with ``Refusal`` for one not accepted.
    func revokeAccreditation(_ id: Int, reason: String, by official: Official, at time: Date) async throws -> AccreditationApplication
    /// Revoked badges: badge number → reason.
    func revokedBadges() async throws -> [String: String]
    /// A page of the revoked badges, in the order they were applied for: badge number → reason.
    func revokedBadges(page: ListPage) async throws -> [String: String]
    /// Applications by organisation and status, for the NEC's desk.
    func applicationCounts() async throws -> [String: [AccreditationApplication.Status: Int]]
    /// Accredited people by organisation and category (revoked ones not counted).
    func accreditationStatistics() async throws -> AccreditationStatistics

    /// A code (stored as its digest) with which an organisation submits and follows its own applications.
    func addOrganisationCode(digest: String, organisation: String) async throws
    /// The organisation whose code has this digest, if any.
    func accreditingOrganisation(codeDigest: String) async throws -> AccreditingOrganisation?

    /// The NEC's badge signing key (32 bytes): the one stored, or `make()`'s, stored first.
    func badgeSigningKey(orMake make: @Sendable () -> Data) async throws -> Data
}
