import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStoreSQL
import Foundation

/// `sala scenario cambodia-2023`: builds the reference scenario into a new database.
struct Scenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a reference scenario into a new database.",
        discussion: "The only scenario is cambodia-2023: the National Assembly election of 23 July 2023."
    )

    @Argument(help: "The scenario to build: cambodia-2023.")
    var name: String

    @OptionGroup var store: StoreOptions

    @Option(help: "Voters on the generated register (1 to 9,710,655); the full register by default.")
    var voters: Int = CambodiaScenario.officialRegisteredVoters

    @Option(help: "Seed of the generator: the same seed builds the same database.")
    var seed: UInt64 = CambodiaScenario.defaultSeed

    @Flag(help: "Replace an existing database.")
    var force = false

    @Flag(help: "Leave the register empty (stations keep their sizes), for `sala import voters`.")
    var withoutRegister = false

    func validate() throws {
        guard name == CambodiaScenario.name else {
            throw ValidationError("Unknown scenario '\(name)'; the only scenario is \(CambodiaScenario.name).")
        }
        guard (1...CambodiaScenario.officialRegisteredVoters).contains(voters) else {
            throw ValidationError("--voters must be between 1 and 9,710,655, not \(voters).")
        }
        guard store.db != nil || store.postgres != nil else {
            throw ValidationError("Give --db PATH or --postgres URL.")
        }
    }

    func run() async throws {
        let target = try store.target(defaultPath: nil)
        let build = ScenarioBuild.showingProgress(seed: seed, voters: voters, storesRegister: !withoutRegister)
        let report: ScenarioBuild.Report
        switch target {
        case .sqlite(let path): report = try await build.buildSQLite(at: path, replacing: force)
        case .postgres(let url): report = try await build.buildPostgres(url: url, replacing: force)
        }
        let statistics = try await store.withStore(defaultPath: nil) { db in try await db.statistics() }
        print("Built \(name) (seed \(seed)) in \(String(format: "%.1f", report.totalSeconds)) s.")
        print(String(format: "reference data: %.1f s; register: %@ voters in %.1f s (%@ voters/s)",
                     report.referenceSeconds, Numerals.grouped(report.voters), report.registerSeconds,
                     Numerals.grouped(Int(Double(report.voters) / max(report.registerSeconds, 0.001)))))
        if case .sqlite(let path) = target,
           let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int {
            print("database: \(path), \(Numerals.grouped(size / 1_048_576)) MiB")
        }
        print(StatisticsReport(statistics).text)
    }
}

extension ScenarioBuild {
    /// A build that shows the voters stored on a progress bar.
    static func showingProgress(seed: UInt64, voters: Int, storesRegister: Bool = true) -> ScenarioBuild {
        let bar = ProgressBar(label: "voters", total: storesRegister ? voters : 0)
        return ScenarioBuild(seed: seed, voters: voters, storesRegister: storesRegister) { bar.update($0) }
    }
}
