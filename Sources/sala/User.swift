import ArgumentParser
import ElectionCore
import ElectionStore
import ElectionWeb
import Foundation

/// `sala user`: officials' accounts. There are no default accounts: the first NEC administrator
/// is made here.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Officials' accounts: add, list, reset a password, disable and enable, machine tokens, sign out everywhere, the log.",
        subcommands: [Add.self, Token.self, List.self, Password.self, Disable.self, Enable.self, Revoke.self, SignOut.self, Log.self])

    /// A password typed on standard input, held to ``PasswordRule``, or a generated one.
    static func password(fromStandardInput: Bool, accountName: String) throws -> String {
        guard fromStandardInput else { return Passwords.generate() }
        let password = readLine(strippingNewline: true) ?? ""
        if let problem = PasswordRule.problem(password, accountName: accountName) {
            throw ValidationError("The password is refused: \(Self.sentence(problem)).")
        }
        return password
    }

    static func sentence(_ problem: PasswordRule.Problem) -> String {
        switch problem {
        case .tooShort: "it must have at least \(PasswordRule.minimumLength) characters"
        case .tooLong: "it must be at most \(PasswordRule.maximumBytes) bytes"
        case .common: "it is one of the passwords tried first"
        case .nameDerived: "it contains the account's name"
        case .repetitive: "it is one character repeated or a run such as 123456789"
        }
    }

    /// The account named `name`, or a clear error.
    static func account(_ name: String, in db: any AccountStore) async throws -> OfficialAccount {
        guard let account = try await db.officialAccount(named: name) else { throw ValidationError("There is no account named \(name).") }
        return account
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an official's account and print its password once.",
            discussion: """
                Roles: \(OfficialRole.allCases.map(\.rawValue).joined(separator: ", ")). --unit is the province \
                (2 digits), commune (6) or polling station (9) code the role is limited to; none for the NEC. \
                With --password-stdin the password is read from standard input instead of generated.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The account's role.") var role: String
        @Option(help: "Province, commune or station code the role is limited to.") var unit = ""
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false
        @Argument(help: "Account name (letters, digits, '.', '-', '_').") var name: String

        func validate() throws {
            guard let role = OfficialRole(rawValue: role) else {
                throw ValidationError("--role must be one of \(OfficialRole.allCases.map(\.rawValue).joined(separator: ", ")), not '\(role)'.")
            }
            guard UnitCode(level: role.unitLevel, code: unit) != nil else {
                throw ValidationError(role == .necAdministrator
                    ? "--unit must be left out for \(role.rawValue)."
                    : "--unit must be a \(role.unitLevel.codeLength)-digit code for \(role.rawValue), not '\(unit)'.")
            }
            guard (3...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
                throw ValidationError("The account name must be 3 to 64 letters, digits, '.', '-' or '_', not '\(name)'.")
            }
        }

        func run() async throws {
            let password = try User.password(fromStandardInput: passwordStdin, accountName: name)
            let official = try await store.withStore { db in
                try await db.addOfficial(
                    name: name, role: OfficialRole(rawValue: role)!, unitCode: UnitCode(rawValue: unit)!, passwordHash: Passwords.hash(password))
            }
            announce("Added \(official.name) (\(official.role.rawValue)\(unit.isEmpty ? "" : " for \(unit)")).")
            if !passwordStdin { announce("Password (shown only now): \(password)") }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a bearer token for a machine acting as an official, and print it once.")

        @OptionGroup var store: StoreOptions
        @Option(help: "What the token is for.") var label = "machine"
        @Option(help: "Days the token works for (it stops working after them; revoke it sooner with `sala user revoke`).")
        var days = 90
        @Argument(help: "Account name.") var name: String

        func validate() throws {
            guard (1...3_650).contains(days) else { throw ValidationError("--days must be between 1 and 3650, not \(days).") }
        }

        func run() async throws {
            let token = Passwords.newToken()
            try await store.withStore { db in
                let account = try await User.account(name, in: db)
                try await db.addMachineToken(
                    digest: Passwords.digest(token), officialID: account.official.id, label: label,
                    expires: Date().addingTimeInterval(TimeInterval(days) * 86_400))
            }
            announce(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let accounts = try await store.withStore { db in
                var accounts: [OfficialAccount] = []
                for o in try await db.officials() { if let a = try await db.officialAccount(named: o.name) { accounts.append(a) } }
                return accounts
            }
            for a in accounts {
                let o = a.official
                announce("\(o.name)\t\(o.role.rawValue)\t\(o.unitCode)\(a.disabledAt == nil ? "" : "\tdisabled")")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reset an account's password (an administrator's reset): print a new one once, or read it; every session of the account ends.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            let password = try User.password(fromStandardInput: passwordStdin, accountName: name)
            try await store.withStore { db in
                let account = try await User.account(name, in: db)
                try await db.setPassword(
                    of: account.official.id, hash: Passwords.hash(password),
                    event: AccountEvent(officialName: name, at: Date(), kind: .passwordReset, detail: "sala user password"))
            }
            announce("The password of \(name) is reset; its sessions have ended.")
            if !passwordStdin { announce("Password (shown only now): \(password)") }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it signs in by no password, session or machine token until enabled again.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Why, for the account's log.") var reason = ""
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            try await store.withStore { db in
                let account = try await User.account(name, in: db)
                try await db.setDisabled(true, officialID: account.official.id, event: AccountEvent(
                    officialName: name, at: Date(), kind: .disabled, detail: reason.isEmpty ? nil : reason))
            }
            announce("\(name) is disabled.")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            try await store.withStore { db in
                let account = try await User.account(name, in: db)
                try await db.setDisabled(false, officialID: account.official.id, event: AccountEvent(officialName: name, at: Date(), kind: .enabled))
            }
            announce("\(name) is enabled.")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an account's machine tokens: those with --label, or all.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only the tokens made with this label.") var label: String?
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            let revoked = try await store.withStore { db in
                try await db.revokeMachineTokens(of: try await User.account(name, in: db).official.id, label: label, at: Date())
            }
            announce("\(revoked) token\(revoked == 1 ? "" : "s") of \(name) revoked.")
        }
    }

    struct SignOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign-out", abstract: "End every browser session of an account (sign out everywhere).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            let ended = try await store.withStore { db in
                let account = try await User.account(name, in: db)
                let ended = try await db.endSessions(of: account.official.id)
                try await db.record(AccountEvent(officialName: name, at: Date(), kind: .signedOutEverywhere, detail: "sala user sign-out: \(ended)"))
                return ended
            }
            announce("\(ended) session\(ended == 1 ? "" : "s") of \(name) ended.")
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An account's log, newest first: sign-ins, refused sign-ins and changes.")
        @OptionGroup var store: StoreOptions
        @Option(help: "How many lines.") var limit = 50
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            let events = try await store.withStore { db in
                _ = try await User.account(name, in: db)
                return try await db.accountEvents(of: name, limit: max(1, limit))
            }
            for e in events {
                announce([ISO8601DateFormatter().string(from: e.at), e.kind.rawValue, e.client ?? "-", e.byName ?? "-", e.detail ?? ""]
                    .joined(separator: "\t"))
            }
        }
    }
}
