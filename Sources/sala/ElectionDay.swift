import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStore
import Foundation

/// `sala election-day`: the reference scenario's election day.
struct ElectionDay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election-day",
        abstract: "Generate the reference scenario's election day: every polling station's reports.",
        subcommands: [Simulate.self, Police.self])

    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a generated election day: every station's opening, turnout at the set times, closing and incidents.",
            discussion: """
                Most stations open a few minutes before polls open; about 5% open late and 1.5% more than 30 minutes \
                late; 0.5% never report; 1% miss a turnout report; 2.5% close late with voters in line; 3.5% report \
                incidents. The reports go through the store's own checks. With --until, only the reports made by that \
                local time, as the dashboard would see the day then (serve with --clock-start at that time).
                """)

        @Argument(help: "The scenario (only cambodia-2023).") var scenario: String
        @OptionGroup var store: StoreOptions
        @Option(help: "Seed of the generated day.") var seed: UInt64 = CambodiaScenario.defaultSeed
        @Option(help: "Only the reports made by this local time, HH:MM.") var until: String?

        func validate() throws {
            guard scenario == CambodiaScenario.name else {
                throw ValidationError("Unknown scenario '\(scenario)'; the only one is \(CambodiaScenario.name).")
            }
            if let until, ClockTime(until) == nil { throw ValidationError("--until must be a time of day HH:MM, not '\(until)'.") }
        }

        func run() async throws {
            let summary = try await store.withStore(defaultPath: nil) { db in
                var bar: ProgressBar?
                return try await ElectionDaySimulation(store: db, seed: seed).run(until: until.flatMap(ClockTime.init)) { done, total in
                    if bar == nil { bar = ProgressBar(label: "reports", total: total) }
                    bar?.update(done)
                }
            }
            announce(String(format: "Stored %@ reports of %@ stations in %.1f s (%@ already there).",
                Numerals.grouped(summary.stored), Numerals.grouped(summary.stations), summary.seconds, Numerals.grouped(summary.repeated)))
        }
    }
}

extension ElectionDay {
    struct Police: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the police officers posted at polling stations from a CSV file: station_code,officers.",
            discussion: """
                The file has a header line `station_code,officers`, then one line per station. Stations not in the file \
                keep what they have. Every line is checked before anything is stored: a bad line stores nothing. \
                Commissions see the figures on election day's pages; the public does not.
                """)

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            var officers: [StationCode: Int] = [:]
            for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if index == 0 {
                    guard fields == ["station_code", "officers"] else { throw ValidationError("\(file): line 1 must be station_code,officers.") }
                    continue
                }
                guard fields.count == 2, let code = StationCode(rawValue: fields[0]) else {
                    throw ValidationError("\(file): line \(index + 1): station_code must be a nine-digit station code.")
                }
                guard let n = Int(fields[1]), (0...1_000).contains(n) else {
                    throw ValidationError("\(file): line \(index + 1): officers must be a whole number from 0 to 1,000.")
                }
                guard officers.updateValue(n, forKey: code) == nil else { throw ValidationError("\(file): line \(index + 1): station \(code) again.") }
            }
            let count = officers.count, total = officers.values.reduce(0, +)
            try await store.withStore(defaultPath: nil) { db in try await db.assignPolice(officers, by: nil, at: Date()) }
            announce("Set the police of \(Numerals.grouped(count)) stations: \(Numerals.grouped(total)) officers.")
        }
    }
}
