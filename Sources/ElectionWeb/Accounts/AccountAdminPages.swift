import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The NEC's desk for officials' accounts (`keep-accounts`): find an account by name, make one
/// (its first password shown once), reset a password (a new one shown once, every session
/// ended), disable or enable an account, revoke its machine tokens, end its sessions, and read its
/// log. Every change is logged with the administrator's name and address. The same as
/// `sala user`, for a commission that does not run the server itself.
/// Its routes need ``SessionAuthenticator`` and ``RouteGuard`` in front.
struct AccountAdminPages: PageController {
    let store: any AccountStore & ElectionStore
    let renderer: PageRenderer

    /// At most this many accounts are listed for a name searched.
    static let listed = 50

    struct ListPage: Sendable {
        struct Row: Sendable {
            let href: String
            let name: String
            let role: String
            let unit: String
            let disabled: Bool
        }
        let lang: String
        let csrf: String
        let name: String
        let rows: [Row]
        let searched: Bool
        let none: Bool
        let more: String?
        let roles: [Choice]
        let newName: String
        let newUnit: String
        let error: String?
        let invalid: String
    }
    struct AccountPage: Sendable {
        let lang: String
        let csrf: String
        let action: String
        let name: String
        let who: String
        let disabled: Bool
        let self_: Bool
        /// A password made now, shown this once.
        let password: String?
        let message: String?
        let events: [AccountPages.AccountPage.Line]
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/accounts") { request, context in
            let session = try context.requireSession()
            let name = try Input.text(Input.query(of: request)["name"], field: "name", required: false) ?? ""
            return try await list(session, name: name, context.language)
        }
        router.post("desk/accounts") { request, context in
            let (session, fields) = try await context.requireSessionForm(request)
            let language = context.language
            let name = (fields["account"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                let (role, unit) = try Self.roleAndUnit(fields)
                try Self.requireAccountName(name)
                let password = Passwords.generate()
                let official = try await store.addOfficial(
                    name: name, role: role, unitCode: unit, passwordHash: try await Passwords.hashOnThePool(password),
                    addedBy: session.official.name, client: context.client)
                return try await account(session, name: official.name, language, password: password, message: language.text("accounts.made"), status: .created)
            } catch let error as InputError {
                return try await list(session, name: "", language, typed: fields, refused: error, status: .badRequest)
            } catch StoreError.duplicate {
                return try await list(session, name: "", language, typed: fields, refused: InputError(field: "account", reason: "account_taken"), status: .conflict)
            } catch StoreError.notFound {
                return try await list(session, name: "", language, typed: fields, refused: InputError(field: "unit", reason: "unit_unknown"), status: .badRequest)
            }
        }
        router.get("desk/accounts/:name") { _, context in
            let session = try context.requireSession()
            return try await account(session, name: context.parameters.get("name") ?? "", context.language)
        }
        router.post("desk/accounts/:name/:action") { request, context in
            let (session, _) = try await context.requireSessionForm(request)
            let language = context.language
            let target = try await accountNamed(context.parameters.get("name") ?? "")
            let name = target.official.name
            let by = session.official.name
            func event(_ kind: AccountEvent.Kind, _ detail: String? = nil) -> AccountEvent {
                AccountEvent(officialName: name, at: Date(), kind: kind, byName: by, client: context.client, detail: detail)
            }
            switch context.parameters.get("action") ?? "" {
            case "password":
                let password = Passwords.generate()
                try await store.setPassword(of: target.official.id, hash: try await Passwords.hashOnThePool(password), event: event(.passwordReset))
                return try await account(session, name: name, language, password: password, message: language.text("accounts.password_reset"))
            case "disable":
                // An administrator who disables their own account may leave the NEC without one.
                guard target.official.id != session.official.id else { throw InputError(field: "account", reason: "account_own") }
                try await store.setDisabled(true, officialID: target.official.id, event: event(.disabled))
                return try await account(session, name: name, language, message: language.text("accounts.disabled_done"))
            case "enable":
                try await store.setDisabled(false, officialID: target.official.id, event: event(.enabled))
                return try await account(session, name: name, language, message: language.text("accounts.enabled_done"))
            case "revoke":
                let revoked = try await store.revokeMachineTokens(of: target.official.id, label: nil, at: Date())
                try await store.record(event(.tokenRevoked, String(revoked)))
                return try await account(session, name: name, language, message: language.fill("accounts.revoked", ["n": language.number(revoked)]))
            case "signout":
                let ended = try await store.endSessions(of: target.official.id)
                try await store.record(event(.signedOutEverywhere, String(ended)))
                return try await account(session, name: name, language, message: language.fill("accounts.signed_out", ["n": language.number(ended)]))
            default:
                throw HTTPError(.notFound)
            }
        }
    }

    /// The role and unit of a new account: a unit at the role's level (none for the NEC).
    static func roleAndUnit(_ fields: [String: String]) throws -> (OfficialRole, UnitCode) {
        guard let role = fields["account_role"].flatMap(OfficialRole.init(rawValue:)) else { throw InputError(field: "account_role", reason: "choice") }
        if role == .necAdministrator { return (role, .nation) }
        let text = (fields["unit"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw InputError(field: "unit", reason: "missing") }
        guard let unit = UnitCode(level: role.unitLevel, code: text) else { throw InputError(field: "unit", reason: "unit_level") }
        return (role, unit)
    }

    /// An account's name: 3 to 64 letters, digits, dots, hyphens or underscores, so that it is
    /// typed the same on any phone and read the same in every log.
    static func requireAccountName(_ name: String) throws {
        guard !name.isEmpty else { throw InputError(field: "account", reason: "missing") }
        guard (3...64).contains(name.count),
              name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0)) })
        else { throw InputError(field: "account", reason: "account_name") }
    }

    private func accountNamed(_ name: String) async throws -> OfficialAccount {
        guard let account = try await store.officialAccount(named: name) else { throw StoreError.notFound("account", name) }
        return account
    }

    private func list(
        _ session: OfficialSession, name: String, _ language: Language, typed: [String: String] = [:], refused: InputError? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue
        let found = name.isEmpty ? [] : try await store.officialAccounts(namePrefix: name, limit: Self.listed + 1)
        let model = ListPage(
            lang: l, csrf: session.csrfToken, name: name,
            rows: found.prefix(Self.listed).map { a in
                ListPage.Row(
                    href: "/\(l)/desk/accounts/\(Input.urlEncoded(a.official.name))", name: a.official.name,
                    role: language.text(KeyFamilies.officialRole, a.official.role),
                    unit: a.official.unitCode == .nation ? "" : a.official.unitCode.rawValue, disabled: a.disabledAt != nil)
            },
            searched: !name.isEmpty, none: !name.isEmpty && found.isEmpty,
            more: found.count > Self.listed ? language.fill("accounts.more", ["n": language.number(Self.listed)]) : nil,
            roles: OfficialRole.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.officialRole, $0), selected: typed["account_role"] == $0.rawValue) },
            newName: typed["account"] ?? "", newUnit: typed["unit"] ?? "",
            error: refused?.message(in: language), invalid: refused?.field ?? "")
        return page("desk-accounts", language.text("accounts.title"), model, language, "/desk/accounts", status: status)
    }

    private func account(
        _ session: OfficialSession, name: String, _ language: Language, password: String? = nil, message: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let target = try await accountNamed(name)
        let offset = try await store.election().utcOffsetMinutes
        let o = target.official
        let model = AccountPage(
            lang: language.rawValue, csrf: session.csrfToken, action: "/\(language.rawValue)/desk/accounts/\(Input.urlEncoded(o.name))",
            name: o.name, who: "\(language.text(KeyFamilies.officialRole, o.role))\(o.unitCode == .nation ? "" : " · \(o.unitCode)")",
            disabled: target.disabledAt != nil, self_: o.id == session.official.id, password: password, message: message,
            events: try await store.accountEvents(of: o.name, limit: 50).map { AccountPages.line($0, language, offset) })
        return page("desk-accounts-one", "\(o.name) · \(language.text("accounts.title"))", model, language, "/desk/accounts", status: status)
    }
}
