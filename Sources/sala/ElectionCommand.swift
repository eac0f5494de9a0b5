import ArgumentParser
import ElectionCore
import ElectionOperations
import Foundation

/// `sala election`: the elections in a database, and taking one out.
struct ElectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election",
        abstract: "The elections a database holds, and one exported as open data.",
        subcommands: [List.self, ExportDefinition.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the elections: id, polling day, seats, name.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            for e in try await store.withStore({ try await ElectionExport.list($0) }) {
                print("\(e.id)\t\(e.electionDay.iso)\t\(e.seats) seats\t\(e.nameEnglish)")
            }
        }
    }

    struct ExportDefinition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write an election's definition (units down to polling stations, parties, contests) as NIST SP 1500-100 v2 JSON, status pre-election.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The election's id (see sala election list).") var id: String
        @Option(help: "nist-cdf-json.") var format = "nist-cdf-json"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func validate() throws {
            guard format == "nist-cdf-json" else { throw ValidationError("--format must be nist-cdf-json, not '\(format)'.") }
        }

        func run() async throws {
            let data = try await store.withStore { try await ElectionExport.nist($0, id: id, generatedAt: Date()) }
            if let out {
                try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
    }
}
