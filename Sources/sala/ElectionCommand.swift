import ArgumentParser
import ElectionCore
import ElectionOperations
import Foundation

/// `sala election`: the elections in a database, and taking one out.
struct ElectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election",
        abstract: "The elections a database holds, and one exported as open data.",
        subcommands: [List.self, ExportDefinition.self, ImportBundle.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the elections, newest first: id, polling day, seats, name, and whether it is the current one or a record.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            for e in try await store.withStore({ try await ElectionExport.list($0) }) {
                let held = e.current ? "current" : "record (\(e.status?.rawValue ?? ""))"
                print("\(e.id)\t\(e.electionDay.iso)\t\(e.seats) seats\t\(e.nameEnglish)\t\(held)")
            }
        }
    }

    struct ExportDefinition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write an election's definition: a bundle (manifest, CSV files, boundaries; docs/election-bundle.md) or NIST SP 1500-100 v2 JSON, status pre-election.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The election's id (see sala election list).") var id: String
        @Option(help: "bundle or nist-cdf-json.") var format = "nist-cdf-json"
        @Option(help: "The file (nist-cdf-json; standard output without it) or the new folder (bundle).") var out: String?

        func validate() throws {
            guard ["bundle", "nist-cdf-json"].contains(format) else { throw ValidationError("--format must be bundle or nist-cdf-json, not '\(format)'.") }
            if format == "bundle", out == nil { throw ValidationError("--format bundle needs --out FOLDER.") }
        }

        func run() async throws {
            if format == "bundle", let out {
                try await store.withStore { store in
                    if try await store.election().id == id {
                        try await ElectionBundleFiles.export(store, id: id, to: out)
                    } else {
                        try await ElectionRecordFiles.export(store, id: id, to: out)
                    }
                }
                return
            }
            let data = try await store.withStore { try await ElectionExport.nist($0, id: id, generatedAt: Date()) }
            if let out {
                try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
    }

    struct ImportBundle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: """
                Load an election bundle into a new database, or keep a past election's record bundle in an existing one; \
                all or nothing. --check only reads it and lists every problem.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The bundle's folder.") var path: String
        @Flag(help: "Read and check the bundle, print every problem, write nothing.") var check = false
        @Flag(help: """
            Replace the election the database holds, before any result exists: the register and \
            the officials' accounts are kept, the rest of the old election is not. For a record bundle: \
            replace the kept record of the same election.
            """) var replace = false
        @Flag(help: """
            With --replace, once the current election's count is official: keep it as a record of its \
            results (by province and party), then replace it with the bundle's election.
            """) var archiveCurrent = false

        func run() async throws {
            if (try? ElectionRecordFiles.isRecord(path)) == true {
                try await keepRecord()
                return
            }
            if archiveCurrent && !replace { throw ValidationError("--archive-current goes with --replace.") }
            if check {
                do {
                    let r = try ElectionBundleFiles.check(path)
                    print("\(path): no problems. \(Self.summary(r)).")
                } catch let problems as ElectionBundle.Problems {
                    throw ValidationError("\(problems.all.count) problem(s) in \(path):\n\(problems)")
                } catch { throw userFacing(error) }
                return
            }
            let target = try store.target(defaultPath: nil)
            if replace {
                do {
                    let outcome = switch target {
                    case .sqlite(let file): try await ElectionReplacement.sqlite(bundle: path, at: file, archivingCurrent: archiveCurrent)
                    case .postgres(let url): try await ElectionReplacement.postgres(bundle: path, url: url, archivingCurrent: archiveCurrent)
                    }
                    if let archived = outcome.archived {
                        print("Kept \(archived.election.id) as a record of its official results, with its \(archived.missionReports.count) "
                              + "observer missions' reports.")
                    }
                    print("Replaced the election with \(Self.summary(outcome.reference)); kept \(outcome.votersKept) voters, "
                          + "\(outcome.accountsKept) accounts and \(outcome.recordsKept) records of past elections. Missions, party applications and agents, moved deadlines, sessions and "
                          + "the register's and geography's history were not kept.")
                } catch let problems as ElectionBundle.Problems {
                    throw ValidationError("\(problems.all.count) problem(s) in \(path); nothing was written:\n\(problems)")
                } catch { throw userFacing(error) }
                return
            }
            do {
                let r = switch target {
                case .sqlite(let file): try await NewDatabase.sqlite(at: file, replacing: false) { try await ElectionBundleFiles.load(path, into: $0) }
                case .postgres(let url): try await NewDatabase.postgres(url: url, replacing: false) { try await ElectionBundleFiles.load(path, into: $0) }
                }
                print("Loaded \(Self.summary(r)). Import the register with sala import voters.")
            } catch let problems as ElectionBundle.Problems {
                throw ValidationError("\(problems.all.count) problem(s) in \(path); nothing was written:\n\(problems)")
            } catch BuildRefusal.exists(let file) {
                throw ValidationError("\(file) already exists; an election is imported into a new database (or replaces its election with --replace, before any result).")
            } catch BuildRefusal.holdsAnElection {
                throw ValidationError("The PostgreSQL database already holds an election; an election is imported into an empty one.")
            } catch { throw userFacing(error) }
        }

        /// A record bundle: checked, or kept beside the current election (replacing a record of the same id with --replace).
        func keepRecord() async throws {
            do {
                let record = check ? try ElectionRecordFiles.check(path)
                    : try await store.withStore(defaultPath: nil) { try await ElectionRecordFiles.keep(path, in: $0, replacing: replace) }
                let e = record.election
                print("\(check ? "\(path): no problems. " : "Kept the record of ")\(e.id) (\(e.electionDay.iso), \(record.status.rawValue)): "
                      + "\(record.constituencies.count) constituencies, \(record.parties.count) parties.")
            } catch let problems as ElectionBundle.Problems {
                throw ValidationError("\(problems.all.count) problem(s) in \(path); nothing was written:\n\(problems)")
            } catch { throw userFacing(error) }
        }

        static func summary(_ r: ElectionReferenceData) -> String {
            "\(r.election.id): \(r.constituencies.count) constituencies, \(r.communes.count) communes, "
                + "\(r.pollingStations.count) polling stations, \(r.commissions.count) commissions, \(r.parties.count) parties, "
                + "\(r.candidates.count) candidates"
        }
    }
}
