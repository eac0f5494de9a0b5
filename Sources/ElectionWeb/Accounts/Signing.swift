import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// Who is making a request: a browser session (cookie, with a token its forms carry back) or a
/// machine (bearer token). Sign-in attempts are limited per client, so passwords cannot be guessed
/// at speed.
struct Signing: Sendable {
    let store: any AccountStore
    let attempts: LookupLimiter
    /// Attempts on one account name a minute, from wherever they come: guessing one official's
    /// password from many addresses is as slow as from one.
    let accountAttempts: LookupLimiter
    /// Whether cookies carry the Secure attribute (set when Sala is served over HTTPS).
    let secureCookies: Bool

    static let cookieName = "sala_session"
    /// The cookie that keeps an observer's code on their phone.
    static let observerCookie = "sala_observer"
    static let partyAgentCookie = "sala_party"
    static let organisationCookie = "sala_organisation"
    static let sessionSeconds = 12 * 3600

    /// The signed-in official of a browser request, if any.
    func session(_ request: Request) async throws -> OfficialSession? {
        guard let token = request.cookies[Self.cookieName]?.value, token.count == 64 else { return nil }
        return try await store.session(tokenDigest: Passwords.digest(token), now: Date())
    }

    /// The official a machine request acts for, from `Authorization: Bearer TOKEN`, if any.
    func machine(_ request: Request) async throws -> Official? {
        guard let token = Self.bearerToken(request) else { return nil }
        return try await store.official(machineTokenDigest: Passwords.digest(token), now: Date())
    }

    /// The token of `Authorization: Bearer TOKEN`, when it has a token's shape: 64 characters
    /// (officials' machines, party agents, observers' codes made before short codes) or a short code
    /// of 12 letters and digits, hyphens allowed (observers, organisations).
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.count == 64 || Passwords.observerCode(token).count == 12 ? token : nil
    }

    /// Checks a name and password and starts a session; nil when they do not match. Throws
    /// ``TooManyLookups`` when the client has tried too often.
    func signIn(name: String, password: String, client: String) async throws -> (token: String, session: OfficialSession)? {
        guard attempts.allow(client), accountAttempts.allow(name.lowercased()) else { throw TooManyLookups() }
        // A disabled account is checked like an unknown name: the same time, the same answer.
        let account = try await store.officialAccount(named: name).flatMap { $0.disabledAt == nil ? $0 : nil }
        guard try await Passwords.verify(password, against: account?.passwordHash), let account else {
            if let account {
                try await store.record(AccountEvent(officialName: account.official.name, at: Date(), kind: .signInRefused, client: client))
            }
            return nil
        }
        try await store.record(AccountEvent(officialName: account.official.name, at: Date(), kind: .signedIn, client: client))
        let token = Passwords.newToken()
        let session = OfficialSession(
            official: account.official, csrfToken: Passwords.newToken(),
            expires: Date().addingTimeInterval(TimeInterval(Self.sessionSeconds)))
        try await store.startSession(
            tokenDigest: Passwords.digest(token), csrfToken: session.csrfToken, officialID: account.official.id,
            expires: session.expires)
        return (token, session)
    }

    func signOut(_ request: Request, _ session: OfficialSession, client: String) async throws {
        guard let token = request.cookies[Self.cookieName]?.value else { return }
        try await store.endSession(tokenDigest: Passwords.digest(token))
        try await store.record(AccountEvent(officialName: session.official.name, at: Date(), kind: .signedOut, client: client))
    }

    func cookie(_ token: String) -> Cookie {
        Cookie(name: Self.cookieName, value: token, maxAge: Self.sessionSeconds, path: "/", secure: secureCookies,
               httpOnly: true, sameSite: .strict)
    }

    func clearedCookie() -> Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}

/// A request that needs a signed-in official and has none (401), or whose form token does not
/// match the session's (403).
struct NotSignedIn: Error {}
struct ForgedForm: Error {}
