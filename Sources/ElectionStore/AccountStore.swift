import ElectionCore
import Foundation

/// An official's account as stored: the official and the bcrypt hash of their password.
public struct OfficialAccount: Sendable, Hashable {
    public var official: Official
    /// A bcrypt hash, or `!` for an account that cannot sign in with a password.
    public var passwordHash: String

    public init(official: Official, passwordHash: String) {
        self.official = official
        self.passwordHash = passwordHash
    }

    /// The hash stored for an account that cannot sign in with a password (such as the accounts
    /// a replay enters forms with).
    public static let disabledPassword = "!"
}

/// A signed-in browser session.
public struct OfficialSession: Sendable, Hashable {
    public var official: Official
    /// The token forms must carry back (cross-site request forgery protection).
    public var csrfToken: String
    public var expires: Date

    public init(official: Official, csrfToken: String, expires: Date) {
        self.official = official
        self.csrfToken = csrfToken
        self.expires = expires
    }
}

/// Officials' accounts, browser sessions and machine tokens. Session and machine tokens are
/// stored only as digests, so a copy of the database does not sign anyone in.
public protocol AccountStore: Sendable {
    /// Adds an account. Throws ``StoreError/duplicate(_:_:)`` for a name in use and
    /// ``StoreError/notFound(_:_:)`` for a unit code that names no unit at the role's level.
    func addOfficial(name: String, role: OfficialRole, unitCode: UnitCode, passwordHash: String) async throws -> Official
    /// The account with this name, if any.
    func officialAccount(named name: String) async throws -> OfficialAccount?
    /// Every account, by name.
    func officials() async throws -> [Official]

    func startSession(tokenDigest: String, csrfToken: String, officialID: OfficialID, expires: Date) async throws
    /// The session with this token digest, if it exists and has not expired at `now`.
    func session(tokenDigest: String, now: Date) async throws -> OfficialSession?
    func endSession(tokenDigest: String) async throws

    func addMachineToken(digest: String, officialID: OfficialID, label: String) async throws
    /// The official a machine (bearer) token belongs to, if any.
    func official(machineTokenDigest digest: String) async throws -> Official?
}
