import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionStore
import ElectionWeb
import Foundation

/// `sala register`: the voter register as officials print it.
struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print voter lists, search the register, find likely duplicates.",
        subcommands: [List.self, Search.self, Duplicates.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The printed voter list of a station (or of every station of a commune): HTML ready to print, Khmer order, a signature column.")

        @OptionGroup var store: StoreOptions
        @Option(help: "A polling station code (9 digits).") var station: String?
        @Option(help: "A commune code (6 digits): one page per station.") var commune: String?
        @Option(help: "Output file (standard output when absent).") var out: String?

        func validate() throws {
            guard (station == nil) != (commune == nil) else { throw ValidationError("Give either --station or --commune.") }
            if let station, StationCode(station) == nil {
                throw ValidationError("--station must be a 9-digit polling station code.")
            }
            if let commune, CommuneCode(commune) == nil {
                throw ValidationError("--commune must be a 6-digit commune code.")
            }
        }

        func run() async throws {
            let html = try await store.withStore { db in
                let stations: [PollingStation]
                if let station {
                    stations = [try await db.pollingStation(StationCode(station)!)]
                } else {
                    stations = try await db.pollingStations(inCommune: try await db.commune(CommuneCode(commune ?? "")!).id)
                }
                var pages: [(PollingStation, [Voter])] = []
                for s in stations { pages.append((s, try await db.voters(atStation: s.id))) }
                return try await VoterListDocument.html(title: "Voter list \(station ?? commune ?? "")", stations: pages)
            }
            try write(html, to: out)
        }
    }
}

extension Register {
    /// `sala register search`: the officials' search by name, on the command line.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the register by name and date of birth, ranked (officials only: it shows personal data).",
            discussion: """
                With --queries FILE (lines of name,YYYY-MM-DD), runs every search and prints how many found \
                someone and the latency percentiles, for benchmarks.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The name, in Khmer or Latin letters.") var name: String?
        @Option(help: "Date of birth, YYYY-MM-DD.") var born: String?
        @Flag(help: "Also look at dates often mistyped.") var slips = false
        @Option(help: "A file of searches, one name,YYYY-MM-DD a line.") var queries: String?

        func validate() throws {
            guard (name == nil) != (queries == nil) else { throw ValidationError("Give either --name or --queries.") }
            if let born, CalendarDate(iso: born) == nil { throw ValidationError("--born must be a date, YYYY-MM-DD.") }
        }

        func run() async throws {
            try await store.withStore { db in
                if let queries {
                    let searches = SearchTimings.searches(
                        inQueries: try String(contentsOfFile: queries, encoding: .utf8), toleratesDateSlips: slips)
                    let t = try await SearchTimings.run(searches, on: db)
                    announce("searches=\(t.searches) found=\(t.found) p50_ms=\(t.percentile(0.5)) p99_ms=\(t.percentile(0.99)) max_ms=\(t.percentile(1))")
                    return
                }
                let search = VoterSearch(name: name ?? "", dateOfBirth: born.flatMap { CalendarDate(iso: $0) }, toleratesDateSlips: slips)
                for match in try await db.searchVoters(search) {
                    let v = match.voter
                    announce("\(v.number)  \(v.name.khmer)  \(v.name.latin)  \(v.sex.rawValue)  \(v.dateOfBirth.iso)  \(v.stationCode)  \(match.closeness.rawValue)\(match.dateOfBirthExact ? "" : ", other date")")
                }
            }
        }
    }

    /// `sala register duplicates`: the duplicate scan.
    struct Duplicates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole register for likely duplicates and queue new cases for officials.",
            discussion: """
                Voters are alike when they have the same name (exact: the same Khmer name as a reader sees it; \
                sound: the same Latin key) and date of birth, and, if asked, the same province or commune. \
                Officials decide the cases at /{lang}/desk/duplicates or through the API.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "name=exact|sound,place=anywhere|province|commune") var rule = DuplicateRule().description

        func validate() throws {
            guard DuplicateRule(rule) != nil else {
                throw ValidationError("--rule must be name=exact|sound,place=anywhere|province|commune, not '\(rule)'.")
            }
        }

        func run() async throws {
            let rule = DuplicateRule(rule)!
            let started = Date()
            let scan = try await store.withStore { db in try await db.findDuplicates(rule) }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            announce("\(rule): \(Numerals.grouped(scan.groups)) groups of alike voters (\(Numerals.grouped(scan.voters)) voters), "
                     + "\(Numerals.grouped(scan.newCases)) new cases, in \(seconds) s.")
        }
    }
}

/// `sala export`: data out of Sala in plain formats.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export data.", subcommands: [Voters.self])

    struct Voters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The whole register as CSV, in the columns `sala import voters` reads: \(RegisterFile.headerLine).")

        @OptionGroup var store: StoreOptions
        @Option(help: "Output file (standard output when absent).") var out: String?

        func run() async throws {
            // Standard output is written through its handle: creating the file "/dev/stdout"
            // replaces the device link with a regular file (createFile writes atomically), so
            // nothing reaches the output and, run as root, /dev/stdout is broken for everyone.
            let handle: FileHandle
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil), let file = FileHandle(forWritingAtPath: out) else {
                    throw ValidationError("Cannot write \(out).")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            defer { if out != nil { try? handle.close() } }
            try await store.withStore { db in
                try await RegisterExport.write(from: db) { handle.write(Data($0.utf8)) }
            }
        }
    }
}

/// Writes text to a file, or to standard output when there is none.
func write(_ text: String, to path: String?) throws {
    try write(Data(text.utf8), to: path)
}

/// Writes bytes to a file (replacing it whole, never half-written), or to standard output when there is none.
func write(_ data: Data, to path: String?) throws {
    if let path {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } else {
        FileHandle.standardOutput.write(data)
    }
}
