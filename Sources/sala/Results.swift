import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import Foundation

/// `sala results`: replaying the reference count, and exporting results.
struct Results: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay the reference election's count, or export results.",
        subcommands: [Replay.self, Export.self])

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter a generated count form for every station, as officials would, reaching the official 2023 results.",
            discussion: """
                Two officials per commune enter every form blind, provincial officials acknowledge warnings and \
                confirm their province, the NEC confirms the nation and publishes. With the full register the \
                national totals and the seats per province equal the official 2023 results; the command \
                checks that and fails if they do not.
                """)

        @Argument(help: "The scenario (only cambodia-2023).") var scenario: String
        @OptionGroup var store: StoreOptions
        @Option(help: "Seed of the generated count.") var seed: UInt64 = CambodiaScenario.defaultSeed

        func validate() throws {
            guard scenario == CambodiaScenario.name else {
                throw ValidationError("Unknown scenario '\(scenario)'; the only one is \(CambodiaScenario.name).")
            }
        }

        func run() async throws {
            let summary = try await store.withStore(defaultPath: nil) { db in
                let bar = ProgressBar(label: "forms", total: try await db.statistics(countingRegister: false).pollingStations)
                return try await ResultsReplay(store: db, seed: seed).run { done, _ in bar.update(done) }
            }
            let r = summary.report
            let n = r.national.counts
            announce(String(format: "Replayed %@ forms in %.1f s; publication %d, SHA-256 %@.",
                Numerals.grouped(r.national.stationsReported), summary.seconds, summary.publication.number.rawValue, summary.publication.digest))
            announce("Ballots cast \(Numerals.grouped(n.ballotsInBox)), valid \(Numerals.grouped(n.validVotes)), invalid \(Numerals.grouped(n.invalidBallots)).")
            let seats = r.seatsByParty.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            let names = Dictionary(uniqueKeysWithValues: r.parties.map { ($0.id, $0.abbreviation.isEmpty ? $0.nameEnglish : $0.abbreviation) })
            announce("Seats: " + seats.map { "\(names[$0.key] ?? $0.key.description) \($0.value)" }.joined(separator: ", ") + ".")
            guard let mismatches = summary.differencesFromOfficial else {
                announce("The register is smaller than the official one, so the totals are scaled and not compared.")
                return
            }
            guard mismatches.isEmpty else {
                throw ValidationError("The replay does not reproduce the official results: \(mismatches.joined(separator: ", ")).")
            }
            announce("Totals and seats per province equal the official 2023 results.")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the results in an exchange format.",
            discussion: "nist-cdf-json: NIST SP 1500-100 version 2 Election Results Reporting, JSON.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Format: nist-cdf-json.") var format: String
        @Option(help: "Output file (standard output when absent).") var output: String?
        @Option(help: "Export this publication instead of the results as they stand.") var publication: PublicationNumber?

        func validate() throws {
            guard format == "nist-cdf-json" else { throw ValidationError("--format must be nist-cdf-json, not '\(format)'.") }
        }

        func run() async throws {
            let (report, generatedAt) = try await store.withStore { db -> (ResultsReport, Date) in
                guard let number = publication else { return (try await db.resultsReport(), Date()) }
                let published = try await db.publication(number)
                return (try published.report(), published.publishedAt)
            }
            let data = try NISTResultsExport.json(report, generatedAt: generatedAt, publication: publication?.rawValue)
            try write(data, to: output)
        }
    }
}

extension PublicationNumber: ExpressibleByArgument {}
