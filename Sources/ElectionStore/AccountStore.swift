import ElectionCore
import Foundation

/// An official's account as stored: the official and the bcrypt hash of their password.
public struct OfficialAccount: Sendable, Hashable {
    public var official: Official
    /// A bcrypt hash, or `!` for an account that cannot sign in with a password.
    public var passwordHash: String
    /// When the account was disabled, nil while it is in use: a disabled account signs in by no
    /// password, session or token until it is enabled again.
    public var disabledAt: Date?

    public init(official: Official, passwordHash: String, disabledAt: Date? = nil) {
        self.official = official
        self.passwordHash = passwordHash
        self.disabledAt = disabledAt
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

/// A line of an account's log: a sign-in, a refused one, or a change to the account.
public struct AccountEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case added
        case signedIn = "signed-in"
        case signInRefused = "sign-in-refused"
        case signedOut = "signed-out"
        /// Every session ended at once (by the official, or for them).
        case signedOutEverywhere = "signed-out-everywhere"
        case passwordChanged = "password-changed"
        /// A new password set by an administrator.
        case passwordReset = "password-reset"
        case disabled
        case enabled
        case tokenAdded = "token-added"
        case tokenRevoked = "token-revoked"
    }

    public var officialName: String
    public var at: Date
    public var kind: Kind
    /// The account that made the change, when it was another official's; nil for the official
    /// themselves or the operator's command line.
    public var byName: String?
    /// The client address the request came from, for sign-ins and changes made on the web.
    public var client: String?
    /// What else there is to say: a token's label, how many sessions ended.
    public var detail: String?

    public init(officialName: String, at: Date, kind: Kind, byName: String? = nil, client: String? = nil, detail: String? = nil) {
        self.officialName = officialName
        self.at = at
        self.kind = kind
        self.byName = byName
        self.client = client
        self.detail = detail
    }
}

/// Officials' accounts, browser sessions and machine tokens. Session and machine tokens are
/// stored only as digests, so a copy of the database does not sign anyone in. Every change to an
/// account, every sign-in and every refused sign-in of an account is logged (``accountEvents(of:limit:)``).
public protocol AccountStore: Sendable {
    /// Adds an account. Throws ``StoreError/duplicate(_:_:)`` for a name in use and
    /// ``StoreError/notFound(_:_:)`` for a unit code that names no unit at the role's level. The
    /// account's log starts with its ``AccountEvent/Kind/added`` line, naming `addedBy` (an
    /// administrator on the desk; nil for the operator's command line) and their `client`.
    func addOfficial(name: String, role: OfficialRole, unitCode: UnitCode, passwordHash: String, addedBy: String?, client: String?) async throws -> Official
    /// The account with this name, if any.
    func officialAccount(named name: String) async throws -> OfficialAccount?
    /// Every account, by name.
    func officials() async throws -> [Official]
    /// The accounts whose name starts with `namePrefix` (letters compared without case), by
    /// name, at most `limit`.
    func officialAccounts(namePrefix: String, limit: Int) async throws -> [OfficialAccount]

    func startSession(tokenDigest: String, csrfToken: String, officialID: OfficialID, expires: Date) async throws
    /// The session with this token digest, if it exists, has not expired at `now` and its account is not disabled.
    func session(tokenDigest: String, now: Date) async throws -> OfficialSession?
    func endSession(tokenDigest: String) async throws
    /// Ends every session of the account (sign out everywhere); how many there were.
    func endSessions(of officialID: OfficialID) async throws -> Int

    /// Adds a machine token that stops working at `expires` (never, when nil).
    func addMachineToken(digest: String, officialID: OfficialID, label: String, expires: Date?) async throws
    /// The official a machine (bearer) token belongs to, if the token is neither expired at `now`
    /// nor revoked and the account is not disabled.
    func official(machineTokenDigest digest: String, now: Date) async throws -> Official?
    /// Revokes the account's machine tokens, those with `label` or all; how many were revoked.
    func revokeMachineTokens(of officialID: OfficialID, label: String?, at time: Date) async throws -> Int

    /// Replaces the account's password hash and ends its sessions, in one transaction with the
    /// event that says why (``AccountEvent/Kind/passwordChanged`` or ``AccountEvent/Kind/passwordReset``).
    func setPassword(of officialID: OfficialID, hash: String, event: AccountEvent) async throws
    /// Disables (ending its sessions) or enables the account, with its event.
    func setDisabled(_ disabled: Bool, officialID: OfficialID, event: AccountEvent) async throws
    /// Appends a line to an account's log.
    func record(_ event: AccountEvent) async throws
    /// The account's log, newest first.
    func accountEvents(of officialName: String, limit: Int) async throws -> [AccountEvent]
}

extension AccountStore {
    /// Adds an account, as the operator does on the command line (no administrator named).
    public func addOfficial(name: String, role: OfficialRole, unitCode: UnitCode, passwordHash: String) async throws -> Official {
        try await addOfficial(name: name, role: role, unitCode: unitCode, passwordHash: passwordHash, addedBy: nil, client: nil)
    }
}
