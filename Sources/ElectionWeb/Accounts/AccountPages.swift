import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// An official's own account: who they are, changing their password, signing out everywhere, and
/// the account's recent log (sign-ins, refused ones, changes) so that they can see someone else's
/// use of it. Its routes need ``SessionAuthenticator`` in front.
struct AccountPages: PageController {
    let store: any AccountStore & ElectionStore
    let signing: Signing
    let renderer: PageRenderer

    struct AccountPage: Sendable {
        struct Line: Sendable {
            let at: String
            let what: String
            let client: String
            let detail: String
        }
        let lang: String
        let csrf: String
        let who: String
        let minimum: String
        let error: String?
        let invalid: String
        let events: [Line]
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/account") { _, context in
            guard let session = context.session else { return context.signInFirst }
            return try await account(session, context.language)
        }
        router.post("desk/account/password") { request, context in
            let language = context.language
            let (session, fields) = try await context.requireSessionForm(request)
            do {
                try await changePassword(session, fields, client: context.client)
            } catch let error as InputError {
                return try await account(session, language, refused: error, status: .badRequest)
            }
            // Every session ended with the old password, this one too: sign in with the new one.
            var response = Response.redirect(to: "/\(language.rawValue)/signin", type: .normal)
            response.setCookie(signing.clearedCookie())
            return response
        }
        router.post("desk/account/signout-everywhere") { request, context in
            let (session, _) = try await context.requireSessionForm(request)
            let ended = try await store.endSessions(of: session.official.id)
            try await store.record(AccountEvent(
                officialName: session.official.name, at: Date(), kind: .signedOutEverywhere, client: context.client, detail: String(ended)))
            var response = Response.redirect(to: "/\(context.language.rawValue)/signin", type: .normal)
            response.setCookie(signing.clearedCookie())
            return response
        }
    }

    /// Checks the current password and the new one against ``PasswordRule``, then stores it.
    private func changePassword(_ session: OfficialSession, _ fields: [String: String], client: String) async throws {
        guard signing.attempts.allow(client), signing.accountAttempts.allow(session.official.name.lowercased()) else {
            throw TooManyLookups()
        }
        let current = fields["current_password"] ?? ""
        let new = fields["new_password"] ?? ""
        let account = try await store.officialAccount(named: session.official.name)
        guard !current.isEmpty, try await Passwords.verify(current, against: account?.passwordHash) else {
            throw InputError(field: "current_password", reason: "password_wrong")
        }
        if let problem = PasswordRule.problem(new, accountName: session.official.name) {
            throw InputError(field: "new_password", reason: InputError.passwordReason(problem))
        }
        guard fields["repeat_password"] == new else { throw InputError(field: "repeat_password", reason: "password_repeat") }
        let hash = try await Passwords.hashOnThePool(new)
        try await store.setPassword(
            of: session.official.id, hash: hash,
            event: AccountEvent(officialName: session.official.name, at: Date(), kind: .passwordChanged, client: client))
    }

    private func account(
        _ session: OfficialSession, _ language: Language, refused: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let offset = try await store.election().utcOffsetMinutes
        let o = session.official
        let model = AccountPage(
            lang: language.rawValue, csrf: session.csrfToken,
            who: "\(o.name) · \(language.text(KeyFamilies.officialRole, o.role))\(o.unitCode == .nation ? "" : " · \(o.unitCode)")",
            minimum: language.fill("account.password_rule", ["n": language.number(PasswordRule.minimumLength)]),
            error: refused?.message(in: language), invalid: refused?.field ?? "",
            events: try await store.accountEvents(of: o.name, limit: 30).map { Self.line($0, language, offset) })
        return page("desk-account", language.text("account.title"), model, language, "/desk/account", status: status)
    }

    /// A line of an account's log as the pages show it.
    static func line(_ e: AccountEvent, _ language: Language, _ utcOffsetMinutes: Int) -> AccountPage.Line {
        AccountPage.Line(
            at: language.moment(e.at, utcOffsetMinutes: utcOffsetMinutes), what: language.text(KeyFamilies.accountEvent, e.kind),
            client: e.client ?? "", detail: [e.byName, e.detail].compactMap { $0 }.joined(separator: " · "))
    }
}
