import ArgumentParser
import ElectionCore
import ElectionOperations
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
        let statistics = try await store.withStore(defaultPath: nil) { db in try await db.statistics() }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
        } else {
            print(StatisticsReport(statistics).text)
        }
    }
}
