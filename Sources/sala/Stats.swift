import ArgumentParser
import ElectionCore
import Foundation

/// `sala stats`: the headline counts of a database.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print provinces, communes, stations, commission members, voters, parties, candidates and seats.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard store.db != nil || store.postgres != nil else {
            throw ValidationError("Give --db PATH or --postgres URL.")
        }
    }

    func run() async throws {
        let opened = try await store.target(defaultPath: nil).openExisting()
        let statistics = try await opened.statistics()
        try await opened.close()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
        } else {
            print(StatisticsReport(statistics).text)
        }
    }
}

/// The statistics as an aligned two-column table.
struct StatisticsReport {
    let statistics: ElectionStatistics

    init(_ statistics: ElectionStatistics) {
        self.statistics = statistics
    }

    var text: String {
        let s = statistics
        let members = s.commissionMembers
        let rows: [(String, Int)] = [
            ("provinces", s.provinces),
            ("communes", s.communes),
            ("polling stations", s.pollingStations),
            ("commission members, national", members["national"] ?? 0),
            ("commission members, provincial", members["provincial"] ?? 0),
            ("commission members, commune", members["commune"] ?? 0),
            ("commission members, polling station", members["polling-station"] ?? 0),
            ("registered voters", s.registeredVoters),
            ("voters on the register", s.votersOnRegister ?? 0),
            ("parties", s.parties),
            ("candidates", s.candidates),
            ("women candidates", s.womenCandidates),
            ("seats", s.seats),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count + 2) + Numerals.grouped(value)
        }.joined(separator: "\n")
    }
}
