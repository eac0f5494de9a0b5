import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionStore
import Foundation

/// `sala import`: data into Sala from plain formats.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data.", subcommands: [Voters.self])

    struct Voters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the voters of a register file (CSV) to the register.",
            discussion: """
                Columns (header line required, any order): \(RegisterFile.headerLine). \
                Each line is checked: a well-formed voter number and date of birth, 18 or older on \
                election day, the election's citizenship, no disqualification, a known polling station. \
                A line that fails goes to the rejects file with its line number, the field and the \
                reason; the others are committed in batches. A voter already on the register with the \
                same details is not added again, so running the same file twice adds nothing; an \
                interrupted import continues where its last batch ended when run again.
                """)

        @Argument(help: "The register file (CSV, UTF-8).") var file: String
        @OptionGroup var store: StoreOptions
        @Option(help: "Where rejected lines go (default: FILE.rejects.csv).") var rejects: String?
        @Option(help: "Voters committed together.") var batch = 20_000
        @Flag(help: "Import a file that was imported in full before (e.g. after removals).") var again = false

        func validate() throws {
            guard (1...1_000_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1,000,000.") }
        }

        func run() async throws {
            let voterImport: VoterImport
            do { voterImport = try VoterImport(path: file) } catch { throw userFacing(error) }
            let rejectsPath = rejects ?? file + ".rejects.csv"
            let file = file
            let progressBar = ProgressBar(label: "Importing", total: Int(voterImport.size), counting: .bytes)
            let outcome = try await store.withStore(defaultPath: nil) { db in
                try await voterImport.run(
                    into: db, rejectsPath: rejectsPath, batchSize: batch, again: again,
                    actor: ProcessInfo.processInfo.environment["USER"] ?? "sala"
                ) { event in
                    switch event {
                    case .continuing(let startedAt, let afterLine):
                        announce("Continuing the import of \(file) started on \(startedAt.formatted(.iso8601)), after line \(Numerals.grouped(afterLine)).")
                    case .searchIndexesDeferred:
                        announce("The file is larger than the register: name searches are slow until the import ends.")
                    case .stored(let bytes):
                        progressBar.update(Int(bytes))
                    }
                }
            }
            switch outcome {
            case .importedBefore(let finishedAt):
                announce("\(file) was imported in full on \(finishedAt.formatted(.iso8601)): nothing to do (--again imports it again).")
            case .finished(let summary):
                announce("""
                    \(Numerals.grouped(summary.rows)) lines read: \(Numerals.grouped(summary.added)) voters added, \
                    \(Numerals.grouped(summary.alreadyRegistered)) already on the register, \(Numerals.grouped(summary.rejected)) rejected\
                    \(summary.rejected > 0 ? " (see \(rejectsPath))" : "").
                    """)
            }
        }
    }
}
