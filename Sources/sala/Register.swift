import ArgumentParser
import ElectionCore
import ElectionStore
import ElectionWeb
import Foundation

/// `sala register`: the voter register as officials print it.
struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print voter lists of polling stations.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The printed voter list of a station (or of every station of a commune): HTML ready to print, Khmer order, a signature column.")

        @OptionGroup var store: StoreOptions
        @Option(help: "A polling station code (9 digits).") var station: String?
        @Option(help: "A commune code (6 digits): one page per station.") var commune: String?
        @Option(help: "Output file (standard output when absent).") var out: String?

        func validate() throws {
            guard (station == nil) != (commune == nil) else { throw ValidationError("Give either --station or --commune.") }
            if let station, !(station.count == 9 && station.allSatisfy(\.isNumber)) {
                throw ValidationError("--station must be a 9-digit polling station code.")
            }
            if let commune, !(commune.count == 6 && commune.allSatisfy(\.isNumber)) {
                throw ValidationError("--commune must be a 6-digit commune code.")
            }
        }

        func run() async throws {
            let html = try await store.withStore { db in
                let stations: [PollingStation]
                if let station {
                    stations = [try await db.pollingStation(station)]
                } else {
                    stations = try await db.pollingStations(inCommune: try await db.commune(commune ?? "").id)
                }
                var pages: [(PollingStation, [Voter])] = []
                for s in stations { pages.append((s, try await db.voters(atStation: s.id))) }
                return try await VoterListDocument.html(title: "Voter list \(station ?? commune ?? "")", stations: pages)
            }
            try write(html, to: out)
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
            let path = out ?? "/dev/stdout"
            FileManager.default.createFile(atPath: path, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("Cannot write \(path).") }
            defer { try? handle.close() }
            handle.write(Data((RegisterFile.headerLine + "\n").utf8))
            try await store.withStore { db in
                let citizenship = try await db.election().citizenship
                var last: VoterNumber?
                while true {
                    let page = try await db.voters(after: last, limit: 50_000)
                    guard let end = page.last else { break }
                    var text = ""
                    for v in page { text += RegisterFile.line(of: v, citizenship: citizenship) }
                    handle.write(Data(text.utf8))
                    last = end.number
                }
            }
        }
    }
}

/// Writes text to a file, or to standard output when there is none.
func write(_ text: String, to path: String?) throws {
    if let path {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
