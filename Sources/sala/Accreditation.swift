import ArgumentParser
import ElectionCore
import ElectionCredentials
import ElectionOperations
import ElectionStore
import ElectionWeb
import Foundation
import QRCode

/// `sala accreditation`: the NEC's accreditation of observers and journalists.
struct AccreditationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accreditation", abstract: "Accredit observers and journalists: organisations, their files, decisions, badges.",
        subcommands: [
            AddOrganisation.self, Organisations.self, ImportFile.self, Decide.self, Revoke.self, Badge.self, Credentials.self, Key.self, Code.self,
        ])

    struct AddOrganisation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-organisation", abstract: "Add an organisation that applies for its observers or journalists.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Its id: 1 to 40 small letters, digits and '-'.") var id: String
        @Option(name: .customLong("name-en"), help: "Its name in English.") var nameEnglish: String
        @Option(name: .customLong("name-km"), help: "Its name in Khmer.") var nameKhmer: String
        @Option(help: "national (observers), international (a mission's observers) or media (journalists).") var kind: String
        @Option(help: "How the NEC reaches it.") var contact = ""

        func run() async throws {
            guard AccreditingOrganisation.isIdentifier(id) else { throw ValidationError("--id must be 1 to 40 small letters, digits and '-'.") }
            guard let kind = AccreditingOrganisation.Kind(rawValue: kind) else {
                throw ValidationError("--kind must be national, international or media, not '\(kind)'.")
            }
            guard !nameEnglish.isEmpty, !nameKhmer.isEmpty else { throw ValidationError("--name-en and --name-km are both required.") }
            try await store.withStore { db in
                try await db.addOrganisation(AccreditingOrganisation(
                    id: id, nameEnglish: nameEnglish, nameKhmer: nameKhmer, kind: kind, contact: contact))
            }
            announce("Added \(kind.rawValue) organisation \(id).")
        }
    }

    struct Organisations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organisations with their accredited people.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withStore { db in
                let counts = Dictionary(
                    try await db.accreditationStatistics().organisations.map { ($0.organisationID, $0.accredited) }, uniquingKeysWith: +)
                for o in try await db.accreditingOrganisations() {
                    announce("\(o.id)\t\(o.kind.rawValue)\t\(Numerals.grouped(counts[o.id] ?? 0)) accredited\t\(o.nameEnglish)")
                }
            }
        }
    }

    struct ImportFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Submit an organisation's file of people to accredit.",
            discussion: """
                The file: \(AccreditationFile.header.joined(separator: ",")) (header line required), one person a line: \
                the name in Khmer script and in Latin script, sex F or M, nationality as three letters (KHM). \
                Each line is checked on its own; the good ones are submitted together, in the organisation's \
                category, acknowledging the newest code of conduct; the others go to the rejects file with the \
                line, the column and the reason.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "The organisation's id.") var organisation: String
        @Argument(help: "The file (CSV, UTF-8).") var file: String
        @Option(help: "Where refused lines go (default: FILE.rejects.csv).") var rejects: String?

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw ValidationError("\(file) cannot be read.") }
            let (submitted, rejections) = try await store.withStore { db in try await db.submitFile(data, organisation: organisation) }
            if !rejections.isEmpty {
                let path = rejects ?? file + ".rejects.csv"
                try AccreditationFile.rejectsFile(rejections).write(toFile: path, atomically: true, encoding: .utf8)
                announce("\(Numerals.grouped(submitted.count)) applications submitted; \(Numerals.grouped(rejections.count)) lines refused, in \(path).")
            } else {
                announce("\(Numerals.grouped(submitted.count)) applications submitted.")
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide waiting applications: an organisation's, or the badges named.",
            discussion: "Recorded as the decision of --official, an NEC administrator's account.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The NEC administrator's account name.") var official: String
        @Option(help: "Every waiting application of this organisation.") var organisation: String?
        @Option(help: "Badge numbers, comma-separated (A-000123).") var badges: String?
        @Flag(help: "Accept: the badges hold from --from to --until.") var accept = false
        @Option(help: "Refuse, with this reason.") var refuse: String?
        @Option(name: .customLong("ask-for-more"), help: "Send back, saying what is missing.") var askForMore: String?
        @Option(help: "First day an accepted badge holds (YYYY-MM-DD).") var from: String?
        @Option(help: "Last day an accepted badge holds (YYYY-MM-DD).") var until: String?

        func run() async throws {
            let decision: AccreditationDecision
            switch (accept, refuse, askForMore) {
            case (true, nil, nil):
                guard let first = from.flatMap({ CalendarDate(iso: $0) }), let last = until.flatMap({ CalendarDate(iso: $0) }), first <= last else {
                    throw ValidationError("--accept needs --from and --until, dates YYYY-MM-DD, the first not after the last.")
                }
                decision = .accept(validFrom: first, validUntil: last)
            case (false, let reason?, nil) where !reason.isEmpty: decision = .refuse(reason: reason)
            case (false, nil, let reason?) where !reason.isEmpty: decision = .askForMore(reason: reason)
            default: throw ValidationError("Give one of --accept, --refuse REASON or --ask-for-more REASON.")
            }
            let named = try (badges ?? "").split(separator: ",").map { text -> Int in
                try badgeID(text.trimmingCharacters(in: .whitespaces), "--badges: ")
            }
            guard (organisation == nil) != named.isEmpty else { throw ValidationError("Give either --organisation or --badges.") }
            let decided = try await store.withStore { db -> Int in
                guard let account = try await db.officialAccount(named: official) else {
                    throw ValidationError("There is no account named \(official).")
                }
                var ids = named
                if let organisation {
                    _ = try await db.accreditingOrganisation(organisation)
                    ids = try await db.waitingApplications(of: organisation)
                }
                return try await db.decideApplications(ids, decision, by: account.official, at: Date())
            }
            announce("\(Numerals.grouped(decided)) applications decided: \(decision.status.rawValue).")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw an accepted badge, with a reason.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The NEC administrator's account name.") var official: String
        @Argument(help: "The badge number, e.g. A-000123.") var badge: String
        @Option(help: "Why: published on the revocation list.") var reason: String

        func run() async throws {
            let id = try badgeID(badge)
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason is required.") }
            try await store.withStore { db in
                guard let account = try await db.officialAccount(named: official) else { throw ValidationError("There is no account named \(official).") }
                _ = try await db.revokeAccreditation(id, reason: reason, by: account.official, at: Date())
            }
            announce("Revoked \(badge).")
        }
    }

    struct Badge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an accepted badge's signed credential (what its QR code holds).",
            discussion: "With --svg, also write its QR code as SVG.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The badge number, e.g. A-000123.") var badge: String
        @Option(help: "Write the QR code to this SVG file.") var svg: String?

        func run() async throws {
            let id = try badgeID(badge)
            let text = try await store.withStore { db -> String in
                let application = try await db.accreditationApplication(id)
                guard let credential = BadgeCredential(application, election: try await db.election().id) else {
                    throw ValidationError("\(badge) is \(application.status.rawValue), not accepted: it has no badge.")
                }
                return try NECSigner(privateKey: try await db.signingKey()).sign(credential)
            }
            if let svg { try QRCode(text: text, correction: .medium).svg(title: badge).write(toFile: svg, atomically: true, encoding: .utf8) }
            announce(text)
        }
    }

    struct Credentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the badges of an organisation's accepted people: one credential a line, for printing elsewhere.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The organisation's id.") var organisation: String
        @Option(help: "Write the credentials here (standard output when absent).") var out: String?

        func run() async throws {
            let (credentials, seconds) = try await store.withStore { db -> ([String], Double) in
                _ = try await db.accreditingOrganisation(organisation)
                let accepted = try await db.applications(of: organisation, status: .accepted)
                let election = try await db.election().id
                let signer = try NECSigner(privateKey: try await db.signingKey())
                let started = ContinuousClock.now
                let signed = try accepted.compactMap { try BadgeCredential($0, election: election).map(signer.sign) }
                return (signed, (ContinuousClock.now - started).seconds)
            }
            let text = credentials.map { $0 + "\n" }.joined()
            if let out {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
                let rate = seconds > 0 ? Int(Double(credentials.count) / seconds) : 0
                announce("\(Numerals.grouped(credentials.count)) credentials signed in \(String(format: "%.3f", seconds)) s (\(Numerals.grouped(rate))/s), written to \(out).")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a code with which an organisation applies for its people and follows its applications.",
            discussion: "The code is shown once; give it to the organisation. It works on /en/organisation and as the API's bearer token.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The organisation's id.") var organisation: String

        func run() async throws {
            let code = Passwords.newObserverCode()
            try await store.withStore { db in
                try await db.addOrganisationCode(digest: Passwords.digest(Passwords.observerCode(code)), organisation: organisation)
            }
            announce(code)
        }
    }

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the NEC's public badge key, which anyone uses to check badges (sala verify badge).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let key = try await store.withStore { db in try NECSigner(privateKey: try await db.signingKey()).verifier.publicKey }
            announce(key)
        }
    }
}

/// `sala verify`: checks anyone can make without the NEC's database.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a signed document.", subcommands: [BadgeCheck.self, PublicationCheck.self])

    struct PublicationCheck: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publication", abstract: "Check that a results publication's content is the one the NEC signed, offline.",
            discussion: """
                FILE is the content as /api/v1/results/publications/N/content gives it, byte for byte. The \
                signature is the publication's `signature` (/api/v1/results/publications/N, or the \
                X-Sala-Signature header of the content). Exit status 0 when the signature holds, 1 when it does not.
                """)
        @Argument(help: "The publication's content, saved as it was downloaded.") var file: String
        // Base64url may begin with "-": the signature and the key are taken as values, never as options.
        @Option(parsing: .unconditional, help: "The publication's signature (base64url).") var signature: String
        @Option(name: .customLong("public-key"), parsing: .unconditional,
                help: "The NEC's public key, as /api/v1/accreditation/public-key gives it.") var publicKey: String

        func run() async throws {
            guard let verifier = NECVerifier(publicKey: publicKey) else { throw ValidationError("--public-key is not an Ed25519 public key in base64url.") }
            guard let content = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file) cannot be read.") }
            let digest = NECVerifier.digest(of: content)
            announce("SHA-256 \(digest), \(Numerals.grouped(content.count)) bytes.")
            guard verifier.isSignature(signature, of: content) else {
                announce("The signature does not hold: this is not the content the NEC signed with this key (changed, cut, or another key).")
                throw ExitCode(1)
            }
            announce("The signature holds: the NEC signed exactly this content.")
        }
    }

    struct BadgeCheck: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "badge", abstract: "Check a badge's credential with the NEC's public key, offline.",
            discussion: """
                Exit status 0 when the badge holds; 1 when it does not (the reason is printed): damaged, \
                not signed by this key, outside its days, or on the revocation list given with --revocations \
                (the JSON of /api/v1/accreditation/revocations).
                """)
        @Argument(help: "The credential, as the QR code holds it (SALA1.…).") var credential: String?
        @Option(help: "Check every credential in this file, one a line, instead.") var file: String?
        // A base64url key may begin with "-": taken as the value, never as another option.
        @Option(name: .customLong("public-key"), parsing: .unconditional,
                help: "The NEC's public key, as /api/v1/accreditation/public-key gives it.") var publicKey: String
        @Option(help: "The day to check it for (YYYY-MM-DD); today by default.") var on: String?
        @Option(help: "A saved revocation list (JSON).") var revocations: String?

        func run() async throws {
            guard let verifier = NECVerifier(publicKey: publicKey) else { throw ValidationError("--public-key is not an Ed25519 public key in base64url.") }
            let day: CalendarDate
            if let on {
                guard let parsed = CalendarDate(iso: on) else { throw ValidationError("--on must be a date YYYY-MM-DD.") }
                day = parsed
            } else {
                day = CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
            }
            var revoked: [String: String] = [:]
            if let revocations {
                guard let data = FileManager.default.contents(atPath: revocations),
                      let list = try? JSONDecoder().decode([String: String].self, from: data) else {
                    throw ValidationError("--revocations must be a JSON object of badge numbers and reasons.")
                }
                revoked = list
            }
            if let file {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("\(file) cannot be read.") }
                let lines = text.split(separator: "\n").map(String.init)
                let started = ContinuousClock.now
                let verdicts = lines.map { verifier.verify($0, on: day, revoked: revoked) }
                let seconds = (ContinuousClock.now - started).seconds
                let valid = verdicts.filter(\.isValid).count
                let rate = seconds > 0 ? Int(Double(lines.count) / seconds) : 0
                announce("\(Numerals.grouped(lines.count)) badges checked in \(String(format: "%.3f", seconds)) s (\(Numerals.grouped(rate))/s): \(Numerals.grouped(valid)) valid, \(Numerals.grouped(lines.count - valid)) not.")
                for (line, verdict) in zip(1..., verdicts) {
                    if verdict.isValid { continue }
                    announce("line \(line): \(BadgeVerdictText.english(verdict))")
                }
                if valid < lines.count { throw ExitCode(1) }
                return
            }
            guard let credential else { throw ValidationError("Give a credential, or --file.") }
            let verdict = verifier.verify(credential, on: day, revoked: revoked)
            announce(BadgeVerdictText.english(verdict))
            if verdict.isValid { return }
            throw ExitCode(1)
        }
    }
}

/// A badge's verdict in one English sentence, for the command line.
enum BadgeVerdictText {
    static func english(_ verdict: BadgeCredential.Verdict) -> String {
        func who(_ c: BadgeCredential) -> String {
            "\(c.badge) \(c.name), \(c.category.rawValue) of \(c.organisation), valid \(c.validFrom.iso) to \(c.validUntil.iso)"
        }
        return switch verdict {
        case .valid(let c): "VALID: \(who(c))."
        case .malformed: "NOT VALID: this is not a Sala badge credential, or it is damaged."
        case .badSignature: "NOT VALID: the signature is not the NEC's for these contents (forged or altered)."
        case .notYetValid(let c): "NOT VALID YET: \(who(c))."
        case .expired(let c): "EXPIRED: \(who(c))."
        case .revoked(let c, let reason): "REVOKED (\(reason)): \(who(c))."
        }
    }
}

extension Duration {
    /// The duration in seconds, for rates printed by the commands.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The number in a badge number given on the command line (`A-000123` → 123), or a
/// ``ValidationError`` saying what a badge number looks like, after `context`.
func badgeID(_ text: String, _ context: String = "") throws -> Int {
    guard let id = AccreditationApplication.id(badgeNumber: text) else {
        throw ValidationError("\(context)'\(text)' is not a badge number like A-000123.")
    }
    return id
}
