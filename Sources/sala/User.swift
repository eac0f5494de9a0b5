import ArgumentParser
import ElectionCore
import ElectionStore
import ElectionWeb
import Foundation

/// `sala user`: officials' accounts. There are no default accounts: the first NEC administrator
/// is made here.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add officials' accounts and machine tokens, and list accounts.",
        subcommands: [Add.self, Token.self, List.self])

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
            let password: String
            if passwordStdin {
                password = (readLine(strippingNewline: true) ?? "")
                guard password.count >= 12 else { throw ValidationError("The password must have at least 12 characters.") }
            } else {
                password = Passwords.generate()
            }
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
        @Argument(help: "Account name.") var name: String

        func run() async throws {
            let token = Passwords.newToken()
            try await store.withStore { db in
                guard let account = try await db.officialAccount(named: name) else {
                    throw ValidationError("There is no account named \(name).")
                }
                try await db.addMachineToken(digest: Passwords.digest(token), officialID: account.official.id, label: label)
            }
            announce(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let officials = try await store.withStore { db in try await db.officials() }
            for o in officials { announce("\(o.name)\t\(o.role.rawValue)\t\(o.unitCode)") }
        }
    }
}
